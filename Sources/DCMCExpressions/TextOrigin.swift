public import DCMCDiagnostics

/// Where the text of a condition sits in its file.
///
/// When `exact` is true, the character at offset `i` of the text (in Unicode scalars) is at
/// `start` plus `i` columns on the same line: the text is a plain or simply quoted one-line
/// YAML scalar. Otherwise (escapes, folding, several lines) every diagnostic points at
/// `fallback`. Text that contains a line break is always treated as inexact.
public struct TextOrigin: Sendable, Hashable {
  /// The file as diagnostics name it.
  public var file: String
  /// The location of the text's first character.
  public var start: SourceLocation
  public var exact: Bool
  /// Where diagnostics point when the text is not exact, usually the whole scalar.
  public var fallback: SourceRange

  public init(file: String, start: SourceLocation, exact: Bool, fallback: SourceRange) {
    self.file = file
    self.start = start
    self.exact = exact
    self.fallback = fallback
  }

  /// Text that sits exactly at `start` in `file`.
  public init(exactlyAt start: SourceLocation, in file: String) {
    self.init(file: file, start: start, exact: true, fallback: SourceRange(file: file, start: start, end: start))
  }
}
