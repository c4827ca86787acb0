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
    "\(Self.weekdays[local.date.weekday]) \(local.date.day) \(Self.months[local.date.month - 1]) \(local.date.year)"
  }

  /// `13:00 CEST`.
  public var time: String { clock(toTheSecond: false) }

  /// `Tuesday 16 June 2026, 13:00 CEST`.
  public var description: String { "\(date), \(time)" }

  /// `Tuesday 16 June 2026, 13:00:45 CEST`: for an instant whose seconds count, such as the
  /// time-out of a 45-second offer.
  public var descriptionToTheSecond: String { "\(date), \(clock(toTheSecond: true))" }

  /// `13:00 CEST`, or `13:00:45 CEST` to the second.
  private func clock(toTheSecond: Bool) -> String {
    func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let seconds = toTheSecond ? ":" + pad(local.secondOfDay % 60) : ""
    return "\(pad(local.secondOfDay / 3600)):\(pad(local.secondOfDay % 3600 / 60))\(seconds) \(zoneName)"
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
