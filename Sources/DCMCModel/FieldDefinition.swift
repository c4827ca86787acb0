public import DCMCExpressions

/// The types a form field can have.
public enum FieldKind: String, Sendable, Hashable, CaseIterable {
  case string, text, integer, number, boolean, date, datetime, email, phone
  case enumeration = "enum"
}

/// A field of a case-creation form, a form task or the customer profile.
public struct FieldDefinition: Sendable {
  public var id: Located<String>
  public var name: String
  public var kind: Located<FieldKind>
  public var isRequired: Bool
  /// The allowed values of an enum field.
  public var values: [Located<String>]
  /// A regular expression the whole value must match (string and text fields).
  public var pattern: Located<String>?
  public var description: String?
  /// On the public form of its case type (`public:`, default `true`); staff, the API and the
  /// CLI may set a field that is not.
  public var isPublic: Bool

  public init(
    id: Located<String>, name: String?, kind: Located<FieldKind>, isRequired: Bool, values: [Located<String>],
    pattern: Located<String>?, description: String?, isPublic: Bool = true
  ) {
    self.id = id
    self.name = name ?? id.value
    self.kind = kind
    self.isRequired = isRequired
    self.values = values
    self.pattern = pattern
    self.description = description
    self.isPublic = isPublic
  }
}

/// `Field: value`, as in an outcome's or a rule's `set:`; the value is the scalar's text,
/// typed against the field when checked.
public struct FieldAssignment: Sendable {
  public var field: Located<String>
  public var value: Located<String>

  public init(field: Located<String>, value: Located<String>) {
    self.field = field
    self.value = value
  }
}

extension FieldDefinition {
  /// The field's type as the expression checker sees it.
  public var expressionType: FieldType {
    switch kind.value {
    case .string: .string
    case .text: .text
    case .integer: .integer
    case .number: .number
    case .boolean: .boolean
    case .date: .date
    case .datetime: .datetime
    case .email: .email
    case .phone: .phone
    case .enumeration: .enumeration(values.map(\.value))
    }
  }
}
