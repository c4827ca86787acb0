import DCMCCalendar
import DCMCJSON
import DCMCModel

/// One `dcmc calendar` question, as its action's arguments give it, and its answer as text
/// or JSON.
enum CalendarRequest {
  case due(from: Timestamp, add: Duration)
  case between(from: Timestamp, to: Timestamp)
  case show(from: LocalDate, days: Int)

  /// `show` from the text of `--from DATE` and `--days N`.
  static func show(from dateText: String, days daysText: String) throws(UsageError) -> CalendarRequest {
    guard let date = LocalDate(dateText) else {
      throw UsageError("invalid date '\(dateText.prefix(40))'; write YYYY-MM-DD, a real day of a real month")
    }
    guard let days = Int(daysText), (1...366).contains(days) else {
      throw UsageError("invalid number of days '\(daysText.prefix(20))'; give 1 to 366")
    }
    guard date.dayNumber + days - 1 <= LocalDate.supportedDays.upperBound else {
      throw UsageError("the days to show run past 9999-12-31")
    }
    return .show(from: date, days: days)
  }

  /// The time `option` gives; unreadable, a usage error naming the option.
  static func time(_ text: String, for option: OptionSpec) throws(UsageError) -> Timestamp {
    guard let time = Timestamp(text), Instant.supported.contains(time.instant) else {
      throw UsageError(
        "invalid time '\(text.prefix(40))' for \(option.name); "
          + "write ISO 8601 with an offset, like 2026-03-02T09:00:00+01:00")
    }
    return time
  }

  static func duration(_ text: String) throws(UsageError) -> Duration {
    switch Duration.parse(text) {
    case .success(let duration): return duration
    case .failure(.notPositive): throw UsageError("the duration '\(text.prefix(40))' is not positive")
    case .failure(.malformed):
      throw UsageError("invalid duration '\(text.prefix(40))'; write 90m, 16h, 3d, 2d 4h, or ISO 8601 like PT12H")
    }
  }

  /// What the command prints, ending with a line break.
  func answer(on calendar: BusinessCalendar, json: Bool) throws(CalendarError) -> String {
    switch self {
    case .due(let from, let add):
      let seconds = add.totalSeconds(dayLength: calendar.dayLength)
      let due = Self.local(try calendar.due(from: from.instant, adding: seconds), calendar)
      guard json else { return due.description + "\n" }
      return JSONValue.object([
        ("calendar", .string(calendar.id)), ("time_zone", .string(calendar.zone.name)),
        ("from", .string(from.description)), ("add", .string(add.description)),
        ("business_minutes", .int(seconds / 60)), ("business_seconds", .int(seconds)), ("due", .string(due.description)),
      ]).prettyText()
    case .between(let from, let to):
      let seconds = try calendar.businessSeconds(from: from.instant, to: to.instant)
      let text = Self.businessTime(seconds, dayLength: calendar.dayLength)
      guard json else { return text + "\n" }
      return JSONValue.object([
        ("calendar", .string(calendar.id)), ("time_zone", .string(calendar.zone.name)),
        ("from", .string(from.description)), ("to", .string(to.description)), ("business_time", .string(text)),
        ("minutes", .int(seconds / 60)), ("seconds", .int(seconds)), ("day_length_minutes", .int(calendar.dayLength / 60)),
      ]).prettyText()
    case .show(let from, let days):
      let schedules = (0..<days).map { calendar.schedule(of: LocalDate(dayNumber: from.dayNumber + $0)) }
      return json ? CalendarShowOutput.json(schedules, calendar) : CalendarShowOutput.text(schedules, calendar)
    }
  }

  /// An instant at the calendar's offset then.
  static func local(_ instant: Instant, _ calendar: BusinessCalendar) -> Timestamp {
    Timestamp(instant, utcOffset: calendar.zone.offset(at: instant))
  }

  /// `1d 2h 30m` in the calendar's days. A negative amount has one sign for the whole:
  /// `-2h`, or `-(1d 2h 30m)` where `-1d 2h 30m` would read as minus a day plus 2h 30m.
  static func businessTime(_ seconds: Int, dayLength: Int) -> String {
    let magnitude = abs(seconds)
    let text = Duration(days: magnitude / dayLength, seconds: magnitude % dayLength).description
    guard seconds < 0 else { return text }
    return text.contains(" ") ? "-(" + text + ")" : "-" + text
  }
}
