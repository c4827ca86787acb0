/// The declared type of a case field, as written in a case type's `fields:`.
public enum FieldType: Sendable, Hashable {
  case string
  case text
  case integer
  case number
  case boolean
  case date
  case datetime
  case email
  case phone
  /// An `enum` field and its allowed `values`, in declaration order.
  case enumeration([String])

  /// The type named `name` in YAML (`enum` with its `values`); `nil` for an unknown name.
  public init?(name: String, values: [String]) {
    switch name {
    case "string": self = .string
    case "text": self = .text
    case "integer": self = .integer
    case "number": self = .number
    case "boolean": self = .boolean
    case "date": self = .date
    case "datetime": self = .datetime
    case "email": self = .email
    case "phone": self = .phone
    case "enum": self = .enumeration(values)
    default: return nil
    }
  }

  /// The name of the type in YAML (`enum` for `.enumeration`).
  public var name: String {
    switch self {
    case .string: "string"
    case .text: "text"
    case .integer: "integer"
    case .number: "number"
    case .boolean: "boolean"
    case .date: "date"
    case .datetime: "datetime"
    case .email: "email"
    case .phone: "phone"
    case .enumeration: "enum"
    }
  }
}
