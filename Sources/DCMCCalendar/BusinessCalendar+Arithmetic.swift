extension BusinessCalendar {
  /// The instant at which `seconds` of business time have elapsed since `from`.
  ///
  /// A start outside open hours starts at the next opening; a due time that falls exactly
  /// on a closing time is that closing time, not the next opening. Zero seconds is `from`.
  public func due(from: Instant, adding seconds: Int) throws(CalendarError) -> Instant {
    precondition(seconds >= 0, "a business duration is not negative")
    try Self.checkSupported(from)
    let limit = Instant.supported.upperBound.secondsSinceEpoch
    let walk = walk(from: from.secondsSinceEpoch, budget: seconds, limit: limit)
    // The week has open time (`init`), so only the end of the years supported stops the walk.
    guard walk.consumed == seconds else { throw .outOfRange }
    return Instant(secondsSinceEpoch: walk.end)
  }

  /// The business time, in seconds, that elapses from `from` to `to`; negative when `to`
  /// is before `from`.
  public func businessSeconds(from: Instant, to: Instant) throws(CalendarError) -> Int {
    try Self.checkSupported(from)
    try Self.checkSupported(to)
    if to < from { return -(try businessSeconds(from: to, to: from)) }
    return walk(from: from.secondsSinceEpoch, budget: .max, limit: to.secondsSinceEpoch).consumed
  }

  /// Whether the calendar is open at `instant` (a window's start is open, its end is not).
  public func isOpen(at instant: Instant) throws(CalendarError) -> Bool {
    try nextOpening(atOrAfter: instant) == instant
  }

  /// `instant` when the calendar is open then, else the start of the next open window;
  /// `nil` when it never opens again.
  public func nextOpening(atOrAfter instant: Instant) throws(CalendarError) -> Instant? {
    try Self.checkSupported(instant)
    let start = instant.secondsSinceEpoch
    if isAlwaysOpen { return instant }
    var found: Int?
    var day = localDay(of: start) - 1
    while found == nil, hasOpenTime(onOrAfter: day), day <= LocalDate.supportedDays.upperBound {
      forEachPiece(ofDay: day) { pieceStart, pieceEnd in
        if pieceEnd > start { found = max(pieceStart, start) }
        return found == nil
      }
      day += 1
    }
    return found.map(Instant.init(secondsSinceEpoch:))
  }

  static func checkSupported(_ instant: Instant) throws(CalendarError) {
    guard Instant.supported.contains(instant) else { throw .outOfRange }
  }

  /// The local day (a day number) of an instant.
  func localDay(of instant: Int) -> Int {
    (instant + zone.offset(at: instant)).floorDivided(by: 86_400)
  }

  /// Whether any window belongs to `day` or a later day.
  func hasOpenTime(onOrAfter day: Int) -> Bool {
    weekTotal > 0 || (specialDays.last.map { $0 >= day } ?? false)
  }

  /// Calls `body` with each open piece of `day`'s windows as real instants, in order, until it
  /// returns `false`. A window crossed by an offset change gives one piece per offset in
  /// force, holding exactly the instants whose wall-clock time is inside the window.
  func forEachPiece(ofDay day: Int, _ body: (Int, Int) -> Bool) {
    let midnight = day * 86_400
    for window in windows(ofDay: day).windows {
      let localStart = midnight + window.start
      let localEnd = midnight + window.end
      var periodStart = localStart - zone.offsetBounds.upperBound
      var offset = zone.offset(at: periodStart)
      while true {
        let next = zone.nextTransition(after: periodStart) ?? .max
        let start = max(periodStart, localStart - offset)
        let end = min(next, localEnd - offset)
        if start < end, !body(start, end) { return }
        if next >= localEnd - zone.offsetBounds.lowerBound { break }
        periodStart = next
        offset = zone.offset(at: next)
      }
    }
  }

  /// Consumes open time from `from`: at most `budget` seconds, and none at or after `limit`.
  /// Returns the instant reached (where the budget ran out, else the end of the last open
  /// time consumed) and the seconds consumed.
  func walk(from: Int, budget: Int, limit: Int) -> (end: Int, consumed: Int) {
    if isAlwaysOpen {
      let end = limit - from <= budget ? limit : from + budget
      return (max(end, from), max(end - from, 0))
    }
    var remaining = budget
    var cursor = from
    var day = localDay(of: from) - 1
    let lastDay = LocalDate.supportedDays.upperBound + 1
    while remaining > 0, cursor < limit, day <= lastDay, hasOpenTime(onOrAfter: day),
      day * 86_400 - zone.offsetBounds.upperBound < limit
    {
      if let run = regularRun(from: day, cursor: cursor, limit: limit) {
        var skipped = min(run.days / 7, (remaining - 1) / weekTotal) * 7
        remaining -= skipped / 7 * weekTotal
        while skipped < run.days, weekdayTotals[LocalDate.weekday(ofDay: day + skipped)] < remaining {
          remaining -= weekdayTotals[LocalDate.weekday(ofDay: day + skipped)]
          skipped += 1
        }
        if skipped > 0 {
          cursor = max(cursor, endOfLastWindow(in: day..<(day + skipped), offset: run.offset))
          day += skipped
          if skipped == run.days { continue }
        }
      }
      forEachPiece(ofDay: day) { start, end in
        let from = max(start, cursor)
        let to = min(end, limit)
        guard from < to else { return start < limit }
        if to - from >= remaining {
          cursor = from + remaining
          remaining = 0
          return false
        }
        remaining -= to - from
        cursor = to
        return true
      }
      day += 1
    }
    return (cursor, budget - remaining)
  }

  /// The longest run of days from `day` whose open time is the week's pattern at one
  /// constant offset, that starts no earlier than `cursor` and ends by `limit`: such days
  /// can be skipped by adding up their open time.
  private func regularRun(from day: Int, cursor: Int, limit: Int) -> (days: Int, offset: Int)? {
    guard weekTotal > 0 else { return nil }
    var days = Int.max
    if let index = specialIndex(atOrAfter: day) {
      days = specialDays[index] - day
      if days == 0 { return nil }
    }
    let spanStart = day * 86_400 - zone.offsetBounds.upperBound
    let offset = zone.offset(at: spanStart)
    if let change = zone.nextTransition(after: spanStart) {
      // Every window of days day..<day+n lies before (day + n + 1) at midnight, local time.
      days = min(days, (change + zone.offsetBounds.lowerBound - 1).floorDivided(by: 86_400) - day - 1)
    }
    days = min(days, (limit + offset).floorDivided(by: 86_400) - day - 1)
    days = min(days, LocalDate.supportedDays.upperBound - day)
    guard days > 0 else { return nil }
    let firstOpenDay = day + daysToOpenWeekday[LocalDate.weekday(ofDay: day)]
    if firstOpenDay < day + days,
      cursor > firstOpenDay * 86_400 + firstStarts[LocalDate.weekday(ofDay: firstOpenDay)] - offset
    {
      return nil
    }
    return (days, offset)
  }

  /// The end, as an instant, of the last window of the regular days `days` at `offset`.
  private func endOfLastWindow(in days: Range<Int>, offset: Int) -> Int {
    for day in days.reversed().prefix(7) {
      let weekday = LocalDate.weekday(ofDay: day)
      if weekdayTotals[weekday] > 0 { return day * 86_400 + lastEnds[weekday] - offset }
    }
    return .min
  }
}
