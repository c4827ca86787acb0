import DCMCJSON

/// The `json` format: one document for scripts, of this shape (DCMCJSON's writer sorts the
/// keys of each object):
///
/// ```
/// {"version": 1, "diagnostics": [{"code", "severity", "message", "file", "line", "column",
///   "end_line", "end_column", "notes": [{"message", "file", "line", "column"}], "help",
///   "fixes": [{"file", "line", "column", "end_line", "end_column", "replacement"}]}],
///  "summary": {"files", "errors", "warnings"}}
/// ```
/// Lines and columns are 1-based and count Unicode scalars; `end_line`/`end_column` point
/// just past the span (exclusive). An unlocated note has `null` location keys; no help is
/// `null`. `docs/diagnostics.md` is the user documentation of this document.
struct JSONRenderer {
  /// The counts of the `summary` object.
  struct Summary {
    var files: Int
    var errors: Int
    var warnings: Int
  }

  /// The version of the document's shape; new keys may be added without changing it.
  static let version = 1

  func render(_ diagnostics: [Diagnostic], summary: Summary) -> JSONValue {
    .object([
      ("version", .int(Self.version)),
      ("diagnostics", .array(diagnostics.map(diagnostic))),
      (
        "summary",
        .object([
          ("files", .int(summary.files)), ("errors", .int(summary.errors)), ("warnings", .int(summary.warnings)),
        ])
      ),
    ])
  }

  private func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
    let range = diagnostic.range
    return .object([
      ("code", .string(diagnostic.code.rawValue)),
      ("severity", .string(diagnostic.severity.rawValue)),
      ("message", .string(diagnostic.message)),
      ("file", .string(range.file)),
      ("line", .int(range.start.line)),
      ("column", .int(range.start.column)),
      ("end_line", .int(range.end.line)),
      ("end_column", .int(range.end.column)),
      ("notes", .array(diagnostic.notes.map(note))),
      ("help", .string(diagnostic.help)),
      ("fixes", .array(diagnostic.fixIts.map(fix))),
    ])
  }

  private func note(_ note: Note) -> JSONValue {
    .object([
      ("message", .string(note.message)),
      ("file", .string(note.range?.file)),
      ("line", .int(note.range?.start.line)),
      ("column", .int(note.range?.start.column)),
    ])
  }

  private func fix(_ fixIt: FixIt) -> JSONValue {
    let range = fixIt.range
    return .object([
      ("file", .string(range.file)),
      ("line", .int(range.start.line)),
      ("column", .int(range.start.column)),
      ("end_line", .int(range.end.line)),
      ("end_column", .int(range.end.column)),
      ("replacement", .string(fixIt.replacement)),
    ])
  }
}
