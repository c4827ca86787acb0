import DCMCCalendar
import DCMCDiagnostics
import DCMCModel

/// `dcmc calendar due|between|show`: business-time arithmetic on the calendars of a set
/// of definitions, for analysts checking a deadline by hand.
enum CalendarCommand {
  static let help = """
    Usage: dcmc calendar due --calendar ID --from TIME --add DURATION [PATH...] [--json]
           dcmc calendar between --calendar ID --from TIME --to TIME [PATH...] [--json]
           dcmc calendar show ID --from DATE --days N [PATH...] [--json]

    Business time on the calendars defined under PATH (default definitions/), or on the
    built-in '24x7' calendar (UTC, always open, 1d = 24 hours).

      due      the instant at which DURATION of business time has elapsed from TIME,
               written at the calendar's UTC offset at that instant
      between  the business time from one instant to another, in the calendar's days
               (1d = its 'day' length), hours and minutes
      show     the open windows of N days from DATE, with holidays, overrides and clock
               changes

    TIME is ISO 8601 with an offset (2026-03-02T09:00:00+01:00, or Z); DURATION is
    90m, 16h, 3d, 2d 4h or ISO 8601 (PT12H, P3D); DATE is YYYY-MM-DD.

    Options:
      --calendar ID   the calendar (due, between)
      --from          the start: TIME for due and between, DATE for show
      --add DURATION  the business time to add (due)
      --to TIME       the end (between)
      --days N        how many days to show, 1 to 366 (show)
      --json          print a JSON object instead of text
      -h, --help      show this help

    Exit status: 0 success, 1 the definitions are invalid or the result is out of range,
    2 usage error (unknown calendar, malformed time or duration) or unreadable path.

    """

  static func run(_ argv: [String], terminal: Terminal) throws(UsageError) -> Int32 {
    let arguments = try Arguments(
      argv, valued: ["--calendar", "--from", "--add", "--to", "--days"], flags: ["--json", "--help", "-h"])
    if arguments.flags.contains("--help") || arguments.flags.contains("-h") {
      terminal.out(help)
      return ExitCode.success
    }
    guard let action = arguments.positionals.first else {
      throw UsageError("'calendar' needs an action: due, between or show")
    }
    var paths = Array(arguments.positionals.dropFirst())
    var calendarID = arguments.value("--calendar")
    switch action {
    case "due", "between":
      guard let id = calendarID else { throw UsageError("'calendar \(action)' needs --calendar ID") }
      calendarID = id
    case "show":
      guard !paths.isEmpty else { throw UsageError("'calendar show' needs a calendar id") }
      calendarID = paths.removeFirst()
    default:
      let close = Suggestion.closest(to: action, in: ["due", "between", "show"])
      throw UsageError(
        "unknown calendar action '\(action)'" + (close.map { "; an action with a similar name exists: '\($0)'" } ?? ""))
    }
    // Check the arguments before reading any definition: a typo costs nothing.
    let request = try CalendarRequest(action: action, arguments: arguments)
    let calendar: BusinessCalendar
    switch try CalendarLookup.find(calendarID!, in: paths, terminal: terminal) {
    case .found(let found): calendar = found
    case .failed(let status): return status
    }
    let json = arguments.flags.contains("--json")
    do throws(CalendarError) {
      terminal.out(try request.answer(on: calendar, json: json))
      return ExitCode.success
    } catch {
      terminal.err("dcmc: \(error)\n")
      return ExitCode.invalid
    }
  }
}

/// Finds a calendar by id in the checked definitions under some paths, with the rules of
/// its time zone.
enum CalendarLookup {
  enum Outcome {
    case found(BusinessCalendar)
    /// The command must stop with this status; the reason has been written.
    case failed(Int32)
  }

  static func find(_ id: String, in paths: [String], terminal: Terminal) throws(UsageError) -> Outcome {
    if id == BusinessCalendar.alwaysOpenID { return .found(.alwaysOpen) }
    let loaded: CheckedDefinitions
    do {
      loaded = try CheckedDefinitions.load(paths)
    } catch {
      terminal.err("dcmc: \(error.message)\n")
      return .failed(ExitCode.usage)
    }
    let report = loaded.report
    if report.errorCount > 0 {
      terminal.err(report.render(.human, toolVersion: DCMC.version))
      terminal.err("dcmc: the definitions have errors; fix them first\n")
      return .failed(ExitCode.invalid)
    }
    let calendars = loaded.result.definitions.calendars
    guard let definition = calendars.first(where: { $0.header.id.value == id }) else {
      let names = calendars.map(\.header.id.value) + [BusinessCalendar.alwaysOpenID]
      let close = Suggestion.closest(to: id, in: names)
      throw UsageError(
        "unknown calendar '\(id)'"
          + (close.map { "; a calendar with a similar name exists: '\($0)'" }
            ?? "; the calendars are: \(names.joined(separator: ", "))"))
    }
    guard let zone = TimeZoneDatabase.rules(named: definition.timeZone.value) else {
      terminal.err("dcmc: cannot read the rules of time zone '\(definition.timeZone.value)' from \(TimeZoneDatabase.directory)\n")
      return .failed(ExitCode.usage)
    }
    do throws(CalendarError) {
      return .found(try definition.businessCalendar(zone: zone))
    } catch {
      terminal.err("dcmc: calendar '\(id)': \(error)\n")
      return .failed(ExitCode.invalid)
    }
  }
}
