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
      case _ where isReplaced(scalar): output += "\u{FFFD}"
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output
  }

  /// `text` as a page shows it, markup aside: the characters XML 1.0 forbids as U+FFFD. A
  /// form's field shown so is sent back so, and a page that compares what is sent with what
  /// it showed compares with this.
  package static func shown(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isReplaced) else { return text }
    var output = String.UnicodeScalarView()
    for scalar in text.unicodeScalars { output.append(isReplaced(scalar) ? "\u{FFFD}" : scalar) }
    return String(output)
  }

  /// The control characters XML 1.0 forbids (all below U+0020 but tab and the line breaks,
  /// and U+FFFE, U+FFFF), which a page shows as U+FFFD.
  private static func isReplaced(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r")
      || scalar.value == 0xFFFE || scalar.value == 0xFFFF
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
