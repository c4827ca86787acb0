public import DCMCApplication
public import DCMCCalendar
import DCMCRuntime

/// A report asked for, by the CLI's `dcmc report` or the API's `GET /api/v1/reports/{name}`:
/// the report (or dashboard), its period in its zone and the filters; `compute` checks the
/// filters against the deployment and runs the report on the use cases' store. Both shells
/// read their arguments into one, so a report is the same figures whichever asked.
public struct ReportQuery: Sendable {
  public var selection: ReportCatalog.Selection
  public var period: ReportPeriod
  public var types: Set<String>?
  public var targets: Set<String>?

  /// A period no report is made over: one that ends before it starts, one longer than
  /// `maximumDays` (every day of a period is read, so `--from 0001-01-01 --to 9999-12-31`
  /// kept a command, or a server's worker, busy for minutes), or one that starts on a day in
  /// its zone before 0001-01-01, the first day dcmc dates (`--to 0001-01-01` alone was
  /// reported over December of year 0). `startGiven`: the start was given, not derived from
  /// the end.
  public enum InvalidPeriod: Error, Sendable, Equatable, CustomStringConvertible {
    case backwards(from: Instant, to: Instant)
    case tooLong(days: Int)
    case startsBeforeFirstDay(startGiven: Bool)

    public var description: String {
      switch self {
      case .backwards(let from, let to): "the period ends (\(to)) before it starts (\(from))"
      case .tooLong(let days):
        "the period is \(days) days long; a report covers at most \(ReportQuery.maximumDays) days (about ten years)"
      case .startsBeforeFirstDay(true):
        "the period starts before 0001-01-01 in its zone; a period starts on or after 0001-01-01, "
          + "the first day dcmc dates"
      case .startsBeforeFirstDay(false):
        "without a start the period is the month its end falls in, which begins before 0001-01-01; a period starts "
          + "on or after 0001-01-01, the first day dcmc dates"
      }
    }

    /// The parameter to change, when one is to blame: the start given, or the end the start was
    /// derived from.
    public var parameter: String? {
      switch self {
      case .backwards, .tooLong: nil
      case .startsBeforeFirstDay(let startGiven): startGiven ? "from" : "to"
      }
    }
  }

  /// The longest period a report covers, in days (of 86,400 seconds).
  public static let maximumDays = 3_660

  /// The query of `selection` over [`from`, `to`) in `zone`. Without `from`: the start of the
  /// month `to` ends in (else that of `now`); without `to`: the start of the month after the
  /// one the period starts in, or the last minute of 9999-12-31 in `zone`, the last day dcmc
  /// dates (December 9999's month would end in a year 10000 no date is written in). So neither
  /// is the current month, and one is its month. A period whose start's day in `zone` is before
  /// 0001-01-01 is refused, as one that ends before it starts or is too long. An empty filter
  /// is none.
  public init(
    _ selection: ReportCatalog.Selection, from: Instant?, to: Instant?, zone: ZoneRules, types: [String],
    targets: [String], now: Instant
  ) throws(InvalidPeriod) {
    self.selection = selection
    let start = from ?? Self.midnight(Self.monthStart(of: to?.adding(seconds: -1) ?? now, in: zone), in: zone)
    let month = Self.monthStart(of: start, in: zone)
    guard month.dayNumber >= LocalDate.supportedDays.lowerBound else {
      throw .startsBeforeFirstDay(startGiven: from != nil)
    }
    let nextMonth = LocalDate(dayNumber: month.dayNumber + LocalDate.daysIn(month: month.month, year: month.year))
    let lastDay = LocalDate(dayNumber: LocalDate.supportedDays.upperBound)
    let lastMinute = Self.midnight(lastDay, in: zone).adding(seconds: 86_340)
    let end = to ?? min(Self.midnight(nextMonth, in: zone), lastMinute)
    guard start <= end else { throw .backwards(from: start, to: end) }
    let days = (end.secondsSinceEpoch - start.secondsSinceEpoch + 86_399) / 86_400
    guard days <= Self.maximumDays else { throw .tooLong(days: days) }
    period = ReportPeriod(from: start, to: end, zone: zone)
    self.types = types.isEmpty ? nil : Set(types)
    self.targets = targets.isEmpty ? nil : Set(targets)
  }

  /// The report on `service`'s store and `facts` at `service`'s instant. A type or workbin the
  /// deployment does not have is refused with those it has; a store never deployed has none.
  public func compute(on service: CaseService, facts: any ReportFacts) throws(ServiceError) -> ReportCatalog.Computed {
    let definitions: RuntimeDefinitions?
    do {
      definitions = try service.definitions.deployed()
    } catch .refused(.notDeployed) {
      definitions = nil
    }
    let known = definitions?.bundle.caseTypes.map(\.id) ?? []
    for type in types?.sorted() ?? [] where !known.contains(type) {
      throw .refused(.unknownValue(of: .caseType, type, valid: known))
    }
    let workbins = definitions?.bundle.workgroups.map(\.id) ?? []
    for target in targets?.sorted() ?? [] where !workbins.contains(target) {
      throw .refused(.unknownValue(of: .workbin, target, valid: workbins))
    }
    let now = service.clock.now()
    let scope = ReportScope(period: period, types: types, targets: targets, now: now, definitions: definitions)
    return try ServiceError.wrap { () throws(RepositoryError) in
      let standing =
        selection.readsNow
        ? try ReportNow(service.queries, scope: scope) : ReportNow(openCases: [], activeTasks: [])
      return try ReportCatalog.compute(selection, scope: scope, facts: facts, now: standing)
    }
  }

  /// A day (`2026-03-01`, midnight in `zone`) or a time with an offset; `nil` for neither.
  public static func instant(_ text: String, in zone: ZoneRules) -> Instant? {
    if let date = LocalDate(text), LocalDate.supportedDays.contains(date.dayNumber) { return midnight(date, in: zone) }
    guard let time = Timestamp(text), Instant.supported.contains(time.instant) else { return nil }
    return time.instant
  }

  /// The first day of the month `instant` falls in, in `zone`.
  static func monthStart(of instant: Instant, in zone: ZoneRules) -> LocalDate {
    let date = Timestamp(instant, utcOffset: zone.offset(at: instant)).date
    return LocalDate(year: date.year, month: date.month, day: 1)
  }

  /// The instant `date` starts in `zone`: its midnight, at the offset in force then (after a
  /// gap, the first instant of the day).
  static func midnight(_ date: LocalDate, in zone: ZoneRules) -> Instant {
    zone.instant(local: date.dayNumber * 86_400)
  }
}
