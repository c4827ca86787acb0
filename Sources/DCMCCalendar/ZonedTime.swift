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
  public var date: String { text(date: true, clock: false, toTheSecond: false) }

  /// `13:00 CEST`.
  public var time: String { text(date: false, clock: true, toTheSecond: false) }

  /// `Tuesday 16 June 2026, 13:00 CEST`.
  public var description: String { text(date: true, clock: true, toTheSecond: false) }

  /// `Tuesday 16 June 2026, 13:00:45 CEST`: for an instant whose seconds count, such as the
  /// time-out of a 45-second offer.
  public var descriptionToTheSecond: String { text(date: true, clock: true, toTheSecond: true) }

  /// The date, the clock (`13:00 CEST`, or `13:00:45 CEST` to the second) or both, written as
  /// bytes into one string made once: `customer cases` writes three a case, and string
  /// interpolation or appends cost a thousand cases about a millisecond more
  /// (`docs/performance.md`, "Customers").
  private func text(date writesDate: Bool, clock writesClock: Bool, toTheSecond: Bool) -> String {
    let date = local.date
    let (weekday, month) = (Self.weekdays[date.weekday].utf8, Self.months[date.month - 1].utf8)
    let zone = zoneName.utf8
    // Each number is at most 20 bytes (Int.min), the rest at most 14.
    let capacity = weekday.count + month.count + zone.count + 3 * 20 + 14
    return String(unsafeUninitializedCapacity: capacity) { buffer in
      var index = 0
      func put(_ bytes: String.UTF8View) {
        for byte in bytes {
          buffer[index] = byte
          index += 1
        }
      }
      func put(_ byte: UInt8) {
        buffer[index] = byte
        index += 1
      }
      // `number` in decimal, with leading zeros to at least `digits` digits.
      func put(_ number: Int, digits: Int) {
        if number < 0 { put(UInt8(ascii: "-")) }
        var count = 1
        var rest = number.magnitude / 10
        while rest > 0 {
          count += 1
          rest /= 10
        }
        count = max(count, digits)
        rest = number.magnitude
        for offset in (0..<count).reversed() {
          buffer[index + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
          rest /= 10
        }
        index += count
      }
      if writesDate {
        put(weekday)
        put(UInt8(ascii: " "))
        put(date.day, digits: 1)
        put(UInt8(ascii: " "))
        put(month)
        put(UInt8(ascii: " "))
        put(date.year, digits: 1)
      }
      if writesDate && writesClock {
        put(UInt8(ascii: ","))
        put(UInt8(ascii: " "))
      }
      if writesClock {
        put(local.secondOfDay / 3600, digits: 2)
        put(UInt8(ascii: ":"))
        put(local.secondOfDay % 3600 / 60, digits: 2)
        if toTheSecond {
          put(UInt8(ascii: ":"))
          put(local.secondOfDay % 60, digits: 2)
        }
        put(UInt8(ascii: " "))
        put(zone)
      }
      return index
    }
  }

  /// `UTC`, `UTC+05:30`, `UTC-03:00`, `UTC-00:44:30`.
  static func offsetName(_ offset: Int) -> String {
    offset == 0 ? "UTC" : "UTC" + Timestamp.offsetText(offset)
  }

  static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
  static let months = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
  ]
}
