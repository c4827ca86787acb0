public import DCMCCalendar
public import DCMCDiagnostics

/// A business calendar as written: the weekly open windows, holidays and overrides.
public struct CalendarDefinition: Sendable {
  public var header: DefinitionHeader
  public var timeZone: Located<String>
  /// Open windows per weekday, index 0 = Monday ... 6 = Sunday.
  public var week: [[TimeWindow]]
  public var holidays: [Located<LocalDate>]
  /// Dates with their own windows; an empty list means closed all day.
  public var overrides: [(date: Located<LocalDate>, windows: [TimeWindow])]
  /// The length of `1d`, when given.
  public var day: Located<Duration>?

  /// The id of the built-in calendar: UTC, always open, `1d` = 24 hours.
  public static let alwaysOpenID = "24x7"

  public init(
    header: DefinitionHeader, timeZone: Located<String>, week: [[TimeWindow]], holidays: [Located<LocalDate>],
    overrides: [(date: Located<LocalDate>, windows: [TimeWindow])], day: Located<Duration>?
  ) {
    self.header = header
    self.timeZone = timeZone
    self.week = week
    self.holidays = holidays
    self.overrides = overrides
    self.day = day
  }

  /// The length of one business day in seconds: `day` when given, else the most common
  /// non-zero daily open time of the week (the longer one on a tie).
  public var dayLength: Int {
    if let day { return day.value.totalSeconds(dayLength: 86_400) }
    return BusinessCalendar.mostCommonDay(week.map { $0.reduce(0) { $0 + $1.lengthInMinutes * 60 } })
  }
}

/// One open window of a day, in local wall-clock minutes. A window whose end is not after
/// its start runs overnight into the next day; `00:00-24:00` is the whole day.
public struct TimeWindow: Sendable, Hashable {
  /// Minutes after local midnight, 0..<1440.
  public var start: Int
  /// Minutes after local midnight, 0...1440.
  public var end: Int
  public var range: SourceRange

  public init(start: Int, end: Int, range: SourceRange) {
    self.start = start
    self.end = end
    self.range = range
  }

  public var isOvernight: Bool { end <= start }

  /// `'09:00-17:00'`, for messages.
  public var text: String {
    "'\(BusinessCalendar.Window.clock(start))-\(BusinessCalendar.Window.clock(end))'"
  }

  /// The nominal length (without DST), in minutes.
  public var lengthInMinutes: Int { isOvernight ? 1440 - start + end : end - start }
}

extension CalendarDefinition {
  /// This calendar ready for arithmetic, in the time zone `zone` (the rules of its
  /// `timeZone`). Throws only for a definition the checker would refuse.
  public func businessCalendar(zone: ZoneRules) throws(CalendarError) -> BusinessCalendar {
    func windows(_ list: [TimeWindow]) throws(CalendarError) -> [BusinessCalendar.Window] {
      var windows: [BusinessCalendar.Window] = []
      for window in list { windows.append(try BusinessCalendar.Window(startMinute: window.start, endMinute: window.end)) }
      return windows
    }
    var weekWindows: [[BusinessCalendar.Window]] = []
    for day in week { weekWindows.append(try windows(day)) }
    var overrideWindows: [(LocalDate, [BusinessCalendar.Window])] = []
    for override in overrides { overrideWindows.append((override.date.value, try windows(override.windows))) }
    return try BusinessCalendar(
      id: header.id.value, zone: zone, week: weekWindows, holidays: holidays.map(\.value), overrides: overrideWindows,
      dayLength: dayLength)
  }
}
