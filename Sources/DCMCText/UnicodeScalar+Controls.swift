// One copy of the rule, in a module of its own that depends on nothing, so that the runtime, the
// use cases, the shells and the diagnostics escape the same characters the same way.

extension Unicode.Scalar {
  /// A C0 or C1 control character or DEL (U+0000-001F, U+007F-009F): ids, names and messages
  /// refuse or escape them.
  public var isControlCharacter: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }

  /// One of Unicode's bidirectional embeddings, overrides and isolates (U+202A-202E,
  /// U+2066-2069): they make the text around them display in another order than it is stored
  /// (`invoice\u{202E}fdp.exe` shows as `invoiceexe.pdf`). Customer names and new attachment
  /// names refuse them; messages show them escaped.
  public var isBidirectionalControl: Bool {
    (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
  }
}

extension String {
  /// The text with its control and bidirectional formatting characters shown as `\u{1b}`
  /// escapes: how a line of text shows a value no rule kept them out of (a case's field, an
  /// interaction, the user a tick recorded before 7 December 2026), so the value cannot break
  /// the line, forge the next one or drive the terminal. The text itself when it has none.
  public var escapingControls: String {
    guard unicodeScalars.contains(where: { $0.isControlCharacter || $0.isBidirectionalControl }) else { return self }
    var text = ""
    for scalar in unicodeScalars {
      let hidden = scalar.isControlCharacter || scalar.isBidirectionalControl
      text += hidden ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
    }
    return text
  }
}
