/// A routing target with its workbin: members with skills and capacity, supervisors, and the
/// default distribution of its tasks, and the service level of its workbin.
public struct Workgroup: Sendable {
  public var header: DefinitionHeader
  public var members: [Member]
  public var supervisors: [Located<String>]
  /// `distribution: { mode, offer_timeout }`: the default of the tasks routed here.
  public var dispatch: Dispatch
  /// `service_level: { answer_within, target }`; `nil` when not written.
  public var serviceLevel: WorkgroupServiceLevel?

  public init(
    header: DefinitionHeader, members: [Member], supervisors: [Located<String>], dispatch: Dispatch = Dispatch(),
    serviceLevel: WorkgroupServiceLevel? = nil
  ) {
    self.header = header
    self.members = members
    self.supervisors = supervisors
    self.dispatch = dispatch
    self.serviceLevel = serviceLevel
  }

  public struct Member: Sendable {
    public var user: Located<String>
    /// Proficiency per skill, 0...100.
    public var skills: [(name: Located<String>, level: Located<Int>)]
    /// How much work the member may hold at once, offers included; `nil`: `defaultCapacity`.
    public var capacity: Located<Int>?

    public init(
      user: Located<String>, skills: [(name: Located<String>, level: Located<Int>)], capacity: Located<Int>? = nil
    ) {
      self.user = user
      self.skills = skills
      self.capacity = capacity
    }

    /// A member's capacity when none is written.
    public static let defaultCapacity = 1
    /// The capacities a member may have (DC7011).
    public static let capacities = 1...100
  }
}

/// The extra fields of the built-in customer record, the pattern of its ids and the region
/// assumed for phone numbers written without a calling code.
public struct CustomerProfile: Sendable {
  public var header: DefinitionHeader
  public var fields: [FieldDefinition]
  /// `CUS-{seq:6}` when not given (`referenceFormat`).
  public var reference: Located<String>?
  /// ISO 3166 alpha-2 (`BE`); `nil`: every number must carry its calling code.
  public var phoneRegion: Located<String>?

  /// The fields every customer record has; a profile may not redefine them.
  public static let builtinFields = ["id", "name", "email", "phone"]

  /// The most extra fields a profile may add (DC7004).
  public static let maximumFields = 5

  /// The id of a customer when the profile gives no `reference`.
  public static let defaultReference = "CUS-{seq:6}"

  public init(
    header: DefinitionHeader, fields: [FieldDefinition], reference: Located<String>? = nil,
    phoneRegion: Located<String>? = nil
  ) {
    self.header = header
    self.fields = fields
    self.reference = reference
    self.phoneRegion = phoneRegion
  }

  /// The pattern of customer ids, the default applied.
  public var referenceFormat: String { reference?.value ?? Self.defaultReference }
}
