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
/// one with a single mark. Tabs in quoted lines print as one space so marks stay aligned
/// (columns count Unicode scalars). A snippet is left out when the file's text is unknown or
/// the line is not in it.
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
    output += paint(diagnostic.message, Self.messageStyle) + "\n"
    output += snippet(diagnostic.range, mark: "^", style: Self.style(of: severity), width: width)
    let pad = String(repeating: " ", count: width)
    for note in diagnostic.notes {
      if let range = note.range {
        output += "\(position(range)): " + paint("note", Self.noteStyle) + ": \(note.message)\n"
        output += snippet(range, mark: "-", style: Self.noteStyle, width: width)
      } else {
        output += "\(pad) = " + paint("note", Self.noteStyle) + ": \(note.message)\n"
      }
    }
    if let help = diagnostic.help {
      output += "\(pad) = help: \(help)\n"
    }
    for fixIt in diagnostic.fixIts {
      output += "\(pad) = fix-it: \(sources.describe(fixIt))\n"
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
    let scalars = prefix + shown.map { $0 == "\t" ? " " : $0 } + suffix
    let text = String(String.UnicodeScalarView(scalars))
    let pad = String(repeating: " ", count: width)
    let number = String(range.start.line)
    var output = "\(pad) |\n"
    output += String(repeating: " ", count: width - number.count) + number + " |"
    output += text.isEmpty ? "\n" : " \(text)\n"
    output += "\(pad) | " + String(repeating: " ", count: startColumn - 1)
    output += paint(String(repeating: mark, count: length), style) + "\n"
    return output
  }

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
