import DCMCDiagnostics

/// `dcmc explain CODE`: what a diagnostic means, with a wrong and a corrected example.
enum ExplainCommand {
  static let help = """
    Usage: dcmc explain CODE
           dcmc explain --list

    Prints the long explanation of a diagnostic code (like DC1002): what it means, an
    example that produces it and the corrected example. '--list' lists every code.

    """

  static func run(_ argv: [String], terminal: Terminal) throws(UsageError) -> Int32 {
    let arguments = try Arguments(argv, valued: [], flags: ["--help", "-h", "--list"])
    if arguments.flags.contains("--help") || arguments.flags.contains("-h") {
      terminal.out(help)
      return ExitCode.success
    }
    if arguments.flags.contains("--list") {
      terminal.out(DiagnosticCode.allCases.map { "\($0.rawValue)  \($0.explanation.title)\n" }.joined())
      return ExitCode.success
    }
    guard arguments.positionals.count == 1, let word = arguments.positionals.first else {
      throw UsageError("explain takes one code, like 'dcmc explain DC1002'")
    }
    guard let code = DiagnosticCode(rawValue: word.uppercased()) else {
      let close = Suggestion.closest(to: word.uppercased(), in: DiagnosticCode.allCases.map(\.rawValue), maxDistance: 1)
      terminal.err(
        "dcmc: unknown diagnostic code '\(word)'"
          + (close.map { "; a code with a similar number exists: '\($0)'" } ?? "")
          + "\nRun 'dcmc explain --list' for every code.\n")
      return ExitCode.invalid
    }
    terminal.out(render(code))
    return ExitCode.success
  }

  static func render(_ code: DiagnosticCode) -> String {
    let explanation = code.explanation
    func indent(_ text: String) -> String {
      text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }
        .joined(separator: "\n")
    }
    return """
      \(code.rawValue) (\(code.defaultSeverity.rawValue)): \(explanation.title)

      \(explanation.summary)

      Wrong:

      \(indent(explanation.wrong.trimmingTrailingNewlines))

      Right:

      \(indent(explanation.right.trimmingTrailingNewlines))

      """
  }
}

extension String {
  var trimmingTrailingNewlines: String {
    var copy = self
    while copy.hasSuffix("\n") { copy.removeLast() }
    return copy
  }
}
