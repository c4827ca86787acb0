import DCMCJSON

/// The outcome of validating a set of files, ready to render in any `DiagnosticFormat`.
///
/// Rendering is pure: the same report gives the same text byte for byte. Diagnostics are
/// kept in output order (file, line, column, code) whatever order they were given in.
public struct DiagnosticReport: Sendable {
  /// The diagnostics in output order.
  public let diagnostics: [Diagnostic]
  /// The text of the files, by the name diagnostics use, for quoting source lines. A file
  /// missing here is rendered without snippets.
  public let sources: [String: SourceFile]
  /// How many files were validated (for the summary).
  public let fileCount: Int

  public init(diagnostics: [Diagnostic], sources: [String: SourceFile], fileCount: Int) {
    self.diagnostics = Diagnostic.sortedForOutput(diagnostics)
    self.sources = sources
    self.fileCount = fileCount
  }

  /// The number of diagnostics of severity error.
  public var errorCount: Int { diagnostics.count { $0.severity == .error } }
  /// The number of diagnostics of severity warning.
  public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

  /// `validated 5 files: 2 errors, 1 warning`, or `validated 5 files: no problems`.
  public var summaryLine: String {
    var problems: [String] = []
    if errorCount > 0 { problems.append(Self.count(errorCount, "error")) }
    if warningCount > 0 { problems.append(Self.count(warningCount, "warning")) }
    let outcome = problems.isEmpty ? "no problems" : problems.joined(separator: ", ")
    return "validated \(Self.count(fileCount, "file")): \(outcome)"
  }

  /// The report as text ending with a line break.
  ///
  /// - Parameters:
  ///   - colors: ANSI colours in the `human` format (the CLI passes true for a terminal
  ///     when `NO_COLOR` is unset); the other formats ignore it.
  ///   - toolVersion: dcmc's version, recorded by the `sarif` format.
  public func render(_ format: DiagnosticFormat, colors: Bool = false, toolVersion: String) -> String {
    let index = SourceIndex(sources: sources, diagnostics: diagnostics)
    switch format {
    case .human:
      return HumanRenderer(colors: colors, sources: index).render(diagnostics) + summaryLine + "\n"
    case .json:
      return JSONRenderer().render(diagnostics, summary: summary).prettyText()
    case .sarif:
      return SARIFRenderer(toolVersion: toolVersion, sources: index).render(diagnostics).prettyText()
    case .github:
      return GitHubRenderer(sources: index).render(diagnostics) + summaryLine + "\n"
    }
  }

  var summary: JSONRenderer.Summary {
    JSONRenderer.Summary(files: fileCount, errors: errorCount, warnings: warningCount)
  }

  static func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }
}
