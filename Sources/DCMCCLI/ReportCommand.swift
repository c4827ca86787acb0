import DCMCReports

/// `dcmc report NAME`: the supervisors' reports of SPEC section 16, over a period, in one of
/// four formats, to standard output or atomically to a file.
enum ReportCommand {
  static let name = PositionalSpec.required("NAME", "the report: " + ReportCatalog.names.joined(separator: ", "))
  static let from = OptionSpec.value(
    "--from", "T", "the period's start: a day (2026-03-01, midnight in --zone) or a time with an offset")
  static let to = OptionSpec.value("--to", "T", "the period's end, exclusive: a day or a time with an offset")
  static let type = OptionSpec.value("--type", "TYPE", "only this case type", repeatable: true)
  static let target = OptionSpec.value("--target", "W", "only the tasks of this workbin", repeatable: true)
  static let zone = OptionSpec.value(
    "--zone", "ZONE", "the zone of days and times shown (else $TZ, else the machine's, else UTC)")
  static let format = OptionSpec.value(
    "--format", "F", "the output format (--json is --format json)",
    choices: .init(noun: "format", plural: "formats", values: ReportOutput.Format.allCases.map(\.rawValue)))
  static let output = OptionSpec.value(
    "--output", "FILE", "write the report to FILE, atomically, instead of standard output", alias: "-o")

  static let spec = CommandSpec(
    "report", summary: "the supervisors' reports: cases, closure, SLA, advisors, workbins, ... as text or a page",
    exitStatus: "Exit status: 0 done, 2 usage error (unknown report, type, workbin or zone; bad period) or I/O error.",
    action: .runtime(
      "", "the supervisors' reports over a period",
      details: """
        Computes a report from the store's report facts: flows (opened, closed, escalated, ...)
        count the events in [--from, --to); closure and adherence count the cases closed in the
        period; "now" figures stand at --at (else now). Without --from and --to the period is the
        current month in --zone; with one of them, that day's month. --type and --target may be
        repeated; --target filters task figures only. docs/reports.md defines every figure.
        """,
      positionals: [name], options: [from, to, type, target, zone, format, output]
    ) { arguments, options, terminal throws(UsageError) in
      try run(try ReportRequest(arguments, options, environment: terminal.environment), options, terminal)
    })
}
