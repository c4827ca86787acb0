/// The output formats of `dcmc validate --format`.
public enum DiagnosticFormat: String, CaseIterable, Sendable {
  /// For people: rustc-style messages with quoted source lines, then a summary line.
  case human
  /// One JSON document for scripts (`docs/diagnostics.md` describes it).
  case json
  /// SARIF 2.1.0 for code scanning; the summary line is not part of it.
  case sarif
  /// GitHub Actions workflow commands (annotations), then a summary line.
  case github
}
