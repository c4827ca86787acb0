/// DC6001...DC6008: business calendars.
extension Explanation {
  /// The office calendar in Brussels with `lines` (YAML at the top level) after its
  /// time zone.
  private static func calendar(_ lines: String, timezone: String = "Europe/Brussels") -> String {
    """
    kind: Calendar
    id: office
    timezone: \(timezone)
    \(lines)
    """
  }

  static let unknownTimeZone = Explanation(
    title: "unknown time zone",
    summary: """
      The `timezone` is not a known IANA time zone name. dcmc needs the real zone, such as `Europe/Brussels`, \
      to place opening hours correctly across summer and winter time.
      """,
    wrong: calendar("hours:\n  mon-fri: \"09:00-17:00\"", timezone: "Europe/Brussel"),
    right: calendar("hours:\n  mon-fri: \"09:00-17:00\""))

  static let invalidTimeWindow = Explanation(
    title: "invalid time window",
    summary: """
      Opening hours are written as 24-hour windows `HH:MM-HH:MM`, several separated by commas, such as \
      `"08:00-12:00, 13:00-17:00"`. `24:00` ends a window at midnight; a window ending before it starts runs \
      overnight.
      """,
    wrong: calendar("hours:\n  mon-fri: \"09:00-17:00\"\n  sat: \"10am-1pm\""),
    right: calendar("hours:\n  mon-fri: \"09:00-17:00\"\n  sat: \"10:00-13:00\""))

  static let overlappingWindows = Explanation(
    title: "overlapping time windows",
    summary: """
      Two opening windows of the same day overlap, or an overnight window runs into the next day's first \
      window. Business time would be counted twice, so windows must not overlap.
      """,
    wrong: calendar("hours:\n  mon-fri: \"09:00-17:00\"\n  sat: \"09:00-12:30, 12:00-14:00\""),
    right: calendar("hours:\n  mon-fri: \"09:00-17:00\"\n  sat: \"09:00-12:00, 12:30-14:00\""))

  static let emptyWindow = Explanation(
    title: "empty time window",
    summary: """
      The window starts and ends at the same time, so it opens nothing. Leave the day out to keep it closed, \
      or write `00:00-24:00` for a whole day.
      """,
    wrong: calendar("hours:\n  mon-fri: \"09:00-17:00\"\n  sat: \"10:00-10:00\""),
    right: calendar("hours:\n  mon-fri: \"09:00-17:00\"\n  sat: \"10:00-13:00\""))

  static let duplicateHoliday = Explanation(
    title: "duplicate holiday",
    summary: """
      The same date is listed twice in `holidays`. It changes nothing, but it usually hides a typo in the \
      date that was meant.
      """,
    wrong: calendar("hours:\n  mon-fri: \"09:00-17:00\"\nholidays:\n  - 2026-12-25\n  - 2027-01-01\n  - 2026-12-25"),
    right: calendar("hours:\n  mon-fri: \"09:00-17:00\"\nholidays:\n  - 2026-12-25\n  - 2027-01-01\n  - 2027-04-05"))

  static let calendarNeverOpen = Explanation(
    title: "calendar never open",
    summary: """
      The calendar has no open time in its week, so no deadline measured on it could ever fall due. Give at \
      least one day opening hours.
      """,
    wrong: calendar("hours: {}"),
    right: calendar("hours:\n  mon-fri: \"09:00-17:00\""))

  static let invalidDayKey = Explanation(
    title: "invalid day in opening hours",
    summary: """
      A key of `hours` is not a day. Days are `mon` to `sun`, ranges such as `mon-fri` and lists such as \
      `mon,wed`.
      """,
    wrong: calendar("hours:\n  mon-fri: \"09:00-17:00\"\n  saturday: \"10:00-13:00\""),
    right: calendar("hours:\n  mon-fri: \"09:00-17:00\"\n  sat: \"10:00-13:00\""))

  static let duplicateDay = Explanation(
    title: "day given twice",
    summary: """
      A day gets opening hours from two keys of `hours`, for example from `mon-fri` and from `fri`. dcmc does \
      not guess which one wins: give each day its hours once.
      """,
    wrong: calendar("hours:\n  mon-fri: \"09:00-17:00\"\n  fri: \"09:00-15:00\""),
    right: calendar("hours:\n  mon-thu: \"09:00-17:00\"\n  fri: \"09:00-15:00\""))
}
