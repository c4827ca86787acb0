/// A calendar, resolved: the runtime computes every deadline from it.
public struct BundleCalendar: Sendable, Hashable, Encodable {
  public var id: String
  public var name: String
  public var description: String?
  /// `nil` for the built-in `24x7` calendar, which has no definition.
  public var source: BundleSource?
  /// The IANA time zone name of the windows, holidays and overrides (`UTC` for `24x7`).
  public var timezone: String
  /// The weekly open windows, seven lists: index 0 is Monday, 6 is Sunday.
  public var week: [[BundleWindow]]
  /// Local dates closed all day, sorted, each once.
  public var holidays: [String]
  /// Dates with their own windows, sorted by date; no windows means closed all day.
  public var overrides: [BundleOverride]
  /// The length of `1d` in business minutes: `day` when written, else the most common
  /// working day; 1440 on `24x7`.
  public var dayMinutes: Int

  private enum CodingKeys: String, CodingKey {
    case id, name, description, source, timezone, week, holidays, overrides
    case dayMinutes = "day_minutes"
  }

  public init(
    id: String, name: String, description: String?, source: BundleSource?, timezone: String,
    week: [[BundleWindow]], holidays: [String], overrides: [BundleOverride], dayMinutes: Int
  ) {
    self.id = id
    self.name = name
    self.description = description
    self.source = source
    self.timezone = timezone
    self.week = week
    self.holidays = holidays
    self.overrides = overrides
    self.dayMinutes = dayMinutes
  }

  /// The id of the built-in calendar.
  public static let alwaysOpenID = "24x7"

  /// The built-in calendar: UTC, open all day every day, `1d` = 24 hours.
  public static let alwaysOpen = BundleCalendar(
    id: alwaysOpenID, name: alwaysOpenID, description: "calendar time: always open, in UTC",
    source: nil,
    timezone: "UTC", week: Array(repeating: [BundleWindow(start: 0, end: 1440)], count: 7),
    holidays: [],
    overrides: [], dayMinutes: 1440)
}

/// An open window in local wall-clock minutes after midnight. When `end <= start` the
/// window runs overnight into the next day; `0-1440` is the whole day.
public struct BundleWindow: Sendable, Hashable, Encodable {
  /// 0..<1440.
  public var start: Int
  /// 1...1440, or at most `start` for an overnight window.
  public var end: Int

  public init(start: Int, end: Int) {
    self.start = start
    self.end = end
  }
}

/// A date with its own windows (`closed` is no windows).
public struct BundleOverride: Sendable, Hashable, Encodable {
  /// `YYYY-MM-DD`, local to the calendar.
  public var date: String
  public var windows: [BundleWindow]

  public init(date: String, windows: [BundleWindow]) {
    self.date = date
    self.windows = windows
  }
}
