import DCMCCalendar
import DCMCReports
import Testing

/// The periods a report is made over (docs/reports.md): at most `ReportQuery.maximumDays`,
/// since every day of the period is read (`--from 0001-01-01 --to 9999-12-31` kept a command,
/// or a server's worker, busy for minutes).
@Suite struct ReportQueryPeriodTests {
  static func query(from: String, to: String) throws(ReportQuery.InvalidPeriod) -> ReportQuery {
    try ReportQuery(
      ReportCatalog.selection(named: "cases")!, from: ReportQuery.instant(from, in: .utc),
      to: ReportQuery.instant(to, in: .utc), zone: .utc, types: [], targets: [],
      now: Instant(secondsSinceEpoch: 1_772_409_600))
  }

  @Test func aPeriodOfTheLongestLengthIsMade() throws {
    // 2016-03-01 to 2026-03-09: 3,660 days.
    let query = try Self.query(from: "2016-03-01", to: "2026-03-09")
    #expect((query.period.to.secondsSinceEpoch - query.period.from.secondsSinceEpoch) / 86_400 == ReportQuery.maximumDays)
  }

  @Test(arguments: [
    ("2016-03-01", "2026-03-10", 3_661), ("2016-03-01T00:00:00Z", "2026-03-09T00:00:01Z", 3_661),
    ("0001-01-01", "9999-12-31", 3_652_058),
  ])
  func aLongerPeriodIsRefused(from: String, to: String, days: Int) {
    #expect(throws: ReportQuery.InvalidPeriod.tooLong(days: days)) { try Self.query(from: from, to: to) }
    #expect(
      ReportQuery.InvalidPeriod.tooLong(days: days).description
        == "the period is \(days) days long; a report covers at most 3660 days (about ten years)")
  }
}

/// `report --to 0001-01-01`: without a start the period is the month its end falls in, and
/// that month is December of year 0, before the first day dcmc dates; so is a start whose day
/// in the zone is in year 0. Both were reported over (as from 0000-12-01).
@Suite struct ReportQueryFirstMonthTests {
  static func query(from: String?, to: String?, zone: String) throws -> ReportQuery {
    let rules = try #require(TimeZoneDatabase.rules(named: zone))
    return try ReportQuery(
      ReportCatalog.selection(named: "cases")!, from: from.flatMap { ReportQuery.instant($0, in: rules) },
      to: to.flatMap { ReportQuery.instant($0, in: rules) }, zone: rules, types: [], targets: [],
      now: Instant(secondsSinceEpoch: 1_772_409_600))
  }

  @Test(arguments: ["UTC", "Europe/Brussels", "America/New_York"])
  func aPeriodWhoseMonthIsInYear0IsRefused(zone: String) throws {
    #expect(throws: ReportQuery.InvalidPeriod.startsBeforeFirstDay(startGiven: false)) {
      try Self.query(from: nil, to: "0001-01-01", zone: zone)
    }
    let from = try Self.query(from: nil, to: "0001-01-02", zone: zone).period.from
    let rules = try #require(TimeZoneDatabase.rules(named: zone))
    #expect(Timestamp(from, utcOffset: rules.offset(at: from)).description.hasPrefix("0001-01-01T00:00:00"))
  }

  @Test func aStartWhoseDayInTheZoneIsInYear0IsRefused() throws {
    #expect(throws: ReportQuery.InvalidPeriod.startsBeforeFirstDay(startGiven: true)) {
      try Self.query(from: "0001-01-01T00:00:00Z", to: "0001-01-05", zone: "America/New_York")
    }
    #expect(throws: Never.self) { try Self.query(from: "0001-01-01T00:00:00Z", to: "0001-01-05", zone: "UTC") }
    #expect(throws: Never.self) { try Self.query(from: "0001-01-01", to: "0001-01-05", zone: "Europe/Brussels") }
    #expect(ReportQuery.InvalidPeriod.startsBeforeFirstDay(startGiven: true).parameter == "from")
    #expect(ReportQuery.InvalidPeriod.startsBeforeFirstDay(startGiven: false).parameter == "to")
  }
}

/// `report --at 9999-12-31`: the default period, December 9999, ends at the last minute of the
/// last day dcmc dates in the report's zone, not at a midnight of the year 10000.
@Suite struct ReportQueryLastMonthTests {
  @Test(arguments: ["UTC", "Europe/Brussels", "America/New_York"])
  func theDefaultPeriodOfDecember9999EndsOn9999_12_31(zoneName: String) throws {
    let zone = try #require(TimeZoneDatabase.rules(named: zoneName))
    let now = try #require(ReportQuery.instant("9999-12-31T12:00:00Z", in: .utc))
    let query = try ReportQuery(
      ReportCatalog.selection(named: "cases")!, from: nil, to: nil, zone: zone, types: [], targets: [], now: now)
    let (from, to) = (query.period.from, query.period.to)
    #expect(Timestamp(from, utcOffset: zone.offset(at: from)).description.hasPrefix("9999-12-01T00:00:00"))
    #expect(Timestamp(to, utcOffset: zone.offset(at: to)).description.hasPrefix("9999-12-31T23:59:00"), "\(to)")
  }

  /// A day is from its first instant in the zone: in Santiago, whose clocks skip from
  /// midnight to 01:00 on 6 September 2026, that day starts at 01:00 -03 (04:00Z), not at
  /// 23:00 -04 the day before (03:00Z), which it did before 6 December 2026.
  @Test func aDayThatStartsInASkippedHourStartsAtItsFirstInstant() throws {
    let santiago = try #require(TimeZoneDatabase.rules(named: "America/Santiago"))
    #expect(ReportQuery.instant("2026-09-06", in: santiago)?.description == "2026-09-06T04:00:00Z")
    #expect(ReportQuery.instant("2026-09-07", in: santiago)?.description == "2026-09-07T03:00:00Z")
  }
}

