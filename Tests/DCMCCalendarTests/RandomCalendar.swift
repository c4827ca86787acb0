import DCMCCalendar
import Foundation
import _DCMCTestSupport

/// A random calendar together with a slow, independent model of it: open or not, minute
/// by minute, with the wall-clock time from Foundation's `TimeZone`.
struct RandomCalendar {
  static let zones = [
    "Europe/Brussels", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC", "Europe/London",
    "Australia/Lord_Howe", "Pacific/Chatham", "America/Sao_Paulo",
  ]
  static let dayPatterns = [
    "09:00-17:00", "08:00-12:30, 13:30-18:00", "00:00-24:00", "22:00-06:00", "10:30-13:15", "01:00-04:00",
    "00:00-03:00", "02:15-02:45", "18:00-02:00", "06:00-09:00, 21:00-23:30",
  ]
  /// 2026-01-01T00:00:00Z and two years later: where random starts fall.
  static let period = 1_767_225_600..<(1_767_225_600 + 730 * 86_400)

  let calendar: BusinessCalendar
  let timeZone: TimeZone
  let week: [[BusinessCalendar.Window]]
  let holidays: Set<Int>
  let overrides: [Int: [BusinessCalendar.Window]]

  /// Draws calendars until one is valid (its windows do not overlap).
  static func draw(using random: inout SeededGenerator) -> RandomCalendar {
    while true {
      let zone = zones[random.below(zones.count)]
      var week: [[BusinessCalendar.Window]] = []
      for _ in 0..<7 {
        week.append(random.below(3) == 0 ? [] : CalendarFixture.windows(dayPatterns[random.below(dayPatterns.count)]))
      }
      let firstDay = period.lowerBound / 86_400
      var holidays: Set<Int> = []
      for _ in 0..<random.below(12) { holidays.insert(firstDay + random.below(760)) }
      var overrides: [Int: [BusinessCalendar.Window]] = [:]
      for _ in 0..<random.below(6) {
        let pattern = random.below(3) == 0 ? [] : CalendarFixture.windows(dayPatterns[random.below(dayPatterns.count)])
        overrides[firstDay + random.below(760)] = pattern
      }
      // A week without open time runs out of time after its last override: no laws hold.
      guard week.contains(where: { !$0.isEmpty }),
        let calendar = try? BusinessCalendar(
          id: "random", zone: TimeZoneDatabase.rules(named: zone)!, week: week,
          holidays: holidays.map(LocalDate.init(dayNumber:)),
          overrides: overrides.map { (LocalDate(dayNumber: $0.key), $0.value) }, dayLength: nil)
      else { continue }
      return RandomCalendar(
        calendar: calendar, timeZone: TimeZone(identifier: zone)!, week: week, holidays: holidays,
        overrides: overrides)
    }
  }

  /// A start instant on a whole minute, half of them within two days of an offset change.
  func drawStart(using random: inout SeededGenerator) -> Int {
    var start = Self.period.lowerBound + random.below(Self.period.count / 60) * 60
    if random.below(2) == 0,
      let change = timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: Double(start)))
    {
      start = Int(change.timeIntervalSince1970) / 60 * 60 + (random.below(4 * 1440) - 2 * 1440) * 60
    }
    return start
  }

  // MARK: The slow model

  func windows(ofDay day: Int) -> [BusinessCalendar.Window] {
    if let override = overrides[day] { return override }
    if holidays.contains(day) { return [] }
    return week[LocalDate.weekday(ofDay: day)]
  }

  /// Whether the minute starting at `instant` is open: its wall-clock time lies in a window
  /// of the day it is on, or of the day before (an overnight window).
  func isOpen(minuteAt instant: Int) -> Bool {
    let local = instant + timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
    let day = Int((Double(local) / 86_400).rounded(.down))
    return [day - 1, day].contains { owner in
      let second = local - owner * 86_400
      return windows(ofDay: owner).contains { $0.start <= second && second < $0.end }
    }
  }

  /// The end of the `minutes`-th open minute from `start`, looking at most `horizon` days
  /// ahead; `nil` past it.
  func slowDue(from start: Int, minutes: Int, horizonDays: Int = 45) -> Int? {
    var count = 0
    var instant = start
    while instant < start + horizonDays * 86_400 {
      if isOpen(minuteAt: instant) {
        count += 1
        if count == minutes { return instant + 60 }
      }
      instant += 60
    }
    return nil
  }

  func slowBetween(_ from: Int, _ to: Int) -> Int {
    stride(from: from, to: to, by: 60).count { isOpen(minuteAt: $0) } * 60
  }
}
