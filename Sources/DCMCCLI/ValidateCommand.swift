import DCMCDiagnostics

/// `dcmc validate [PATH...] [--format FORMAT] [--strict]`.
enum ValidateCommand {
  static let paths = PositionalSpec.definitionPaths
  static let format = OptionSpec.value(
    "--format", "FORMAT", "how to print the report, human by default; sarif is SARIF 2.1.0, github workflow commands",
    choices: .init(noun: "format", plural: "formats", values: DiagnosticFormat.allCases.map(\.rawValue)))
  static let strict = OptionSpec.flag("--strict", "treat warnings as errors")

  static let spec = CommandSpec(
    "validate", summary: "check definitions and report every problem",
    exitStatus: "Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable path.",
    action: ActionSpec(
      "", "check definitions and report every problem",
      details: """
        Checks case types, calendars, workgroups, templates, customer profiles and scenarios,
        and reports every problem with its place, a code ('dcmc explain CODE') and, where
        possible, a fix. Directories are searched for *.yaml and *.yml; '-' reads standard
        input. Default path: definitions/.
        """,
      positionals: [paths], options: [format, strict]
    ) { arguments, terminal in
      run(
        Request(
          paths: arguments.positionals(paths),
          format: arguments.value(format).flatMap(DiagnosticFormat.init(rawValue:)) ?? .human,
          strict: arguments.has(strict)), terminal)
    })

  /// What to validate and how to print it.
  struct Request {
    var paths: [String]
    var format: DiagnosticFormat
    var strict: Bool
  }

  static func run(_ request: Request, _ terminal: Terminal) -> Int32 {
    let input: CheckedDefinitions
    do {
      input = try CheckedDefinitions.load(request.paths, strict: request.strict)
    } catch {
      terminal.err("dcmc: \(error.message)\n")
      return ExitCode.usage
    }
    let report = input.report
    let colors = request.format == .human && terminal.stdoutWantsColor
    terminal.out(report.render(request.format, colors: colors, toolVersion: DCMC.version))
    if request.format == .sarif { terminal.err(report.summaryLine + "\n") }
    return input.result.errorCount > 0 ? ExitCode.invalid : ExitCode.success
  }
}
