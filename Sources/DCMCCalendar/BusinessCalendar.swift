/// A business calendar, ready for arithmetic: open windows per weekday in a time zone,
/// holidays, dates with their own hours, and the length of a business day.
///
/// Business time is the real time that elapses inside open windows, which are local
/// wall-clock times: on a DST night a window lasts an hour more or less, and the part of a
/// window that falls into a spring-forward gap does not exist. A window belongs to the day
/// it starts on, so a holiday or an override closes or replaces all of it, the part after
/// midnight of an overnight window included.
public struct BusinessCalendar: Sendable {
  /// One open window of a day, in seconds after the local midnight of the day it belongs
  /// to. `end` is after `start` and may pass midnight (at most 24 hours later): an
  /// overnight window.
  public struct Window: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
      self.start = start
      self.end = end
    }

    /// A window written in minutes after midnight, where an end not after the start runs
    /// into the next day and `1440` is the end of the day. Throws for a start outside
    /// 0..<1440, an end outside 0...1440, and an empty window (`isEmpty`): a bundle's windows
    /// are read with it, so a bundle cannot hold what YAML refuses.
    public init(startMinute: Int, endMinute: Int) throws(CalendarError) {
      guard (0..<1440).contains(startMinute), (0...1440).contains(endMinute) else {
        throw .malformedWindow("window \(startMinute)-\(endMinute) (minutes) is not a window of one day")
      }
      guard !Self.isEmpty(startMinute: startMinute, endMinute: endMinute) else {
        throw .malformedWindow("window \(Self.clock(startMinute))-\(Self.clock(endMinute)) is empty")
      }
      self.init(start: startMinute * 60, end: (endMinute <= startMinute ? endMinute + 1440 : endMinute) * 60)
    }

    /// Whether a window written in minutes (start 0..<1440, end 0...1440) is empty: its end
    /// is its start (`09:00-09:00`, `00:00-00:00`), where `00:00-24:00` is the whole day. The
    /// one rule of the checker (DC6004) and of a loaded bundle.
    public static func isEmpty(startMinute: Int, endMinute: Int) -> Bool {
      startMinute == endMinute % 1440 && endMinute != 1440
    }

    /// `HH:MM` of a minute of the day, 0...1440: how windows are written (YAML, messages).
    public static func clock(_ minute: Int) -> String {
      let (hours, minutes) = (minute / 60, minute % 60)
      return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }

    var length: Int { end - start }
  }

  /// What a day's windows come from.
  public enum DayKind: Sendable, Hashable {
    case regular
    case holiday
    case override
  }

  public let id: String
  public let zone: ZoneRules
  /// The length of `1d` in seconds.
  public let dayLength: Int
  /// Always open in UTC: the built-in `24x7` calendar, where arithmetic is plain addition.
  let isAlwaysOpen: Bool
  /// Index 0 = Monday ... 6 = Sunday; each day's windows sorted.
  let week: [[Window]]
  /// Holidays and override dates, as ascending day numbers, and what each gives.
  let specialDays: [Int]
  let specialKinds: [DayKind]
  let specialWindows: [[Window]]
  /// Precomputed from `week` for skipping regular days: open seconds per weekday and per
  /// week, the first window's start and the last window's end per weekday, and how many days
  /// from each weekday to the next weekday with open time.
  let weekdayTotals: [Int]
  let weekTotal: Int
  let firstStarts: [Int]
  let lastEnds: [Int]
  let daysToOpenWeekday: [Int]

  /// The id of the built-in calendar.
  public static let alwaysOpenID = "24x7"

  /// The built-in `24x7` calendar: UTC, always open, `1d` = 24 hours.
  public static let alwaysOpen = BusinessCalendar(
    id: alwaysOpenID, zone: .utc, checkedWeek: Array(repeating: [Window(start: 0, end: 86_400)], count: 7),
    special: [:], dayLength: 86_400, alwaysOpen: true)

  /// Builds a calendar; throws when a window is malformed, windows overlap, or its week has
  /// no open time (DC6006's rule: overrides alone would run out of time after their last
  /// date, so every deadline after it would fail).
  ///
  /// - Parameters:
  ///   - week: seven lists of windows, Monday first.
  ///   - overrides: dates with their own windows; an empty list closes the date. An
  ///     override wins over a holiday on the same date.
  ///   - dayLength: the length of `1d` in seconds; `nil` for the most common daily open time
  ///     of the week (the longer one on a tie).
  public init(
    id: String, zone: ZoneRules, week: [[Window]], holidays: [LocalDate], overrides: [(LocalDate, [Window])],
    dayLength: Int?
  ) throws(CalendarError) {
    guard week.count == 7 else { throw .malformedWindow("a week has 7 days, not \(week.count)") }
    let week = week.map { $0.sorted { $0.start < $1.start } }
    try Self.checkWeek(week)
    var special: [Int: (DayKind, [Window])] = [:]
    for date in holidays { special[date.dayNumber] = (.holiday, []) }
    for (date, windows) in overrides {
      let sorted = windows.sorted { $0.start < $1.start }
      try Self.checkDay(sorted, name: "override of \(date)")
      special[date.dayNumber] = (.override, sorted)
    }
    let weekTotal = week.reduce(0) { $0 + $1.reduce(0) { $0 + $1.length } }
    guard weekTotal > 0 else { throw .neverOpen }
    self.init(id: id, zone: zone, checkedWeek: week, special: special, dayLength: dayLength, alwaysOpen: false)
  }

  /// A calendar from a week whose windows are sorted and checked and its special days, by day
  /// number; nothing left to refuse.
  private init(
    id: String, zone: ZoneRules, checkedWeek week: [[Window]], special: [Int: (DayKind, [Window])], dayLength: Int?,
    alwaysOpen: Bool
  ) {
    let totals = week.map { $0.reduce(0) { $0 + $1.length } }
    self.id = id
    self.zone = zone
    self.isAlwaysOpen = alwaysOpen
    self.week = week
    let days = special.sorted { $0.key < $1.key }
    specialDays = days.map(\.key)
    specialKinds = days.map(\.value.0)
    specialWindows = days.map(\.value.1)
    weekdayTotals = totals
    weekTotal = totals.reduce(0, +)
    firstStarts = week.map { $0.first?.start ?? 0 }
    lastEnds = week.map { $0.map(\.end).max() ?? 0 }
    daysToOpenWeekday = (0..<7).map { weekday in (0..<7).first { totals[(weekday + $0) % 7] > 0 } ?? 7 }
    self.dayLength = dayLength ?? Self.mostCommonDay(totals)
  }

  /// The most common non-zero daily open time (the longer one on a tie); 24 hours for a
  /// week without open time.
  public static func mostCommonDay(_ totals: [Int]) -> Int {
    var counts: [Int: Int] = [:]
    for total in totals where total > 0 { counts[total, default: 0] += 1 }
    return counts.max { ($0.value, $0.key) < ($1.value, $1.key) }?.key ?? 86_400
  }

  /// The windows of a day (a day number), and what they come from.
  public func windows(ofDay day: Int) -> (kind: DayKind, windows: [Window]) {
    if let index = specialIndex(atOrAfter: day), specialDays[index] == day {
      return (specialKinds[index], specialWindows[index])
    }
    return (.regular, week[LocalDate.weekday(ofDay: day)])
  }

  /// The index of the first special day at or after `day`, if any.
  func specialIndex(atOrAfter day: Int) -> Int? {
    var low = 0
    var high = specialDays.count
    while low < high {
      let middle = (low + high) / 2
      if specialDays[middle] < day { low = middle + 1 } else { high = middle }
    }
    return low < specialDays.count ? low : nil
  }

  private static func checkDay(_ windows: [Window], name: String) throws(CalendarError) {
    for window in windows where window.start < 0 || window.start >= 86_400 || window.end <= window.start
      || window.end > window.start + 86_400
    {
      throw .malformedWindow("window \(window.start)s-\(window.end)s of the \(name) is not a window of one day")
    }
    for (first, second) in zip(windows, windows.dropFirst()) where second.start < first.end {
      throw .overlappingWindows("two windows of the \(name) overlap")
    }
  }

  /// Each day's windows are well formed and no two windows of the week overlap, the part
  /// after midnight of an overnight window included.
  private static func checkWeek(_ week: [[Window]]) throws(CalendarError) {
    for (weekday, windows) in week.enumerated() {
      try checkDay(windows, name: LocalDate.weekdayNames[weekday])
    }
    let line = week.enumerated().flatMap { weekday, windows in
      windows.map { (start: weekday * 86_400 + $0.start, end: weekday * 86_400 + $0.end) }
    }
    for (first, second) in zip(line, line.dropFirst()) where second.start < first.end {
      throw .overlappingWindows("a window runs into the next one of the week")
    }
    if let first = line.first, let last = line.last, last.end > 7 * 86_400 + first.start {
      throw .overlappingWindows("Sunday's last window runs into Monday's first")
    }
  }
}

/// Why a calendar cannot be built or a computation has no answer.
public enum CalendarError: Error, Equatable, Sendable, CustomStringConvertible {
  case malformedWindow(String)
  case overlappingWindows(String)
  /// The calendar's week has no open time.
  case neverOpen
  /// The answer lies outside years 1 to 9999.
  case outOfRange

  public var description: String {
    switch self {
    case .malformedWindow(let reason), .overlappingWindows(let reason): reason
    case .neverOpen: "the calendar has no open time in its week"
    case .outOfRange: "the result lies outside the years 1 to 9999"
    }
  }
}
