import DCMCCalendar
import Testing

/// Business time across DST changes: windows are wall-clock times, business time is real
/// time, and each instant counts once.
@Suite struct DaylightSavingTests {
  typealias F = CalendarFixture

  func due(_ calendar: BusinessCalendar, _ from: String, _ seconds: Int) throws -> String {
    F.local(try calendar.due(from: F.instant(from), adding: seconds), calendar)
  }

  func between(_ calendar: BusinessCalendar, _ from: String, _ to: String) throws -> Int {
    try calendar.businessSeconds(from: F.instant(from), to: F.instant(to))
  }

  @Test func brusselsSpringForwardDayHas23Hours() throws {
    // Always open in local time. Sunday 29 March 2026 02:00 becomes 03:00, so that day
    // lasts 23 real hours. Saturday 12:00 + 24 h: 12 h on Saturday, then 12 real hours from
    // Sunday 00:00 (+01:00), which is 12:00Z... that is 13:00 at +02:00.
    let always = try F.calendar("Europe/Brussels", ["mon-sun": "00:00-24:00"])
    #expect(try due(always, "2026-03-28T12:00:00+01:00", 24 * hour) == "2026-03-29T13:00:00+02:00")
    #expect(try between(always, "2026-03-29T00:00:00+01:00", "2026-03-30T00:00:00+02:00") == 23 * hour)
  }

  @Test func brusselsOvernightShiftsOnBothChanges() throws {
    let nights = try F.calendar("Europe/Brussels", ["mon-sun": "22:00-06:00"])
    // Spring forward: the Saturday night shift 22:00-06:00 lasts 7 real hours.
    #expect(try between(nights, "2026-03-28T22:00:00+01:00", "2026-03-29T06:00:00+02:00") == 7 * hour)
    #expect(try due(nights, "2026-03-28T22:00:00+01:00", 7 * hour) == "2026-03-29T06:00:00+02:00")
    // Half an hour more runs into Sunday night's shift.
    #expect(try due(nights, "2026-03-28T22:00:00+01:00", 7 * hour + 30 * minute) == "2026-03-29T22:30:00+02:00")
    // Fall back (25 October 2026, 03:00 becomes 02:00): the Saturday night shift lasts 9 hours.
    #expect(try between(nights, "2026-10-24T22:00:00+02:00", "2026-10-25T06:00:00+01:00") == 9 * hour)
    #expect(try due(nights, "2026-10-24T22:00:00+02:00", 9 * hour) == "2026-10-25T06:00:00+01:00")
  }

  @Test func officeHoursAreUnchangedAcrossAWeekendChange() throws {
    // New York changes on Sunday 8 March 2026; an office open on weekdays loses nothing.
    // Friday 16:00 + 2 h: 1 h on Friday (-05:00), Monday 09:00-10:00 (-04:00).
    let newYork = try F.calendar("America/New_York", ["mon-fri": "09:00-17:00"])
    #expect(try due(newYork, "2026-03-06T16:00:00-05:00", 2 * hour) == "2026-03-09T10:00:00-04:00")
    #expect(try between(newYork, "2026-03-06T09:00:00-05:00", "2026-03-09T17:00:00-04:00") == 16 * hour)
    // Fall back on Sunday 1 November 2026: Friday 16:00 (-04:00) + 2 h is Monday 10:00 (-05:00).
    #expect(try due(newYork, "2026-10-30T16:00:00-04:00", 2 * hour) == "2026-11-02T10:00:00-05:00")
  }

  @Test func aWindowInTheSpringForwardGapShrinks() throws {
    // 01:00-04:00 on 8 March 2026 in New York: 02:00-03:00 does not exist, so 2 real hours.
    let early = try F.calendar("America/New_York", ["mon-sun": "01:00-04:00"])
    #expect(try between(early, "2026-03-08T00:00:00-05:00", "2026-03-08T12:00:00-04:00") == 2 * hour)
    // An hour in, the clock jumps: 1 h after 01:00 is 03:00 EDT.
    #expect(try due(early, "2026-03-08T01:00:00-05:00", hour) == "2026-03-08T03:00:00-04:00")
    // A window wholly inside the gap does not open at all that day.
    let gap = try F.calendar("America/New_York", ["mon-sun": "02:00-03:00"])
    #expect(try due(gap, "2026-03-08T00:00:00-05:00", 30 * minute) == "2026-03-09T02:30:00-04:00")
  }

  @Test func aWindowOverTheRepeatedHourCountsEachInstantOnce() throws {
    // 00:00-03:00 on 1 November 2026 in New York: 01:00-02:00 happens twice, so the window
    // holds 4 real hours, from 04:00Z to 08:00Z, without counting any instant twice.
    let early = try F.calendar("America/New_York", ["mon-sun": "00:00-03:00"])
    #expect(try between(early, "2026-11-01T00:00:00-04:00", "2026-11-01T12:00:00-05:00") == 4 * hour)
    #expect(try due(early, "2026-11-01T00:00:00-04:00", 4 * hour) == "2026-11-01T03:00:00-05:00")
  }

  @Test func overnightShiftAcrossFallBackInNewYork() throws {
    let nights = try F.calendar("America/New_York", ["fri-sat": "20:00-04:00"])
    // Saturday 31 October 20:00 (-04:00) to Sunday 04:00 (-05:00) is 9 real hours.
    #expect(try due(nights, "2026-10-31T20:00:00-04:00", 9 * hour) == "2026-11-01T04:00:00-05:00")
  }

  @Test func southernHemisphere() throws {
    // Sydney leaves DST on Sunday 5 April 2026 (03:00 becomes 02:00) and enters it on
    // Sunday 4 October 2026 (02:00 becomes 03:00). Office hours on weekdays are unchanged.
    let sydney = try F.calendar("Australia/Sydney", ["mon-fri": "09:00-17:00"])
    #expect(try due(sydney, "2026-04-03T16:00:00+11:00", 2 * hour) == "2026-04-06T10:00:00+10:00")
    #expect(try due(sydney, "2026-10-02T16:00:00+10:00", 2 * hour) == "2026-10-05T10:00:00+11:00")
    // Always open: Sunday 4 October lasts 23 hours, Saturday 12:00 + 24 h = Sunday 13:00 (+11:00).
    let always = try F.calendar("Australia/Sydney", ["mon-sun": "00:00-24:00"])
    #expect(try due(always, "2026-10-03T12:00:00+10:00", 24 * hour) == "2026-10-04T13:00:00+11:00")
    // Sunday 5 April lasts 25 hours.
    #expect(try between(always, "2026-04-05T00:00:00+11:00", "2026-04-06T00:00:00+10:00") == 25 * hour)
  }

  @Test func halfHourZone() throws {
    // Kolkata is +05:30 all year. 04:00Z is 09:30 local, before the 10:00 opening.
    let kolkata = try F.calendar("Asia/Kolkata", ["mon-fri": "10:00-18:00"])
    #expect(try due(kolkata, "2026-03-02T04:00:00Z", hour) == "2026-03-02T11:00:00+05:30")
    #expect(try due(kolkata, "2026-03-06T17:30:00+05:30", hour) == "2026-03-09T10:30:00+05:30")
  }

  @Test func zoneWithoutDST() throws {
    // Phoenix keeps -07:00 while the rest of the US changes on 8 March.
    let phoenix = try F.calendar("America/Phoenix", ["mon-fri": "09:00-17:00"])
    #expect(try due(phoenix, "2026-03-06T16:00:00-07:00", 2 * hour) == "2026-03-09T10:00:00-07:00")
    #expect(phoenix.zone.offset(at: F.instant("2026-07-01T12:00:00Z")) == -7 * hour)
  }
}
