import DCMCApplication
import DCMCCalendar

/// Business time on one calendar as a position: the business seconds from a fixed origin, so
/// that an interval's business time is the difference of its ends' positions (business time is
/// additive: the open seconds of [a, c) are those of [a, b) and [b, c)). The position of an
/// instant is that of its UTC midnight, computed once per day and kept, plus the business
/// seconds from that midnight to it: a closure of weeks costs two walks of less than a day,
/// not a walk of weeks, and every figure stays the calendar's own.
struct BusinessClock {
  let calendar: BusinessCalendar
  /// The UTC day the positions count from.
  let origin: Int
  private var midnights: [Int: Int] = [:]

  init(_ calendar: BusinessCalendar, origin: Instant) {
    self.calendar = calendar
    self.origin = ReportFact.day(of: origin)
  }

  /// The business seconds from `from` to `to`; `nil` when either is outside what the calendar supports.
  mutating func seconds(from: Instant, to: Instant) -> Int64? {
    guard let start = position(from), let end = position(to) else { return nil }
    return Int64(end - start)
  }

  private mutating func position(_ instant: Instant) -> Int? {
    let day = ReportFact.day(of: instant)
    let midnight = Instant(secondsSinceEpoch: day * 86_400)
    if midnights[day] == nil {
      midnights[day] = try? calendar.businessSeconds(from: Instant(secondsSinceEpoch: origin * 86_400), to: midnight)
    }
    guard let base = midnights[day], let within = try? calendar.businessSeconds(from: midnight, to: instant) else {
      return nil
    }
    return base + within
  }
}
