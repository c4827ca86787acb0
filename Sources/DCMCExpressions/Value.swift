/// A value in a condition: a literal in the source, or a case field's value at run time.
///
/// Numbers are `Double` for both `integer` and `number` fields. Strings are the values of
/// `string`, `text`, `email`, `phone` and `enum` fields.
public enum Value: Sendable, Hashable, Codable {
  case string(String)
  case number(Double)
  case boolean(Bool)
  case date(LocalDate)
  case datetime(DateTime)
}

extension Value {
  /// A calendar date without a time or a time zone (`2026-12-25`).
  public struct LocalDate: Sendable, Hashable, Codable, Comparable {
    /// The proleptic Gregorian year, 0...9999 when parsed.
    public var year: Int
    /// 1...12.
    public var month: Int
    /// 1-based day of the month.
    public var day: Int

    /// A date, or `nil` when the day does not exist (`2026-02-30`).
    public init?(year: Int, month: Int, day: Int) {
      guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
      self.year = year
      self.month = month
      self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso8601 text: String) {
      var scanner = ISO8601Scanner(text)
      guard let date = scanner.date(), scanner.isAtEnd else { return nil }
      self = date
    }

    /// Days since 1970-01-01 (negative before it), in the proleptic Gregorian calendar.
    public var daysSince1970: Int {
      let shiftedYear = month <= 2 ? year - 1 : year
      let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
      let yearOfEra = shiftedYear - era * 400
      let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
      let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
      return era * 146_097 + dayOfEra - 719_468
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
      (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
      switch month {
      case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
      case 4, 6, 9, 11: 30
      default: 31
      }
    }
  }

  /// A local date and time with its offset from UTC (`2026-12-25T09:00:00+01:00`).
  ///
  /// Two datetimes are the same instant when their `secondsSince1970` are equal, whatever
  /// their offsets; `==` on the struct compares the written form.
  public struct DateTime: Sendable, Hashable, Codable {
    public var date: LocalDate
    /// 0...23.
    public var hour: Int
    /// 0...59.
    public var minute: Int
    /// 0...59.
    public var second: Int
    /// The offset from UTC in seconds, east positive (`+01:00` is 3600, `Z` is 0).
    public var utcOffset: Int

    /// A datetime, or `nil` when a component is out of range.
    public init?(date: LocalDate, hour: Int, minute: Int, second: Int, utcOffset: Int) {
      guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
        abs(utcOffset) < 86_400
      else { return nil }
      self.date = date
      self.hour = hour
      self.minute = minute
      self.second = second
      self.utcOffset = utcOffset
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `+HH:MM` / `-HH:MM`.
    public init?(iso8601 text: String) {
      var scanner = ISO8601Scanner(text)
      guard let dateTime = scanner.dateTime(), scanner.isAtEnd else { return nil }
      self = dateTime
    }

    /// The instant, in seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int {
      date.daysSince1970 * 86_400 + hour * 3600 + minute * 60 + second - utcOffset
    }
  }
}
