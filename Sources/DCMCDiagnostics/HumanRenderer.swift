internal import DCMCText

/// The `human` format, in the style of rustc and swiftc:
///
/// ```
/// definitions/claims.yaml:42:25: error[DC3004]: outcome 'approve' starts unknown task 'asess_claim'
///    |
/// 42 |       approve: { start: asess_claim }
///    |                         ^^^^^^^^^^^
/// definitions/claims.yaml:18:13: note: a task with a similar name exists
///    |
/// 18 |       - id: assess_claim
///    |             ------------
///    = help: ...
///    = fix-it: replace 'asess_claim' with 'assess_claim'
/// ```
///
/// A line longer than 100 characters is quoted as a window of 100 around the span, cut
/// with `...`. Each diagnostic is followed by an empty line. The gutter is as wide as the largest line
/// number the diagnostic shows. The primary span is underlined with `^`, a located note's
/// with `-`; a span over several lines is underlined to the end of its first line, an empty
/// one with a single mark. Tabs in quoted lines print as one space and other control
/// characters as U+FFFD so marks stay aligned (columns count Unicode scalars); the message,
/// notes, help and fix-its show control characters escaped (`\u{1b}`). A snippet is left
/// out when the file's text is unknown or the line is not in it.
struct HumanRenderer {
  let colors: Bool
  let sources: SourceIndex

  func render(_ diagnostics: [Diagnostic]) -> String {
    var output = ""
    for diagnostic in diagnostics {
      output += render(diagnostic)
      output += "\n"
    }
    return output
  }

  func render(_ diagnostic: Diagnostic) -> String {
    let width = gutterWidth(for: diagnostic)
    let severity = diagnostic.severity
    var output = "\(position(diagnostic.range)): "
    output += paint("\(severity.rawValue)[\(diagnostic.code.rawValue)]", Self.style(of: severity)) + ": "
    output += paint(diagnostic.message.escapingControls, Self.messageStyle) + "\n"
    output += snippet(diagnostic.range, mark: "^", style: Self.style(of: severity), width: width)
    let pad = String(repeating: " ", count: width)
    for note in diagnostic.notes {
      if let range = note.range {
        output += "\(position(range)): " + paint("note", Self.noteStyle) + ": \(note.message.escapingControls)\n"
        output += snippet(range, mark: "-", style: Self.noteStyle, width: width)
      } else {
        output += "\(pad) = " + paint("note", Self.noteStyle) + ": \(note.message.escapingControls)\n"
      }
    }
    if let help = diagnostic.help {
      output += "\(pad) = help: \(help.escapingControls)\n"
    }
    for fixIt in diagnostic.fixIts {
      output += "\(pad) = fix-it: \(sources.describe(fixIt).escapingControls)\n"
    }
    return output
  }

  private func position(_ range: SourceRange) -> String {
    "\(range.file):\(range.start.line):\(range.start.column)"
  }

  /// The digits of the largest line number quoted by the diagnostic (at least 1).
  private func gutterWidth(for diagnostic: Diagnostic) -> Int {
    let ranges = [diagnostic.range] + diagnostic.notes.compactMap(\.range)
    let shown = ranges.filter { sources.lines(of: $0.file)?.line($0.start.line) != nil }
    return String(shown.map(\.start.line).max() ?? 0).count
  }

  /// Lines longer than this are quoted as a window around the span, cut with `...`.
  static let maximumQuotedWidth = 100

  /// The quoted first line of `range` and its underline, or nothing when the line is unknown.
  ///
  /// Only the quoted window of the line is copied, so a diagnostic costs the same on a line
  /// of a megabyte as on a short one (copying the whole line for each of the many
  /// diagnostics one long flow mapping can hold made rendering quadratic).
  private func snippet(_ range: SourceRange, mark: Character, style: String, width: Int) -> String {
    guard let line = sources.lines(of: range.file)?.line(range.start.line) else { return "" }
    var shown = line
    var prefix: [Unicode.Scalar] = []
    var suffix: [Unicode.Scalar] = []
    var startColumn = max(range.start.column, 1)
    let lastColumn = range.end.line == range.start.line ? range.end.column : line.count + 1
    var length = max(lastColumn - startColumn, 1)
    if line.count > Self.maximumQuotedWidth {
      // Keep a little context before the span, and as much of the span as fits.
      let first = max(0, min(startColumn - 1 - 20, line.count - Self.maximumQuotedWidth))
      let last = min(line.count, first + Self.maximumQuotedWidth)
      if first > 0 { prefix = [".", ".", "."] }
      if last < line.count { suffix = [".", ".", "."] }
      let spanStart = startColumn - 1
      length = max(1, min(spanStart + length, last) - spanStart)
      shown = line[(line.startIndex + first)..<(line.startIndex + last)]
      startColumn = spanStart - first + prefix.count + 1
    }
    // A tab one space, any other control or bidirectional character U+FFFD, one cell each:
    // the marks stay aligned, and the quoted line cannot drive the terminal (a DC1001 about an
    // escape in the file printed the escape).
    let scalars =
      prefix
      + shown.map { $0 == "\t" ? " " : $0.isControlCharacter || $0.isBidirectionalControl ? "\u{FFFD}" : $0 } + suffix
    let text = String(String.UnicodeScalarView(scalars))
    let pad = String(repeating: " ", count: width)
    let number = String(range.start.line)
    var output = "\(pad) |\n"
    output += String(repeating: " ", count: width - number.count) + number + " |"
    output += text.isEmpty ? "\n" : " \(text)\n"
    // Columns count scalars; a terminal gives a wide one (CJK, an emoji) two cells and a
    // combining mark none, so the underline is placed and sized in cells.
    let before = scalars.prefix(startColumn - 1).reduce(0) { $0 + Self.cells($1) }
    let under = scalars.dropFirst(startColumn - 1).prefix(length).reduce(0) { $0 + Self.cells($1) }
    output += "\(pad) | " + String(repeating: " ", count: before)
    output += paint(String(repeating: mark, count: max(under, 1)), style) + "\n"
    return output
  }

  /// The terminal cells `scalar` takes: 0 for a combining mark, a zero-width space or joiner
  /// and a variation selector; 2 for East Asian wide and fullwidth characters and emoji shown
  /// as emoji; 1 otherwise.
  static func cells(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x300 { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark: return 0
    default: break
    }
    if (0x200B...0x200F).contains(value) || (0xFE00...0xFE0F).contains(value) { return 0 }
    return scalar.properties.isEmojiPresentation || wideRanges.contains { $0.contains(value) } ? 2 : 1
  }

  /// East Asian wide and fullwidth blocks: two terminal cells a character (built once, not
  /// at each scalar an underline measures).
  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
    0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD,
  ]

  private func paint(_ text: String, _ style: String) -> String {
    colors ? "\u{1B}[\(style)m\(text)\u{1B}[0m" : text
  }

  /// ANSI parameters: bold red, bold yellow, bold cyan.
  static func style(of severity: Severity) -> String {
    switch severity {
    case .error: "1;31"
    case .warning: "1;33"
    case .note: noteStyle
    }
  }

  static let noteStyle = "1;36"
  /// Bold white.
  static let messageStyle = "1;37"
}
