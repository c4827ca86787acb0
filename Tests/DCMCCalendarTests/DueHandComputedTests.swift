import DCMCCalendar
import Testing

/// `due` on cases worked out by hand; each comment gives the reasoning.
@Suite struct DueHandComputedTests {
  typealias F = CalendarFixture
  let office: BusinessCalendar
  let extended: BusinessCalendar

  init() throws {
    // The reference office calendar: 09:00-17:00 on weekdays, Belgian holidays, short
    // Christmas and New Year's Eves.
    office = try F.calendar(
      "Europe/Brussels", ["mon-fri": "09:00-17:00"],
      holidays: ["2026-04-06", "2026-12-25", "2027-01-01"],
      overrides: ["2026-12-24": "09:00-12:00", "2026-12-31": "09:00-12:00"])
    extended = try F.calendar("Europe/Brussels", ["mon-fri": "08:00-12:30, 13:30-18:00", "sat": "09:00-13:00"])
  }

  func due(_ calendar: BusinessCalendar, _ from: String, _ seconds: Int) throws -> String {
    F.local(try calendar.due(from: F.instant(from), adding: seconds), calendar)
  }

  @Test func lastHalfHourBeforeAWeekendAndAHoliday() throws {
    // Good Friday 16:30: 30 minutes today; Saturday, Sunday and Easter Monday are closed;
    // the other 30 minutes run from Tuesday 09:00.
    #expect(try due(office, "2026-04-03T16:30:00+02:00", hour) == "2026-04-07T09:30:00+02:00")
  }

  @Test func severalDaysAcrossNewYear() throws {
    // 3 business days = 24 h. Wed 30 Dec 10:00-17:00 gives 7 h (17 left); New Year's Eve is
    // open 09:00-12:00, 3 h (14 left); 1 Jan is a holiday, then the weekend; Monday 4 Jan
    // gives 8 h (6 left); Tuesday 09:00 + 6 h = 15:00.
    #expect(try due(office, "2026-12-30T10:00:00+01:00", 24 * hour) == "2027-01-05T15:00:00+01:00")
  }

  @Test func startInsideAHoliday() throws {
    // Christmas Day is closed, then the weekend: the clock starts Monday 09:00.
    #expect(try due(office, "2026-12-25T11:00:00+01:00", 2 * hour) == "2026-12-28T11:00:00+01:00")
  }

  @Test func startBeforeOpening() throws {
    #expect(try due(office, "2026-03-02T07:00:00+01:00", hour) == "2026-03-02T10:00:00+01:00")
  }

  @Test func startOnASaturdayEndsExactlyAtClosing() throws {
    // Monday 09:00 + 8 h is Monday's closing time, 17:00, not Tuesday's opening.
    #expect(try due(office, "2026-03-07T12:00:00+01:00", 8 * hour) == "2026-03-09T17:00:00+01:00")
  }

  @Test func startAfterClosingGivenInUTC() throws {
    // 17:30Z is 18:30 in Brussels, after closing: Tuesday 09:00 + 30 min.
    #expect(try due(office, "2026-03-02T17:30:00Z", 30 * minute) == "2026-03-03T09:30:00+01:00")
  }

  @Test func dueAtClosingTime() throws {
    #expect(try due(office, "2026-03-02T09:00:00+01:00", 8 * hour) == "2026-03-02T17:00:00+01:00")
    // One second more runs into the next morning.
    #expect(try due(office, "2026-03-02T09:00:00+01:00", 8 * hour + 1) == "2026-03-03T09:00:01+01:00")
  }

  @Test func lunchBreakAsTwoWindows() throws {
    // 12:00-12:30 before lunch, then 13:30-14:00 after it.
    #expect(try due(extended, "2026-03-02T12:00:00+01:00", hour) == "2026-03-02T14:00:00+01:00")
    // Starting during lunch starts at 13:30.
    #expect(try due(extended, "2026-03-02T12:45:00+01:00", hour) == "2026-03-02T14:30:00+01:00")
  }

  @Test func saturdayMorningWindow() throws {
    // Friday 17:30 + 1 h: 30 min to 18:00, then Saturday 09:00 + 30 min.
    #expect(try due(extended, "2026-03-06T17:30:00+01:00", hour) == "2026-03-07T09:30:00+01:00")
  }

  @Test func leapDay() throws {
    // Monday 28 Feb 2028 16:00 + 2 h: 1 h today, then Tuesday 29 February 09:00 + 1 h.
    #expect(try due(office, "2028-02-28T16:00:00+01:00", 2 * hour) == "2028-02-29T10:00:00+01:00")
    // With 29 February a holiday, the second hour is on Wednesday 1 March.
    let leap = try F.calendar("Europe/Brussels", ["mon-fri": "09:00-17:00"], holidays: ["2028-02-29"])
    #expect(try due(leap, "2028-02-28T16:00:00+01:00", 2 * hour) == "2028-03-01T10:00:00+01:00")
  }

  @Test func tenYears() throws {
    // 2,600 business days of 8 h = 520 weeks of five days from Monday 5 January 2026 09:00:
    // the last one is the Friday of week 520, 5 Jan 2026 + 519 weeks + 4 days = Friday
    // 21 December 2035, and the time lands on its closing time.
    let plain = try F.calendar("Europe/Brussels", ["mon-fri": "09:00-17:00"])
    #expect(try due(plain, "2026-01-05T09:00:00+01:00", 2600 * 8 * hour) == "2035-12-21T17:00:00+01:00")
    // On 24x7, 3,650 days of 24 h from 1 January 2026 is 30 December 2035 (2028 and 2032
    // are leap years).
    let always = BusinessCalendar.alwaysOpen
    #expect(try due(always, "2026-01-01T00:00:00Z", 3650 * 86_400) == "2035-12-30T00:00:00Z")
  }

  @Test func zeroDurationIsTheStart() throws {
    #expect(try due(office, "2026-03-07T12:00:00+01:00", 0) == "2026-03-07T12:00:00+01:00")
  }

  @Test func outOfRangeIsAnErrorNotATrap() throws {
    #expect(throws: CalendarError.outOfRange) {
      try office.due(from: F.instant("9999-12-31T12:00:00Z"), adding: 10 * 8 * hour)
    }
    #expect(throws: CalendarError.outOfRange) {
      try BusinessCalendar.alwaysOpen.due(from: F.instant("9999-12-31T12:00:00Z"), adding: 86_400)
    }
  }
}
