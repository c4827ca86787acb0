public import DCMCExpressions
import DCMCJSON

/// A form value as its field's type reads it: integers and numbers as numbers, booleans as
/// booleans, the rest (dates and datetimes in ISO 8601) as text; an empty value (an optional
/// field left blank) is null.
public enum FieldValue: Sendable, Hashable, JSONConvertible {
  case text(String)
  case number(String)
  case boolean(Bool)
  case null

  public init(text: String, type: FieldType?) {
    guard !text.isEmpty else {
      self = .null
      return
    }
    switch type {
    case .integer?, .number?:
      self = JSONValue.canonicalNumber(text).map { .number($0) } ?? .text(text)
    case .boolean?:
      self = text == "true" ? .boolean(true) : text == "false" ? .boolean(false) : .text(text)
    default:
      self = .text(text)
    }
  }

  /// What a customer record keeps for `json`: text, a number or a boolean (`null` as `.null`).
  package init(json: JSONValue) throws(JSONShapeError) {
    switch json {
    case .string(let text): self = .text(text)
    case .number(let text): self = .number(text)
    case .bool(let value): self = .boolean(value)
    case .null: self = .null
    default: throw JSONShapeError(expected: "a string, a number or a boolean", found: json)
    }
  }

  package var json: JSONValue {
    switch self {
    case .text(let text): .string(text)
    case .number(let text): .number(text)
    case .boolean(let value): .bool(value)
    case .null: .null
    }
  }
}
