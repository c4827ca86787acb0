/// An instant as a person reads it in a time zone: the local weekday, date and time and the
/// zone's abbreviation at that instant, "Tuesday 16 June 2026, 13:00 CEST". Where the zone has
/// no abbreviation for it, its offset: "13:00 UTC+05:30". Minutes are the finest unit shown,
/// except in `descriptionToTheSecond`.
///
/// The one way dcmc writes a time for people: notifications and the runtime's readable
/// output alike (JSON and histories keep ISO 8601 in UTC).
public struct ZonedTime: Sendable, Hashable, CustomStringConvertible {
  /// The instant at the zone's offset then.
  public var local: Timestamp
  /// `CEST`, or `UTC+05:30` when the zone has no abbreviation.
  public var zoneName: String

  public init(_ instant: Instant, in zone: ZoneRules) {
    local = Timestamp(instant, utcOffset: zone.offset(at: instant))
    zoneName = zone.abbreviation(at: instant) ?? Self.offsetName(local.utcOffset)
  }

  /// `Tuesday 16 June 2026`.
  public var date: String {
    var text = ""
    appendDate(to: &text)
    return text
  }

  /// `13:00 CEST`.
  public var time: String {
    var text = ""
    appendClock(toTheSecond: false, to: &text)
    return text
  }

  /// `Tuesday 16 June 2026, 13:00 CEST`.
  public var description: String { text(toTheSecond: false) }

  /// `Tuesday 16 June 2026, 13:00:45 CEST`: for an instant whose seconds count, such as the
  /// time-out of a 45-second offer.
  public var descriptionToTheSecond: String { text(toTheSecond: true) }

  /// The date, then the clock, appended to one string made once: `customer cases` writes three
  /// a case, so a thousand cases made 9,000 strings through interpolation before.
  private func text(toTheSecond: Bool) -> String {
    var text = ""
    text.reserveCapacity(48)
    appendDate(to: &text)
    text += ", "
    appendClock(toTheSecond: toTheSecond, to: &text)
    return text
  }

  private func appendDate(to text: inout String) {
    let date = local.date
    text += Self.weekdays[date.weekday]
    text += " "
    text += String(date.day)
    text += " "
    text += Self.months[date.month - 1]
    text += " "
    text += String(date.year)
  }

  /// `13:00 CEST`, or `13:00:45 CEST` to the second.
  private func appendClock(toTheSecond: Bool, to text: inout String) {
    Self.appendTwoDigits(local.secondOfDay / 3600, to: &text)
    text += ":"
    Self.appendTwoDigits(local.secondOfDay % 3600 / 60, to: &text)
    if toTheSecond {
      text += ":"
      Self.appendTwoDigits(local.secondOfDay % 60, to: &text)
    }
    text += " "
    text += zoneName
  }

  /// `value` (0 to 99) in two digits.
  private static func appendTwoDigits(_ value: Int, to text: inout String) {
    text.unicodeScalars.append(Unicode.Scalar(UInt8(truncatingIfNeeded: 48 + value / 10)))
    text.unicodeScalars.append(Unicode.Scalar(UInt8(truncatingIfNeeded: 48 + value % 10)))
  }

  /// `UTC`, `UTC+05:30`, `UTC-03:00`.
  static func offsetName(_ offset: Int) -> String {
    guard offset != 0 else { return "UTC" }
    let magnitude = abs(offset)
    let minutes = magnitude % 3600 / 60
    return "UTC\(offset < 0 ? "-" : "+")\(magnitude / 36_000)\(magnitude / 3600 % 10):\(minutes / 10)\(minutes % 10)"
  }

  static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
  static let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
  ]
}
