/// A JSON value whose objects keep their keys in the order they were written, so the JSON
/// and SARIF outputs are stable byte for byte.
package enum JSONValue: Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case string(String)
  case array([JSONValue])
  case object([(key: String, value: JSONValue)])

  /// `.string` for a value, `.null` for `nil`.
  package static func string(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }

  /// `.int` for a value, `.null` for `nil`.
  package static func int(_ number: Int?) -> JSONValue { number.map { .int($0) } ?? .null }

  /// The value pretty-printed: two-space indentation, `"key": value`, empty arrays and
  /// objects as `[]` and `{}`, no trailing line break.
  package func pretty() -> String {
    var output = ""
    write(into: &output, indent: 0)
    return output
  }

  private func write(into output: inout String, indent: Int) {
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .int(let value): output += String(value)
    case .string(let value): Self.writeString(value, into: &output)
    case .array(let items):
      guard !items.isEmpty else {
        output += "[]"
        return
      }
      output += "[\n"
      for (index, item) in items.enumerated() {
        output += String(repeating: "  ", count: indent + 1)
        item.write(into: &output, indent: indent + 1)
        output += index == items.count - 1 ? "\n" : ",\n"
      }
      output += String(repeating: "  ", count: indent) + "]"
    case .object(let entries):
      guard !entries.isEmpty else {
        output += "{}"
        return
      }
      output += "{\n"
      for (index, entry) in entries.enumerated() {
        output += String(repeating: "  ", count: indent + 1)
        Self.writeString(entry.key, into: &output)
        output += ": "
        entry.value.write(into: &output, indent: indent + 1)
        output += index == entries.count - 1 ? "\n" : ",\n"
      }
      output += String(repeating: "  ", count: indent) + "}"
    }
  }

  /// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped,
  /// everything else (non-ASCII included) kept as is, so the output stays UTF-8.
  static func writeString(_ text: String, into output: inout String) {
    output += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case "\u{08}": output += "\\b"
      case "\u{0C}": output += "\\f"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default:
        output.unicodeScalars.append(scalar)
      }
    }
    output += "\""
  }
}
