import DCMCDiagnostics
import Foundation

/// The shared input of the golden tests: diagnostics over two small in-memory files (one
/// line with multibyte characters, one with a tab) and one file whose text is unavailable.
enum ReportFixture {
  static let claims = SourceFile(
    name: "definitions/claims.yaml",
    text: """
      kind: CaseType
      id: claims
      name: Réclamations – équipe ✓
      reference: "CLM-{seq:6}"
      priority:\turgent
      fields:
        - { id: Catégorie, type: enm }
      stages:
        - id: handling
          tasks:
            - id: assess_claim
              target: advisors
              outcomes:
                approve: { start: asess_claim }
            - id: verify
              target: advisors
              outcomes:
                done: null

      """)

  static let workgroups = SourceFile(
    name: "definitions/workgroups.yaml",
    text: """
      kind: Workgroup
      id: advisors
      members: [ann, bob, ann]

      """)

  /// Named by a diagnostic but absent from `sources`.
  static let broken = "definitions/broken.yaml"

  static var diagnostics: [Diagnostic] {
    let unknownTask = range(of: "asess_claim", in: claims)
    return [
      Diagnostic(
        .unknownTask, "outcome 'approve' starts unknown task 'asess_claim'", at: unknownTask,
        notes: [Note("a task with a similar name exists: 'assess_claim'", at: range(of: "assess_claim", in: claims))],
        fixIts: [FixIt(replacing: unknownTask, with: "assess_claim")]),
      Diagnostic(
        .invalidPriority, "invalid priority 'urgent'", at: range(of: "urgent", in: claims),
        help: "a priority is an integer from 0 to 100, or low, medium, high or critical"),
      Diagnostic(
        .invalidValue, "unknown field type 'enm'", at: range(of: "enm", in: claims),
        help: "a value with a similar name exists: 'enum'",
        fixIts: [FixIt(replacing: range(of: "enm", in: claims), with: "enum")]),
      Diagnostic(
        .unreachableTask, "task 'verify' is never created", at: range(of: "verify", in: claims),
        notes: [Note("no outcome starts it and it is not the first task of stage 'handling'")]),
      Diagnostic(
        .noPathToClose, "case type 'claims' has no path to a close", at: range(of: "stages:\n  - id", in: claims)),
      Diagnostic(
        .duplicateMember, "user 'ann' is listed twice in workgroup 'advisors'",
        at: range(of: "ann", in: workgroups, occurrence: 2),
        notes: [Note("first listed here", at: range(of: "ann", in: workgroups))]),
      Diagnostic(
        .yamlSyntax, "did not find expected ',' or ']'", at: place(broken, line: 4, column: 1),
        notes: [Note("while parsing a flow sequence", at: place(broken, line: 3, column: 10))]),
    ]
  }

  static var report: DiagnosticReport {
    DiagnosticReport(
      diagnostics: diagnostics, sources: [claims.name: claims, workgroups.name: workgroups], fileCount: 3)
  }

  /// The range of the `occurrence`-th `needle` in `file`; lines and columns count scalars.
  static func range(of needle: String, in file: SourceFile, occurrence: Int = 1) -> SourceRange {
    let text = Array(file.text.unicodeScalars)
    let target = Array(needle.unicodeScalars)
    var found = 0
    for start in 0...(text.count - target.count) where Array(text[start..<start + target.count]) == target {
      found += 1
      if found == occurrence {
        return SourceRange(
          file: file.name, start: location(at: start, in: text), end: location(at: start + target.count, in: text))
      }
    }
    preconditionFailure("'\(needle)' occurs fewer than \(occurrence) times in \(file.name)")
  }

  static func location(at offset: Int, in text: [Unicode.Scalar]) -> SourceLocation {
    let before = text[..<offset]
    let line = before.count { $0 == "\n" } + 1
    let lineStart = before.lastIndex(of: "\n").map { $0 + 1 } ?? 0
    return SourceLocation(line: line, column: offset - lineStart + 1, offset: offset)
  }

  /// An empty range at a line and column, for files whose text the report does not have.
  static func place(_ file: String, line: Int, column: Int) -> SourceRange {
    let location = SourceLocation(line: line, column: column, offset: 0)
    return SourceRange(file: file, start: location, end: location)
  }
}
