/// Text made safe for the page, which is both HTML and well-formed XML (so tests parse it with
/// an XML parser): the five markup characters as references XML and HTML both know, and the
/// control characters XML 1.0 forbids as U+FFFD.
package enum HTMLText {
  package static func escaped(_ text: String) -> String {
    var output = ""
    output.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": output += "&amp;"
      case "<": output += "&lt;"
      case ">": output += "&gt;"
      case "\"": output += "&quot;"
      case "'": output += "&#39;"
      case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
        output += "\u{FFFD}"
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output
  }

  /// `text` cut to `limit` characters, the last one an ellipsis, for a chart's label (the table
  /// below the chart has it whole).
  static func shortened(_ text: String, to limit: Int) -> String {
    text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
  }

  /// A length with two decimals at most, for SVG coordinates: 12.5, 270, 0.33.
  static func length(_ value: Double) -> String {
    let hundredths = Int64((value * 100).rounded())
    let whole = "\(hundredths / 100)"
    let fraction = hundredths % 100
    if fraction == 0 { return whole }
    return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
  }
}
