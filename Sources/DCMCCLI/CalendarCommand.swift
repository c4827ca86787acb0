import DCMCCalendar
import DCMCDiagnostics
import DCMCModel

/// `dcmc calendar due|between|show`: business-time arithmetic on the calendars of a set
/// of definitions, for analysts checking a deadline by hand.
enum CalendarCommand {
  static let paths = PositionalSpec.definitionPaths
  static let id = PositionalSpec.required("ID", "a calendar id")
  static let calendar = OptionSpec.value(
    "--calendar", "ID", "the calendar, defined under PATH, or the built-in '24x7'", required: true)
  static let fromTime = OptionSpec.value("--from", "TIME", "the start", required: true)
  static let add = OptionSpec.value("--add", "DURATION", "the business time to add", required: true)
  static let to = OptionSpec.value("--to", "TIME", "the end", required: true)
  static let fromDate = OptionSpec.value("--from", "DATE", "the first day to show", required: true)
  static let days = OptionSpec.value("--days", "N", "how many days to show, 1 to 366", required: true)
  static let json = OptionSpec.flag("--json", "print a JSON object instead of text")

  static let spec = CommandSpec(
    "calendar", summary: "business time on a calendar: due, between, show",
    details: """
      Business time on the calendars defined under PATH (default definitions/), or on the
      built-in '24x7' calendar (UTC, always open, 1d = 24 hours).
      """,
    exitStatus: """
      Exit status: 0 success, 1 the definitions are invalid or the result is out of range,
      2 usage error (unknown calendar, malformed time or duration) or unreadable path.
      """,
    actions: [
      action(
        "due", "the instant at which DURATION of business time has elapsed from TIME",
        details: """
          Prints the instant at which DURATION of business time has elapsed from TIME, written
          at the calendar's UTC offset at that instant. \(formats)
          """,
        positionals: [paths], options: [calendar, fromTime, add]
      ) { arguments throws(UsageError) in
        let from = try CalendarRequest.time(arguments[fromTime], for: fromTime)
        return (.due(from: from, add: try CalendarRequest.duration(arguments[add])), try arguments[calendar])
      },
      action(
        "between", "the business time from one instant to another",
        details: """
          Prints the business time from one instant to another, in the calendar's days
          (1d = its 'day' length), hours and minutes. \(formats)
          """,
        positionals: [paths], options: [calendar, fromTime, to]
      ) { arguments throws(UsageError) in
        let from = try CalendarRequest.time(arguments[fromTime], for: fromTime)
        return (.between(from: from, to: try CalendarRequest.time(arguments[to], for: to)), try arguments[calendar])
      },
      action(
        "show", "the open windows of N days from DATE",
        details: """
          Prints the open windows of N days from DATE, with holidays, overrides and clock
          changes. DATE is YYYY-MM-DD.
          """,
        positionals: [id, paths], options: [fromDate, days]
      ) { arguments throws(UsageError) in
        (try CalendarRequest.show(from: arguments[fromDate], days: arguments[days]), try arguments[id])
      },
    ])

  /// A calendar action: its arguments become a request and the id of the calendar to answer
  /// it on. The request is checked before any definition is read: a typo costs nothing.
  private static func action(
    _ name: String, _ summary: String, details: String, positionals: [PositionalSpec], options: [OptionSpec],
    request: @escaping @Sendable (ParsedArguments) throws(UsageError) -> (CalendarRequest, calendar: String)
  ) -> ActionSpec {
    ActionSpec(name, summary, details: details, positionals: positionals, options: options + [json]) {
      arguments, terminal throws(UsageError) in
      let (request, id) = try request(arguments)
      return try run(request, calendar: id, paths: arguments.positionals(paths), json: arguments.has(json), terminal)
    }
  }

  static let formats = """
    TIME is ISO 8601 with an offset (2026-03-02T09:00:00+01:00, or Z); DURATION is 90m, 16h,
    3d, 2d 4h or ISO 8601 (PT12H, P3D).
    """

  /// Answers `request` on the calendar `id` found under `paths`.
  static func run(
    _ request: CalendarRequest, calendar id: String, paths: [String], json: Bool, _ terminal: Terminal
  ) throws(UsageError) -> Int32 {
    let calendar: BusinessCalendar
    switch try CalendarLookup.find(id, in: paths, terminal: terminal) {
    case .found(let found): calendar = found
    case .failed(let status): return status
    }
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
