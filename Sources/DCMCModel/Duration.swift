import DCMCCalendar

/// A length of time as written: whole days (whose length depends on the calendar) and
/// seconds.
///
/// On the built-in `24x7` calendar a day is 24 hours; on a business calendar it is the
/// calendar's working-day length, so `3d` on a 09:00-17:00 calendar is 24 working hours.
public struct Duration: Sendable, Hashable, CustomStringConvertible {
  /// Whole days, as written (`2d 4h` has 2).
  public var days: Int
  /// Hours, minutes and seconds, in seconds (`2d 4h` has 14,400).
  public var seconds: Int

  public init(days: Int = 0, seconds: Int = 0) {
    self.days = days
    self.seconds = seconds
  }

  /// The total in seconds when one day lasts `dayLength` seconds.
  public func totalSeconds(dayLength: Int) -> Int {
    days * dayLength + seconds
  }

  /// Compact form: `2d 4h 30m`, with `s` only when there are seconds; `0m` for zero
  /// (`DurationText`).
  public var description: String { DurationText.compact(days: days, seconds: seconds) }
}

extension Duration {
  /// Why a duration text was refused.
  public enum ParseError: Error, Equatable, Sendable {
    /// Not a duration at all.
    case malformed
    /// Well formed, but zero or negative.
    case notPositive
  }

  /// Parses `90m`, `16h`, `3d`, `2d 4h`, `1d12h30m` (units d, h, m, each at most once, in
  /// that order) and ISO 8601 `PT12H`, `P3D`, `P1DT4H`, `PT30S`. A leading `-` or an all-zero
  /// amount is `.notPositive`. With `allowsSeconds`, the short form takes a last unit `s`
  /// too (`30s`, `1m30s`): for the times people answer in (offer time-outs, wrap-up).
  public static func parse(_ text: String, allowsSeconds: Bool = false) -> Result<Duration, ParseError> {
    var body = text.trimmingSpaces
    var negative = false
    if body.first == "-" {
      negative = true
      body = body.dropFirst()
    }
    guard let duration = body.first == "P" ? parseISO(body.dropFirst()) : parseShort(body, allowsSeconds: allowsSeconds) else {
      return .failure(.malformed)
    }
    if negative || (duration.days == 0 && duration.seconds == 0) { return .failure(.notPositive) }
    return .success(duration)
  }

  private static func parseShort(_ text: Substring, allowsSeconds: Bool) -> Duration? {
    let units: [(Character, Int)] = [("d", 0), ("h", 3600), ("m", 60)] + (allowsSeconds ? [("s", 1)] : [])
    var duration = Duration()
    var next = 0
    var index = text.startIndex
    var sawAny = false
    while index < text.endIndex {
      while index < text.endIndex, text[index] == " " { index = text.index(after: index) }
      if index == text.endIndex { break }
      guard let (amount, after) = digits(text, from: index), after < text.endIndex else { return nil }
      guard let position = units[next...].firstIndex(where: { $0.0 == text[after] }) else { return nil }
      if units[position].1 == 0 {
        duration.days = amount
      } else {
        let (product, overflow) = amount.multipliedReportingOverflow(by: units[position].1)
        if overflow { return nil }
        duration.seconds += product
      }
      next = position + 1
      index = text.index(after: after)
      sawAny = true
    }
    return sawAny ? duration : nil
  }

  private static func parseISO(_ text: Substring) -> Duration? {
    var duration = Duration()
    var index = text.startIndex
    var inTime = false
    var sawAny = false
    var order = 0  // D=1 (date part); H=2, M=3, S=4 (time part)
    while index < text.endIndex {
      if text[index] == "T" {
        if inTime { return nil }
        inTime = true
        index = text.index(after: index)
        continue
      }
      guard let (amount, after) = digits(text, from: index), after < text.endIndex else { return nil }
      let rank: Int
      let factor: Int
      switch (text[after], inTime) {
      case ("D", false): (rank, factor) = (1, 0)
      case ("H", true): (rank, factor) = (2, 3600)
      case ("M", true): (rank, factor) = (3, 60)
      case ("S", true): (rank, factor) = (4, 1)
      default: return nil
      }
      if rank <= order { return nil }
      order = rank
      if factor == 0 {
        duration.days = amount
      } else {
        let (product, overflow) = amount.multipliedReportingOverflow(by: factor)
        if overflow { return nil }
        duration.seconds += product
      }
      index = text.index(after: after)
      sawAny = true
    }
    if inTime && order < 2 { return nil }
    return sawAny ? duration : nil
  }

  /// Up to 9 decimal digits starting at `index`, and the index after them.
  private static func digits(_ text: Substring, from index: Substring.Index) -> (Int, Substring.Index)? {
    var value = 0
    var cursor = index
    var count = 0
    while cursor < text.endIndex, let digit = text[cursor].wholeNumberValue, text[cursor].isASCII {
      value = value * 10 + digit
      count += 1
      if count > 9 { return nil }
      cursor = text.index(after: cursor)
    }
    return count == 0 ? nil : (value, cursor)
  }
}
