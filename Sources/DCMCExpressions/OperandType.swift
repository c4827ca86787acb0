/// The type of an operand or sub-condition, as the checker sees it.
enum OperandType: Equatable {
  case string
  /// A value of an `enum` field: a string limited to the field's `values`.
  case enumeration
  case number
  case boolean
  case date
  case datetime

  init(_ field: FieldType) {
    switch field {
    case .string, .text, .email, .phone: self = .string
    case .integer, .number: self = .number
    case .boolean: self = .boolean
    case .date: self = .date
    case .datetime: self = .datetime
    case .enumeration: self = .enumeration
    }
  }

  init(_ value: Value) {
    switch value {
    case .string: self = .string
    case .number: self = .number
    case .boolean: self = .boolean
    case .date: self = .date
    case .datetime: self = .datetime
    }
  }

  /// Enum values are strings: they compare with string fields and literals.
  func canCompare(with other: OperandType) -> Bool {
    family == other.family
  }

  var isOrdered: Bool {
    self == .number || self == .date || self == .datetime
  }

  private var family: OperandType { self == .enumeration ? .string : self }

  /// The type with an article, for messages: "a date", "an enum value".
  var phrase: String {
    switch self {
    case .string: "a string"
    case .enumeration: "an enum value"
    case .number: "a number"
    case .boolean: "a boolean"
    case .date: "a date"
    case .datetime: "a datetime"
    }
  }

  /// The type in the plural, for messages: "strings", "enum values".
  var plural: String {
    switch self {
    case .string: "strings"
    case .enumeration: "enum values"
    case .number: "numbers"
    case .boolean: "booleans"
    case .date: "dates"
    case .datetime: "datetimes"
    }
  }
}
