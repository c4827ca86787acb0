import DCMCCalendar
import Foundation
import Testing
import _DCMCTestSupport

/// The TZif reader and footer rules against Foundation's time zones.
@Suite struct ZoneRulesTests {
  @Test(arguments: RandomCalendar.zones + ["America/Phoenix", "Asia/Tokyo", "Europe/Moscow", "America/St_Johns"])
  func offsetsMatchFoundation(zone: String) throws {
    let rules = try #require(TimeZoneDatabase.rules(named: zone))
    let foundation = try #require(TimeZone(identifier: zone))
    var random = SeededGenerator(seed: UInt64(zone.utf8.reduce(0) { $0 &* 31 &+ Int($1) }.magnitude))
    // 1970 to 2300: past the tabulated years (2200) the footer rule answers alone.
    for _ in 0..<4000 {
      let instant = random.below(330 * 365 * 86_400)
      let expected = foundation.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
      #expect(rules.offset(at: Instant(secondsSinceEpoch: instant)) == expected, "\(zone) at \(instant)")
    }
  }

  @Test func transitionsAreWhereTheOffsetChanges() throws {
    let rules = try #require(TimeZoneDatabase.rules(named: "Europe/Brussels"))
    // 2026: 29 March 01:00Z and 25 October 01:00Z; far future from the footer rule.
    var instant = CalendarFixture.instant("2026-01-01T00:00:00Z")
    var changes: [String] = []
    for _ in 0..<2 {
      instant = try #require(rules.nextTransition(after: instant))
      changes.append(instant.description)
    }
    #expect(changes == ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z"])
    let far = try #require(rules.nextTransition(after: CalendarFixture.instant("2999-06-01T00:00:00Z")))
    #expect(far.description == "2999-10-27T01:00:00Z")
  }

  @Test func malformedFilesAreRefused() {
    #expect(ZoneRules(name: "x", tzif: []) == nil)
    #expect(ZoneRules(name: "x", tzif: Array("TZif2".utf8) + Array(repeating: 0, count: 10)) == nil)
    #expect(TimeZoneDatabase.rules(named: "Europe/Atlantis") == nil)
    #expect(TimeZoneDatabase.rules(named: "../../etc/passwd") == nil)
  }

  @Test func posixRulesOfTheFooter() throws {
    // 2026 comes from the table; 2250, past the tabulated years, from the footer rule alone.
    let rules = try #require(TimeZoneDatabase.rules(named: "America/New_York"))
    #expect(rules.offset(at: CalendarFixture.instant("2026-07-01T12:00:00Z")) == -4 * 3600)
    #expect(rules.offset(at: CalendarFixture.instant("2250-07-01T12:00:00Z")) == -4 * 3600)
    #expect(rules.offset(at: CalendarFixture.instant("2250-12-01T12:00:00Z")) == -5 * 3600)
  }
}

/// Times as people read them: the zone's abbreviation at the instant, else its offset.
@Suite struct ZonedTimeTests {
  func words(_ time: String, _ zone: String) throws -> String {
    ZonedTime(CalendarFixture.instant(time), in: try #require(TimeZoneDatabase.rules(named: zone))).description
  }

  @Test func brusselsReadsCETInWinterAndCESTInSummer() throws {
    #expect(try words("2026-06-16T11:00:00Z", "Europe/Brussels") == "Tuesday 16 June 2026, 13:00 CEST")
    #expect(try words("2026-03-29T00:59:00Z", "Europe/Brussels") == "Sunday 29 March 2026, 01:59 CET")
    #expect(try words("2026-03-29T01:00:00Z", "Europe/Brussels") == "Sunday 29 March 2026, 03:00 CEST")
    #expect(try words("2026-10-25T01:00:00Z", "Europe/Brussels") == "Sunday 25 October 2026, 02:00 CET")
    // Past the file's transitions, from the footer rule.
    #expect(try words("2250-07-01T12:00:00Z", "Europe/Brussels") == "Monday 1 July 2250, 14:00 CEST")
    #expect(try words("2250-12-01T12:00:00Z", "America/New_York") == "Sunday 1 December 2250, 07:00 EST")
  }

  @Test func aZoneWithoutAnAbbreviationReadsItsOffset() throws {
    #expect(try words("2026-06-16T11:00:00Z", "America/Sao_Paulo") == "Tuesday 16 June 2026, 08:00 UTC-03:00")
    #expect(try words("2026-06-16T11:00:00Z", "Asia/Kathmandu") == "Tuesday 16 June 2026, 16:45 UTC+05:45")
    #expect(try words("2026-06-16T11:00:00Z", "UTC") == "Tuesday 16 June 2026, 11:00 UTC")
    #expect(try words("2026-06-16T11:00:00Z", "Asia/Kolkata") == "Tuesday 16 June 2026, 16:30 IST")
  }

  /// The parts and the form to the second, each written into one string (`text(toTheSecond:)`).
  @Test func thePartsAndTheSecondsReadAsTheWhole() throws {
    let zone = try #require(TimeZoneDatabase.rules(named: "Europe/Brussels"))
    let time = ZonedTime(CalendarFixture.instant("2026-01-05T08:04:09Z"), in: zone)
    #expect(time.date == "Monday 5 January 2026")
    #expect(time.time == "09:04 CET")
    #expect(time.description == "Monday 5 January 2026, 09:04 CET")
    #expect(time.descriptionToTheSecond == "Monday 5 January 2026, 09:04:09 CET")
    let midnight = ZonedTime(CalendarFixture.instant("2026-12-31T23:00:00Z"), in: zone)
    #expect(midnight.descriptionToTheSecond == "Friday 1 January 2027, 00:00:00 CET")
  }

  /// A local time read once is its instant; read twice (a clock put back), the first; never
  /// read (put forward), as much later as the change, whichever side of UTC the zone is.
  /// Before 6 December 2026 the supervisor's reschedule and the reports' days read
  /// New York's skipped 02:30 as 01:30 EST, Santiago's skipped midnight as 23:00 the day
  /// before (a report's day began an hour early) and Brussels' second 02:30 as the later one.
  @Test(arguments: [
    ("Europe/Brussels", "2026-03-29T02:30:00", "2026-03-29T01:30:00Z"),
    ("America/New_York", "2027-03-14T02:30:00", "2027-03-14T07:30:00Z"),
    ("America/Santiago", "2026-09-06T00:00:00", "2026-09-06T04:00:00Z"),
    ("Asia/Beirut", "2026-03-29T00:00:00", "2026-03-28T22:00:00Z"),
    ("Europe/Brussels", "2026-10-25T02:30:00", "2026-10-25T00:30:00Z"),
    ("America/New_York", "2026-11-01T01:30:00", "2026-11-01T05:30:00Z"),
    ("Europe/Brussels", "2026-12-07T09:00:00", "2026-12-07T08:00:00Z"),
    ("Asia/Tokyo", "2026-12-07T09:00:00", "2026-12-07T00:00:00Z"),
  ])
  func aLocalTimeIsItsInstantTheFirstOfTwoOrAsLaterAsASkippedHour(zone: String, local: String, instant: String) throws {
    let rules = try #require(TimeZoneDatabase.rules(named: zone))
    let seconds = CalendarFixture.instant(local + "Z").secondsSinceEpoch
    #expect(rules.instant(local: seconds) == CalendarFixture.instant(instant))
  }

  /// The zoneinfo directory's files that are no zone are not known, whatever their TZif:
  /// `localtime` (the machine's zone), `posixrules` and `right/` (leap seconds counted, misread:
  /// `right/Europe/Brussels` was +02:00 in December). Zones and links tzdata lists are.
  @Test(arguments: [
    ("Europe/Brussels", true), ("US/Eastern", true), ("Etc/GMT+5", true), ("UTC", true),
    ("right/Europe/Brussels", false), ("localtime", false), ("posixrules", false),
    ("posix/Europe/Brussels", false), ("Europe/Brussels/", false),
  ])
  func onlyTheZonesAndLinksTzdataListsAreKnown(name: String, known: Bool) {
    #expect(TimeZoneDatabase.isKnown(name) == known)
  }
}

