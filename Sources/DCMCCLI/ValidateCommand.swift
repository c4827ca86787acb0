import DCMCDiagnostics

/// `dcmc validate [PATH...] [--format human|json|sarif|github] [--strict]`.
enum ValidateCommand {
  static let help = """
    Usage: dcmc validate [PATH...] [--format human|json|sarif|github] [--strict]

    Checks case types, calendars, workgroups, templates, customer profiles and scenarios,
    and reports every problem with its place, a code ('dcmc explain CODE') and, where
    possible, a fix. Directories are searched for *.yaml and *.yml; '-' reads standard
    input. Default path: definitions/.

    Options:
      --format FORMAT  human (default), json, sarif (SARIF 2.1.0) or github (workflow commands)
      --strict         treat warnings as errors
      -h, --help       show this help

    Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable path.

    """

  static func run(_ argv: [String], terminal: Terminal) throws(UsageError) -> Int32 {
    let arguments = try Arguments(argv, valued: ["--format"], flags: ["--strict", "--help", "-h"])
    if arguments.flags.contains("--help") || arguments.flags.contains("-h") {
      terminal.out(help)
      return ExitCode.success
    }
    let formatName = arguments.value("--format") ?? "human"
    guard let format = DiagnosticFormat(rawValue: formatName) else {
      throw UsageError(
        "unknown format '\(formatName)'; expected one of: \(DiagnosticFormat.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    let input: CheckedDefinitions
    do {
      input = try CheckedDefinitions.load(
        arguments.positionals, strict: arguments.flags.contains("--strict"))
    } catch {
      terminal.err("dcmc: \(error.message)\n")
      return ExitCode.usage
    }
    let report = input.report
    let colors = format == .human && terminal.stdoutWantsColor
    terminal.out(report.render(format, colors: colors, toolVersion: DCMC.version))
    if format == .sarif { terminal.err(report.summaryLine + "\n") }
    return input.result.errorCount > 0 ? ExitCode.invalid : ExitCode.success
  }
}
