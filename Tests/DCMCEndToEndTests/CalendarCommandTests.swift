import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc calendar due|between|show` through the built binary, on the reference calendars.
@Suite struct CalendarCommandTests {
  @Test("due gives the Technical case's deadlines: OLA 12h and SLA 16h from Monday 09:00")
  func dueOnTheOfficeCalendar() throws {
    let ola = try BinaryRunner.run([
      "calendar", "due", "--calendar", "office_brussels", "--from", "2026-03-02T09:00:00+01:00", "--add", "12h",
    ])
    #expect(ola.status == 0, "\(ola.stderr)")
    #expect(ola.stdout == "2026-03-03T13:00:00+01:00\n")
    // 3d = 24 h on an 8-hour day, from Christmas Eve morning: 3 h that day (21 left),
    // Christmas and the weekend closed, 8 h on 28 and 29 December (5 left), then 30 December
    // 09:00 + 5 h.
    let finance = try BinaryRunner.run([
      "calendar", "due", "--calendar", "office_brussels", "--from", "2026-12-24T09:00:00+01:00", "--add", "3d",
      "definitions",
    ])
    #expect(finance.stdout == "2026-12-30T14:00:00+01:00\n")
  }

  @Test("due --json adds the input and the business minutes")
  func dueJSON() throws {
    let result = try BinaryRunner.run([
      "calendar", "due", "--calendar", "office_brussels", "--from", "2026-03-27T16:00:00+01:00", "--add", "PT2H",
      "--json",
    ])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    // Friday 16:00 + 2 h: 1 h on Friday, then Monday 30 March 10:00, after the spring change.
    #expect(object["due"] as? String == "2026-03-30T10:00:00+02:00")
    #expect(object["business_minutes"] as? Int == 120)
    #expect(object["from"] as? String == "2026-03-27T16:00:00+01:00")
    #expect(object["calendar"] as? String == "office_brussels")
    #expect(object["time_zone"] as? String == "Europe/Brussels")
  }

  @Test("between prints business days of the calendar's length, hours and minutes")
  func between() throws {
    let text = try BinaryRunner.run([
      "calendar", "between", "--calendar", "office_brussels", "--from", "2026-03-02T09:00:00+01:00", "--to",
      "2026-03-03T11:30:00+01:00",
    ])
    #expect(text.stdout == "1d 2h 30m\n")
    let json = try BinaryRunner.run([
      "calendar", "between", "--calendar", "24x7", "--from", "2026-03-02T09:00:00Z", "--to", "2026-03-04T10:15:00Z",
      "--json",
    ])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["minutes"] as? Int == 2 * 1440 + 75)
    #expect(object["business_time"] as? String == "2d 1h 15m")
  }

  @Test("between with --to before --from has one sign for the whole amount")
  func betweenBackwards() throws {
    let several = try BinaryRunner.run([
      "calendar", "between", "--calendar", "office_brussels", "--from", "2026-03-03T11:30:00+01:00", "--to",
      "2026-03-02T09:00:00+01:00",
    ])
    #expect(several.status == 0 && several.stdout == "-(1d 2h 30m)\n", "\(several.stdout)")
    let one = try BinaryRunner.run([
      "calendar", "between", "--calendar", "24x7", "--from", "2026-03-02T11:00:00Z", "--to", "2026-03-02T09:00:00Z",
      "--json",
    ])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
    #expect(object["business_time"] as? String == "-2h")
    #expect(object["minutes"] as? Int == -120)
  }

  @Test("show marks holidays, overrides and clock changes")
  func show() throws {
    let result = try BinaryRunner.run(["calendar", "show", "office_brussels", "--from", "2026-12-24", "--days", "3"])
    #expect(
      result.stdout == """
        office_brussels (Europe/Brussels), 1d = 8h
        Thu 2026-12-24  09:00-12:00  3h  override
        Fri 2026-12-25  closed           holiday
        Sat 2026-12-26  closed

        """)
    let spring = try BinaryRunner.run(["calendar", "show", "office_brussels", "--from", "2026-03-29", "--days", "1"])
    #expect(spring.stdout.contains("Sun 2026-03-29  closed  clocks go from 02:00 to 03:00 (+01:00 to +02:00)"))
    let json = try BinaryRunner.run([
      "calendar", "show", "back_office_extended", "--from", "2026-10-25", "--days", "2", "--json",
    ])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let days = try #require(object["days"] as? [[String: Any]])
    #expect(days.map { $0["date"] as? String } == ["2026-10-25", "2026-10-26"])
    #expect((days[0]["offset_changes"] as? [[String: Any]])?.first?["after"] as? String == "+01:00")
    #expect(days[1]["windows"] as? [String] == ["08:00-12:30", "13:30-18:00"])
    #expect(days[1]["open_minutes"] as? Int == 540)
  }

  /// audit32 finding 12: a day whose windows hold no real time (an override inside the hour
  /// the clocks skip) shows `0m`, not a blank that reads as open.
  @Test func showGivesZeroOpenTimeToADayWithWindowsButNoTime() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try directory.write(
      "gap.yaml",
      """
      kind: Calendar
      id: gap
      timezone: Europe/Brussels
      hours:
        mon-fri: "09:00-17:00"
      overrides:
        2026-03-29: "02:15-02:45"

      """)
    let result = try BinaryRunner.run(
      ["calendar", "show", "gap", "--from", "2026-03-27", "--days", "3", "gap.yaml"], in: directory.url)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stdout == """
        gap (Europe/Brussels), 1d = 8h
        Fri 2026-03-27  09:00-17:00  8h
        Sat 2026-03-28  closed
        Sun 2026-03-29  02:15-02:45  0m  override; clocks go from 02:00 to 03:00 (+01:00 to +02:00)

        """)
  }

  /// audit38 L3: a clock change at midnight was noted on the date the old clock read, so
  /// Santiago's autumn hour (Saturday 24:00 back to 23:00, a 25-hour Saturday) was noted on
  /// Sunday as "from 00:00 to 23:00", and Apia's skipped 30 December 2011 read "from 00:00 to
  /// 00:00". The note goes to the date the change ends (and to a date it skips), with the
  /// dates when the clock moves to another date.
  @Test func showNotesAChangeAtMidnightOnTheDateItEnds() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try directory.write(
      "zones.yaml",
      """
      kind: Calendar
      id: santiago
      timezone: America/Santiago
      hours:
        mon-sun: "00:00-24:00"
      ---
      kind: Calendar
      id: apia
      timezone: Pacific/Apia
      hours:
        mon-sun: "09:00-17:00"

      """)
    let santiago = try BinaryRunner.run(
      ["calendar", "show", "santiago", "--from", "2026-04-03", "--days", "3", "zones.yaml"], in: directory.url)
    #expect(
      santiago.stdout == """
        santiago (America/Santiago), 1d = 24h
        Fri 2026-04-03  00:00-24:00  24h
        Sat 2026-04-04  00:00-24:00  25h  clocks go from 24:00 to 23:00 (-03:00 to -04:00)
        Sun 2026-04-05  00:00-24:00  24h

        """, "\(santiago.stdout)\(santiago.stderr)")
    let apia = try BinaryRunner.run(
      ["calendar", "show", "apia", "--from", "2011-12-29", "--days", "3", "zones.yaml"], in: directory.url)
    let change = "clocks go from 2011-12-29 24:00 to 2011-12-31 00:00 (-10:00 to +14:00)"
    #expect(
      apia.stdout == """
        apia (Pacific/Apia), 1d = 8h
        Thu 2011-12-29  09:00-17:00  8h
        Fri 2011-12-30  09:00-17:00  0m  the zone skips this date: \(change)
        Sat 2011-12-31  09:00-17:00  8h  \(change)

        """, "\(apia.stdout)\(apia.stderr)")
  }

  @Test(
    "bad input is a usage error with a one-line reason",
    arguments: [
      (["due", "--calendar", "ofice_brussels", "--from", "2026-03-02T09:00:00Z", "--add", "1h"], "'office_brussels'"),
      (["due", "--calendar", "office_brussels", "--from", "2026-03-02T09:00", "--add", "1h"], "invalid time"),
      (["due", "--calendar", "office_brussels", "--from", "2026-03-02T09:00:00Z", "--add", "1x"], "invalid duration"),
      (["due", "--calendar", "office_brussels", "--from", "2026-03-02T09:00:00Z", "--add", "0m"], "not positive"),
      (["due", "--calendar", "office_brussels", "--from", "2026-03-02T09:00:00Z"], "needs --add"),
      (["show", "office_brussels", "--from", "2026-02-30", "--days", "3"], "invalid date"),
      (["show", "office_brussels", "--from", "2026-02-01", "--days", "9999"], "invalid number of days"),
      (["shw"], "'show'"),
      (["show", "office_brussels", "--from", "9999-12-20", "--days", "30"], "past 9999-12-31"),
      (["due", "--calendar", "office_brussels", "--from", "2026-03-02T09:00:00Z", "--add", "1h", "nowhere"], "nowhere"),
    ])
  func usageErrors(arguments: [String], reason: String) throws {
    let result = try BinaryRunner.run(["calendar"] + arguments)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("dcmc: ") && result.stderr.contains(reason), "\(result.stderr)")
  }

  @Test("invalid definitions or a result past the year 9999 exit 1")
  func invalidExitsOne() throws {
    let directory = try TemporaryDirectory()
    let broken = directory.url.appendingPathComponent("broken.yaml")
    try "kind: Calendar\nid: broken\ntimezone: Europe/Brusels\nhours: { mon: \"09:00-17:00\" }\n".write(
      to: broken, atomically: true, encoding: .utf8)
    let invalid = try BinaryRunner.run([
      "calendar", "due", "--calendar", "broken", "--from", "2026-03-02T09:00:00Z", "--add", "1h", broken.path,
    ])
    #expect(invalid.status == 1)
    #expect(invalid.stderr.contains("error[DC"))
    #expect(invalid.stderr.contains("'Europe/Brussels'"))
    let late = try BinaryRunner.run([
      "calendar", "due", "--calendar", "24x7", "--from", "9999-12-31T12:00:00Z", "--add", "1d",
    ])
    #expect(late.status == 1)
    #expect(late.stderr == "dcmc: the result lies outside the years 1 to 9999\n")
  }
}
