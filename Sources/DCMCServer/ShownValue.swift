import DCMCRuntime
internal import DCMCText

/// A case's value as a page shows it to staff: as written, in the order it is stored. A
/// bidirectional control (U+202A-202E, U+2066-2069, `Unicode.Scalar.isBidirectionalControl`)
/// is shown as a mark (`⟨U+202E⟩`) instead of applied, so `U+202E` + `Jane Doe` reads
/// `⟨U+202E⟩Jane Doe`, not `eoD enaJ`. The value itself is kept as given: right-to-left text
/// (Arabic, Hebrew) needs no control and shows in its own order, in an isolate (`dir="auto"`).
enum ShownValue {
  /// Whether `text` holds a control a page would apply.
  static func hasControls(_ text: String) -> Bool { text.unicodeScalars.contains(where: \.isBidirectionalControl) }

  /// `text` as runs of text, each control a `span.bidi-control` naming it (`⟨U+202E⟩`).
  static func marked(_ text: String) -> [HTML] {
    var parts: [HTML] = []
    var run = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      guard scalar.isBidirectionalControl else {
        run.append(scalar)
        continue
      }
      if !run.isEmpty { parts.append(.text(String(run))) }
      run = String.UnicodeScalarView()
      parts.append(.tag("span", [("class", "bidi-control")], text: "⟨\(code(scalar))⟩"))
    }
    if !run.isEmpty || parts.isEmpty { parts.append(.text(String(run))) }
    return parts
  }

  /// `U+202E`.
  private static func code(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
