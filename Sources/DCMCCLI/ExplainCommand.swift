import DCMCDiagnostics
internal import DCMCText

/// `dcmc explain CODE` and `dcmc explain --list`: what a diagnostic means, with a wrong and a corrected example.
enum ExplainCommand {
  static let code = PositionalSpec.optional("CODE", "a diagnostic code, like DC1002")
  static let list = OptionSpec.flag("--list", "list every code with its title")

  static let spec = CommandSpec(
    "explain", summary: "explain a diagnostic code, with a wrong and a corrected example",
    exitStatus: "Exit status: 0 explained, 1 unknown code, 2 usage error.",
    action: ActionSpec(
      "", "explain a diagnostic code, with a wrong and a corrected example",
      details: """
        Prints the long explanation of a diagnostic code (like DC1002): what it means, an
        example that produces it and the corrected example. '--list', given without a code,
        lists every code.
        """,
      positionals: [code], options: [list]
    ) { arguments, terminal throws(UsageError) in
      let word = arguments.positional(code)
      if arguments.has(list) {
        // Not a filter: a code given with it would be ignored without a word.
        guard word == nil else { throw UsageError("'explain' takes a code or --list, not both") }
        return run(.list, terminal)
      }
      // An empty code (an unset variable) is no code: the same usage error as none.
      guard let word, !word.isEmpty else {
        throw UsageError("'explain' needs a code, like DC1002, or --list")
      }
      return run(.code(word), terminal)
    })

  /// One code to explain, or the list of every code.
  enum Request {
    case code(String)
    case list
  }

  static func run(_ request: Request, _ terminal: Terminal) -> Int32 {
    guard case .code(let word) = request else {
      terminal.out(DiagnosticCode.allCases.map { "\($0.rawValue)  \($0.explanation.title)\n" }.joined())
      return ExitCode.success
    }
    guard let code = DiagnosticCode(rawValue: word.uppercased()) else {
      let close = Suggestion.closest(to: word.uppercased(), in: DiagnosticCode.allCases.map(\.rawValue), maxDistance: 1)
      terminal.err(
        "dcmc: unknown diagnostic code '\(String(word.prefix(40)).escapingControls)'"
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
