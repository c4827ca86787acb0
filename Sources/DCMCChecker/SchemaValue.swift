/// A JSON value with keys in the order written, for `LanguageSchema`.
indirect enum SchemaValue {
  case bool(Bool)
  case int(Int)
  case string(String)
  case array([SchemaValue])
  case object([(String, SchemaValue)])

  /// Two-space indented JSON with a final line break.
  var pretty: String {
    var output = ""
    write(into: &output, indent: 0)
    return output + "\n"
  }

  private func write(into output: inout String, indent: Int) {
    let pad = String(repeating: "  ", count: indent + 1)
    switch self {
    case .bool(let value): output += value ? "true" : "false"
    case .int(let value): output += String(value)
    case .string(let text): Self.quote(text, into: &output)
    case .array(let items):
      // Arrays of scalars (enums, required lists) stay on one line.
      if items.allSatisfy(\.isScalar) {
        output += "["
        for (index, item) in items.enumerated() {
          if index > 0 { output += ", " }
          item.write(into: &output, indent: indent)
        }
        output += "]"
        return
      }
      output += "[\n"
      for (index, item) in items.enumerated() {
        output += pad
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
        output += pad
        Self.quote(entry.0, into: &output)
        output += ": "
        entry.1.write(into: &output, indent: indent + 1)
        output += index == entries.count - 1 ? "\n" : ",\n"
      }
      output += String(repeating: "  ", count: indent) + "}"
    }
  }

  private var isScalar: Bool {
    switch self {
    case .bool, .int, .string: true
    case .array, .object: false
    }
  }

  private static func quote(_ text: String, into output: inout String) {
    output += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\t": output += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    output += "\""
  }
}
