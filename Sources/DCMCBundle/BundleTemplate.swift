/// A notification template, pre-parsed.
public struct BundleTemplate: Sendable, Hashable, Encodable {
  public var id: String
  public var name: String
  public var description: String?
  public var source: BundleSource
  public var subject: [BundleTextPart]?
  public var body: [BundleTextPart]

  public init(
    id: String, name: String, description: String?, source: BundleSource,
    subject: [BundleTextPart]?,
    body: [BundleTextPart]
  ) {
    self.id = id
    self.name = name
    self.description = description
    self.source = source
    self.subject = subject
    self.body = body
  }
}

/// A piece of a text with placeholders: literal text, or a variable to insert as text.
/// Exactly one of the two is set.
public struct BundleTextPart: Sendable, Hashable, Encodable {
  public var text: String?
  /// The variable's name (`Case_Id`, or a field id).
  public var variable: String?

  public static func text(_ text: String) -> BundleTextPart {
    BundleTextPart(text: text, variable: nil)
  }
  public static func variable(_ name: String) -> BundleTextPart {
    BundleTextPart(text: nil, variable: name)
  }
}

/// A routing target with its members and supervisors.
public struct BundleWorkgroup: Sendable, Hashable, Encodable {
  public var id: String
  public var name: String
  public var description: String?
  public var source: BundleSource
  /// In the order written: scenarios act as the first member by default.
  public var members: [BundleMember]
  public var supervisors: [String]
  /// The default `mode` of the tasks routed here; `nil`: pull.
  public var mode: BundleDistributionMode?
  /// The default offer time-out in seconds of the tasks pushed here; only with `mode` push.
  public var offerTimeoutSeconds: Int?
  /// `nil`: the workgroup gives no service level (and the `service-level` report skips it).
  public var serviceLevel: BundleWorkbinServiceLevel?

  private enum CodingKeys: String, CodingKey {
    case id, name, description, source, members, supervisors, mode
    case offerTimeoutSeconds = "offer_timeout_seconds"
    case serviceLevel = "service_level"
  }

  public init(
    id: String, name: String, description: String?, source: BundleSource, members: [BundleMember],
    supervisors: [String], mode: BundleDistributionMode? = nil, offerTimeoutSeconds: Int? = nil,
    serviceLevel: BundleWorkbinServiceLevel? = nil
  ) {
    self.id = id
    self.name = name
    self.description = description
    self.source = source
    self.members = members
    self.supervisors = supervisors
    self.mode = mode
    self.offerTimeoutSeconds = offerTimeoutSeconds
    self.serviceLevel = serviceLevel
  }
}

public struct BundleMember: Sendable, Hashable, Encodable {
  public var user: String
  /// Sorted by skill name.
  public var skills: [BundleSkill]
  /// How much work the member may hold at once, 1...100 (1 in bundles compiled before push).
  public var capacity: Int

  public init(user: String, skills: [BundleSkill], capacity: Int = 1) {
    self.user = user
    self.skills = skills
    self.capacity = capacity
  }

  /// The capacities the checker accepts (DC7011).
  public static let capacities = 1...100
}

public struct BundleSkill: Sendable, Hashable, Encodable {
  public var skill: String
  /// Proficiency, 0...100.
  public var level: Int

  public init(skill: String, level: Int) {
    self.skill = skill
    self.level = level
  }
}

/// The extra fields of the customer record, the pattern of customer ids and the region
/// assumed for phone numbers written without a calling code.
public struct BundleCustomerProfile: Sendable, Hashable, Encodable {
  public var id: String
  public var source: BundleSource
  public var fields: [BundleField]
  /// The customer id pattern (`CUS-{seq:6}`), the default applied.
  public var reference: String
  /// ISO 3166 alpha-2 (`BE`); `nil`: every number must carry its calling code.
  public var phoneRegion: String?

  /// The customer id pattern without a profile, or of a profile that gives none.
  public static let defaultReference = "CUS-{seq:6}"

  /// The most extra fields a profile has (DC7004).
  public static let maximumFields = 5

  enum CodingKeys: String, CodingKey {
    case id, source, fields, reference
    case phoneRegion = "phone_region"
  }

  public init(id: String, source: BundleSource, fields: [BundleField], reference: String, phoneRegion: String?) {
    self.id = id
    self.source = source
    self.fields = fields
    self.reference = reference
    self.phoneRegion = phoneRegion
  }
}

/// A form field (case creation, form task, customer profile).
public struct BundleField: Sendable, Hashable, Encodable {
  public enum Kind: String, Sendable, Hashable, Encodable, CaseIterable {
    case string, text, integer, number, boolean, date, datetime, email, phone
    case enumeration = "enum"
  }

  public var id: String
  public var name: String
  public var type: Kind
  public var required: Bool
  /// The allowed values of an `enum` field, in the order written; empty otherwise.
  public var values: [String]
  public var pattern: String?
  public var description: String?
  /// On the case type's public form (`public`); only `false` is written, so a field that is
  /// (and every field of a bundle compiled before the key) leaves the bytes as they were.
  public var isPublic: Bool

  private enum CodingKeys: String, CodingKey {
    case id, name, type, required, values, pattern, description
    case isPublic = "public"
  }

  public init(
    id: String, name: String, type: Kind, required: Bool, values: [String], pattern: String?,
    description: String?, isPublic: Bool = true
  ) {
    self.id = id
    self.name = name
    self.type = type
    self.required = required
    self.values = values
    self.pattern = pattern
    self.description = description
    self.isPublic = isPublic
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(name, forKey: .name)
    try container.encode(type, forKey: .type)
    try container.encode(required, forKey: .required)
    try container.encode(values, forKey: .values)
    try container.encodeIfPresent(pattern, forKey: .pattern)
    try container.encodeIfPresent(description, forKey: .description)
    if !isPublic { try container.encode(false, forKey: .isPublic) }
  }
}
