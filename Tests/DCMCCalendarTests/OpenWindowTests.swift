import DCMCCalendar
import Testing

/// Overnight windows, overrides, `isOpen` and `nextOpening`.
@Suite struct OpenWindowTests {
  typealias F = CalendarFixture

  func due(_ calendar: BusinessCalendar, _ from: String, _ seconds: Int) throws -> String {
    F.local(try calendar.due(from: F.instant(from), adding: seconds), calendar)
  }

  @Test func startInsideAnOvernightShiftAfterMidnight() throws {
    // Shifts start 22:00 Monday to Friday and end 06:00 the next morning.
    let nights = try F.calendar("Europe/Brussels", ["mon-fri": "22:00-06:00"])
    // Tuesday 02:00 is inside Monday's shift: 4 h to 06:00, then Tuesday 22:00 + 1 h.
    #expect(try due(nights, "2026-03-03T02:00:00+01:00", 5 * hour) == "2026-03-03T23:00:00+01:00")
    // Saturday 02:00 is inside Friday's shift; no shift starts on the weekend, so the fifth
    // hour is on Monday night.
    #expect(try due(nights, "2026-03-07T02:00:00+01:00", 5 * hour) == "2026-03-09T23:00:00+01:00")
  }

  @Test func aHolidayClosesTheWholeShiftThatStartsOnIt() throws {
    // Monday 2 March is a holiday, so Monday night's shift, after midnight included, is closed.
    let nights = try F.calendar("Europe/Brussels", ["mon-fri": "22:00-06:00"], holidays: ["2026-03-02"])
    #expect(try due(nights, "2026-03-03T02:00:00+01:00", hour) == "2026-03-03T23:00:00+01:00")
    #expect(try !nights.isOpen(at: F.instant("2026-03-03T02:00:00+01:00")))
  }

  @Test func overridesReplaceOrCloseADay() throws {
    let office = try F.calendar(
      "Europe/Brussels", ["mon-fri": "09:00-17:00"],
      overrides: ["2026-12-24": "09:00-12:00", "2027-12-24": "closed", "2026-12-26": "10:00-12:00"])
    // Christmas Eve 2026 closes at noon: 11:00 + 2 h = 1 h, then Friday 25 09:00 + 1 h.
    #expect(try due(office, "2026-12-24T11:00:00+01:00", 2 * hour) == "2026-12-25T10:00:00+01:00")
    // An override opens a Saturday.
    #expect(try due(office, "2026-12-25T16:00:00+01:00", 2 * hour) == "2026-12-26T11:00:00+01:00")
    // Christmas Eve 2027 (a Friday) is closed: Thursday 16:00 + 2 h ends Monday 10:00.
    #expect(try due(office, "2027-12-23T16:00:00+01:00", 2 * hour) == "2027-12-27T10:00:00+01:00")
  }

  @Test func isOpenAtTheEdgesOfAWindow() throws {
    let office = try F.calendar("Europe/Brussels", ["mon-fri": "09:00-17:00"])
    #expect(try office.isOpen(at: F.instant("2026-03-02T09:00:00+01:00")))
    #expect(try office.isOpen(at: F.instant("2026-03-02T16:59:59+01:00")))
    #expect(try !office.isOpen(at: F.instant("2026-03-02T17:00:00+01:00")))
    #expect(try !office.isOpen(at: F.instant("2026-03-02T08:59:59+01:00")))
    #expect(try !office.isOpen(at: F.instant("2026-03-07T12:00:00+01:00")))
  }

  @Test func nextOpening() throws {
    let office = try F.calendar("Europe/Brussels", ["mon-fri": "09:00-17:00"], holidays: ["2026-03-09"])
    func next(_ text: String) throws -> String? {
      try office.nextOpening(atOrAfter: F.instant(text)).map { F.local($0, office) }
    }
    // Open now: now.
    #expect(try next("2026-03-02T10:00:00+01:00") == "2026-03-02T10:00:00+01:00")
    // At closing: the next morning.
    #expect(try next("2026-03-02T17:00:00+01:00") == "2026-03-03T09:00:00+01:00")
    // Friday evening, with Monday a holiday: Tuesday.
    #expect(try next("2026-03-06T18:00:00+01:00") == "2026-03-10T09:00:00+01:00")
  }

  @Test func aCalendarOpenOnlyOnOverridesIsRefusedAsYAMLIsWithDC6006() throws {
    // It would run out of time after its last override; before 7 December 2026 a bundle could
    // hold one (the checker refused it, the runtime did not).
    #expect(throws: CalendarError.neverOpen) { try F.calendar("UTC", [:], overrides: ["2026-03-02": "09:00-10:00"]) }
  }

  @Test func malformedCalendarsAreRefused() throws {
    #expect(throws: CalendarError.neverOpen) { try F.calendar("UTC", [:]) }
    #expect(throws: CalendarError.self) { try F.calendar("UTC", ["mon": "09:00-12:00, 11:00-13:00"]) }
    // Monday's overnight window runs into Tuesday's morning window.
    #expect(throws: CalendarError.self) { try F.calendar("UTC", ["mon": "22:00-08:00", "tue": "07:00-09:00"]) }
    // Sunday night runs into Monday morning.
    #expect(throws: CalendarError.self) { try F.calendar("UTC", ["sun": "22:00-08:00", "mon": "07:00-09:00"]) }
  }

  @Test func dayLengthDefaultsToTheMostCommonWorkingDay() throws {
    let extended = try F.calendar("Europe/Brussels", ["mon-fri": "08:00-12:30, 13:30-18:00", "sat": "09:00-13:00"])
    #expect(extended.dayLength == 9 * hour)
    let given = try F.calendar("Europe/Brussels", ["mon-fri": "09:00-17:00"], dayLength: 7 * hour)
    #expect(given.dayLength == 7 * hour)
    #expect(BusinessCalendar.alwaysOpen.dayLength == 24 * hour)
  }
}
