public import DCMCDiagnostics

/// What the reader made of one file: its text, its documents and the problems found.
///
/// A document in which a reading error other than a duplicate key was found is left out
/// of `documents`; the diagnostics say why.
public struct ParsedFile: Sendable {
  /// The file's text, without a leading byte-order mark; location offsets index its
  /// Unicode scalars. Empty when the file was refused before parsing (DC1005, DC1006 keep
  /// a best-effort text for quoting).
  public var source: SourceFile
  public var documents: [Document]
  /// Reading problems (DC1xxx), in the order they were found.
  public var diagnostics: [Diagnostic]

  public init(source: SourceFile, documents: [Document], diagnostics: [Diagnostic]) {
    self.source = source
    self.documents = documents
    self.diagnostics = diagnostics
  }
}
