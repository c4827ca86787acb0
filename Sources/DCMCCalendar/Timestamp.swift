/// An instant written with its UTC offset: `2026-03-02T09:00:00+01:00` or `...Z`.
public struct Timestamp: Sendable, Hashable, CustomStringConvertible {
  public var date: LocalDate
  /// Seconds since local midnight, 0..<86400.
  public var secondOfDay: Int
  /// The offset from UTC in seconds (east positive).
  public var utcOffset: Int

  /// Parses ISO 8601 `YYYY-MM-DDTHH:MM[:SS]` followed by `Z`, `±HH:MM` or `±HH:MM:SS`. The
  /// offset is required: a local time without one is ambiguous. Its seconds are those of a
  /// zone's local mean time (Monrovia until 1972 was `-00:44:30`), as `description` writes them.
  public init?(_ text: some StringProtocol) {
    let bytes = Array(text.utf8)
    guard bytes.count >= 17, let date = LocalDate(String(decoding: bytes[0..<10], as: UTF8.self)),
      bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
      let hour = LocalDate.number(bytes[11..<13]), let minute = LocalDate.number(bytes[14..<16]),
      hour < 24, minute < 60
    else { return nil }
    var index = 16
    var second = 0
    if bytes[index] == UInt8(ascii: ":") {
      guard bytes.count >= index + 3, let value = LocalDate.number(bytes[(index + 1)..<(index + 3)]), value < 60
      else { return nil }
      second = value
      index += 3
    }
    let rest = bytes[index...]
    var offset = 0
    if rest.elementsEqual("Z".utf8) {
      offset = 0
    } else {
      let start = rest.startIndex
      guard rest.count == 6 || rest.count == 9, rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-"),
        rest[start + 3] == UInt8(ascii: ":"),
        let hours = LocalDate.number(rest[(start + 1)..<(start + 3)]),
        let minutes = LocalDate.number(rest[(start + 4)..<(start + 6)]),
        hours <= 18, minutes < 60
      else { return nil }
      var seconds = 0
      if rest.count == 9 {
        guard rest[start + 6] == UInt8(ascii: ":"), let value = LocalDate.number(rest[(start + 7)..<(start + 9)]),
          value < 60
        else { return nil }
        seconds = value
      }
      offset = (hours * 3600 + minutes * 60 + seconds) * (rest.first == UInt8(ascii: "-") ? -1 : 1)
    }
    self.date = date
    self.secondOfDay = hour * 3600 + minute * 60 + second
    self.utcOffset = offset
  }

  public var description: String {
    let time = "\(Self.pad(secondOfDay / 3600)):\(Self.pad(secondOfDay % 3600 / 60)):\(Self.pad(secondOfDay % 60))"
    return "\(date)T\(time)" + (utcOffset == 0 ? "Z" : Self.offsetText(utcOffset))
  }

  /// An offset from UTC in seconds as ISO 8601 writes it: `+01:00`, `-04:00`, `+05:30`, and
  /// `-00:44:30` for one with seconds (which `init?(_:)` reads back).
  public static func offsetText(_ offset: Int) -> String {
    let magnitude = offset.magnitude
    let text = (offset < 0 ? "-" : "+") + pad(Int(magnitude / 3600)) + ":" + pad(Int(magnitude % 3600 / 60))
    return magnitude % 60 == 0 ? text : text + ":" + pad(Int(magnitude % 60))
  }

  /// Two digits: `07`, `59`.
  private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension Timestamp {
  /// The instant this timestamp names.
  public var instant: Instant {
    Instant(secondsSinceEpoch: date.dayNumber * 86_400 + secondOfDay - utcOffset)
  }

  /// `instant` written at a UTC offset (seconds east of UTC).
  public init(_ instant: Instant, utcOffset: Int) {
    let local = instant.secondsSinceEpoch + utcOffset
    let day = local.floorDivided(by: 86_400)
    self.date = LocalDate(dayNumber: day)
    self.secondOfDay = local - day * 86_400
    self.utcOffset = utcOffset
  }
}

/// A point in time: whole seconds since 1970-01-01T00:00:00Z.
public struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var secondsSinceEpoch: Int

  public init(secondsSinceEpoch: Int) { self.secondsSinceEpoch = secondsSinceEpoch }

  /// The instants dcmc computes with: from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
  public static let supported =
    Instant(secondsSinceEpoch: LocalDate.supportedDays.lowerBound * 86_400)...Instant(
      secondsSinceEpoch: LocalDate.supportedDays.upperBound * 86_400 + 86_399)

  public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

  /// This instant `seconds` later (earlier when negative).
  public func adding(seconds: Int) -> Instant { Instant(secondsSinceEpoch: secondsSinceEpoch + seconds) }

  /// This instant `seconds` later when that is still an instant dcmc keeps (`supported`);
  /// `nil` past the range (or past what an `Int` holds), which no history could record.
  public func keptAdding(seconds: Int) -> Instant? {
    let (sum, overflow) = secondsSinceEpoch.addingReportingOverflow(seconds)
    let instant = Instant(secondsSinceEpoch: sum)
    return !overflow && Self.supported.contains(instant) ? instant : nil
  }

  /// ISO 8601 in UTC.
  public var description: String { Timestamp(self, utcOffset: 0).description }
}

extension Int {
  /// Division rounding towards negative infinity.
  func floorDivided(by divisor: Int) -> Int {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }
}
