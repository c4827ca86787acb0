/// A routing target with its workbin: members with skills, and supervisors.
public struct Workgroup: Sendable {
  public var header: DefinitionHeader
  public var members: [Member]
  public var supervisors: [Located<String>]

  public init(header: DefinitionHeader, members: [Member], supervisors: [Located<String>]) {
    self.header = header
    self.members = members
    self.supervisors = supervisors
  }

  public struct Member: Sendable {
    public var user: Located<String>
    /// Proficiency per skill, 0...100.
    public var skills: [(name: Located<String>, level: Located<Int>)]

    public init(user: Located<String>, skills: [(name: Located<String>, level: Located<Int>)]) {
      self.user = user
      self.skills = skills
    }
  }
}

/// The extra fields of the built-in customer record.
public struct CustomerProfile: Sendable {
  public var header: DefinitionHeader
  public var fields: [FieldDefinition]

  /// The fields every customer record has; a profile may not redefine them.
  public static let builtinFields = ["id", "name", "email", "phone"]

  public init(header: DefinitionHeader, fields: [FieldDefinition]) {
    self.header = header
    self.fields = fields
  }
}
