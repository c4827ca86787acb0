/// The text of a file as the editor holds it, and the translation between LSP positions
/// (0-based lines, characters in UTF-16 code units) and the checker's (1-based lines,
/// columns in Unicode scalars after a byte-order mark).
public struct TextDocument: Sendable, Equatable {
  public var text: String
  /// The editor's version of an open document; 0 for a file read from disk.
  public var version: Int

  public init(text: String, version: Int = 0) {
    self.text = text
    self.version = version
  }

  /// A place in LSP terms.
  public struct Position: Sendable, Hashable {
    /// 0-based.
    public var line: Int
    /// 0-based, in UTF-16 code units.
    public var character: Int

    public init(line: Int, character: Int) {
      self.line = line
      self.character = character
    }
  }

  /// An edit of `textDocument/didChange`: `range == nil` replaces the whole text.
  public struct Change: Sendable, Equatable {
    public var range: Span?
    public var text: String

    public init(range: Span?, text: String) {
      self.range = range
      self.text = text
    }
  }

  /// `start..<end` in LSP positions.
  public struct Span: Sendable, Hashable {
    public var start: Position
    public var end: Position

    public init(start: Position, end: Position) {
      self.start = start
      self.end = end
    }
  }

  /// Applies one edit; positions past a line's end or the text's end are clamped to it, as
  /// LSP asks, and an end before the start is read as the start.
  public mutating func apply(_ change: Change) {
    guard let range = change.range else {
      text = change.text
      return
    }
    let lower = index(of: range.start)
    let upper = max(lower, index(of: range.end))
    text.replaceSubrange(lower..<upper, with: change.text)
  }

  /// The index of `position` in `text`, clamped to the end of its line or of the text.
  func index(of position: Position) -> String.Index {
    let scalars = text.unicodeScalars
    guard var index = lineStart(position.line) else { return scalars.endIndex }
    var remaining = position.character
    while remaining > 0, index < scalars.endIndex, scalars[index] != "\n", scalars[index] != "\r" {
      remaining -= UTF16.width(scalars[index])
      index = scalars.index(after: index)
    }
    return index
  }

  /// The start of 0-based `line`, or `nil` past the last line; lines end at `\n`, `\r\n` or
  /// a lone `\r`.
  private func lineStart(_ line: Int) -> String.Index? {
    guard line > 0 else { return line == 0 ? text.startIndex : nil }
    var seen = 0
    let utf8 = text.utf8
    var index = utf8.startIndex
    while index < utf8.endIndex {
      let byte = utf8[index]
      index = utf8.index(after: index)
      if byte == 10 || (byte == 13 && (index == utf8.endIndex || utf8[index] != 10)) {
        seen += 1
        if seen == line { return index }
      }
    }
    return nil
  }
}
