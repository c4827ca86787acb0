/// A calendar date without a time zone (`2026-12-25`), in the proleptic Gregorian calendar.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses exactly `YYYY-MM-DD` with a real day of a real month (29 February only in leap
  /// years); years 1..9999.
  public init?(_ text: some StringProtocol) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
      let day = Self.number(bytes[8..<10]),
      year >= 1, (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year)
    else { return nil }
    self.init(year: year, month: month, day: day)
  }

  public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  public var description: String {
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// The value of ASCII decimal digits, or `nil` if any byte is not a digit.
  static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
    var value = 0
    for byte in bytes {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }
}

/// An instant written with its UTC offset: `2026-03-02T09:00:00+01:00` or `...Z`.
public struct Timestamp: Sendable, Hashable, Codable, CustomStringConvertible {
  public var date: LocalDate
  /// Seconds since local midnight, 0..<86400.
  public var secondOfDay: Int
  /// The offset from UTC in seconds (east positive).
  public var utcOffset: Int

  /// Parses ISO 8601 `YYYY-MM-DDTHH:MM[:SS]` followed by `Z` or `±HH:MM`. The offset is
  /// required: a local time without one is ambiguous.
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
      guard rest.count == 6, rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-"),
        rest[rest.startIndex + 3] == UInt8(ascii: ":"),
        let hours = LocalDate.number(rest[(rest.startIndex + 1)..<(rest.startIndex + 3)]),
        let minutes = LocalDate.number(rest[(rest.startIndex + 4)..<(rest.startIndex + 6)]),
        hours <= 18, minutes < 60
      else { return nil }
      offset = (hours * 3600 + minutes * 60) * (rest.first == UInt8(ascii: "-") ? -1 : 1)
    }
    self.date = date
    self.secondOfDay = hour * 3600 + minute * 60 + second
    self.utcOffset = offset
  }

  public var description: String {
    func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let time = "\(pad(secondOfDay / 3600)):\(pad(secondOfDay % 3600 / 60)):\(pad(secondOfDay % 60))"
    if utcOffset == 0 { return "\(date)T\(time)Z" }
    let sign = utcOffset < 0 ? "-" : "+"
    let magnitude = abs(utcOffset)
    return "\(date)T\(time)\(sign)\(pad(magnitude / 3600)):\(pad(magnitude % 3600 / 60))"
  }
}
