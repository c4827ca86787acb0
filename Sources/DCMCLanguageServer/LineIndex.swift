public import DCMCDiagnostics

/// Where each line of a text starts, to turn the checker's locations (1-based line, column
/// in Unicode scalars after a byte-order mark) into LSP positions (0-based line, UTF-16 code
/// units from the start of the line) and back. Lines end at `\n`, `\r\n` or a lone `\r`, as
/// in LSP and libyaml.
public struct LineIndex: Sendable {
  private let scalars: [Unicode.Scalar]
  /// The index in `scalars` of the first scalar of each line.
  private let lineStarts: [Int]
  /// Whether the text starts with U+FEFF, which the checker does not count.
  private let hasByteOrderMark: Bool

  public init(_ text: String) {
    let scalars = Array(text.unicodeScalars)
    var starts = [0]
    for (index, scalar) in scalars.enumerated()
    where scalar == "\n" || (scalar == "\r" && (index + 1 == scalars.count || scalars[index + 1] != "\n")) {
      starts.append(index + 1)
    }
    self.scalars = scalars
    self.lineStarts = starts
    self.hasByteOrderMark = scalars.first == "\u{FEFF}"
  }

  /// The LSP position of `location`, clamped to the text.
  public func position(of location: SourceLocation) -> TextDocument.Position {
    let line = min(max(location.line - 1, 0), lineStarts.count - 1)
    let start = lineStarts[line] + (line == 0 && hasByteOrderMark ? 1 : 0)
    let end = line + 1 < lineStarts.count ? lineStarts[line + 1] : scalars.count
    let upper = min(start + max(location.column - 1, 0), end)
    var character = line == 0 && hasByteOrderMark ? 1 : 0
    for index in start..<max(start, upper) { character += UTF16.width(scalars[index]) }
    return TextDocument.Position(line: line, character: character)
  }

  /// The text of `range` (the checker's lines and columns), clamped to the text.
  public func text(of range: SourceRange) -> String {
    let lower = scalarIndex(of: range.start)
    let upper = max(lower, scalarIndex(of: range.end))
    var text = ""
    text.unicodeScalars.append(contentsOf: scalars[lower..<upper])
    return text
  }

  private func scalarIndex(of location: SourceLocation) -> Int {
    let line = min(max(location.line - 1, 0), lineStarts.count - 1)
    let start = lineStarts[line] + (line == 0 && hasByteOrderMark ? 1 : 0)
    return min(start + max(location.column - 1, 0), scalars.count)
  }

  /// The checker's line and column (1-based, scalars) of an LSP position, clamped to its line.
  public func location(of position: TextDocument.Position) -> (line: Int, column: Int) {
    let line = min(max(position.line, 0), lineStarts.count - 1)
    var index = lineStarts[line]
    var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : scalars.count
    if end > index, end < scalars.count, scalars[end] == "\n", scalars[end - 1] == "\r" { end -= 1 }
    var remaining = position.character
    if line == 0, hasByteOrderMark {
      index += 1
      remaining -= 1
    }
    let first = index
    while remaining > 0, index < end {
      remaining -= UTF16.width(scalars[index])
      index += 1
    }
    return (line + 1, index - first + 1)
  }
}
