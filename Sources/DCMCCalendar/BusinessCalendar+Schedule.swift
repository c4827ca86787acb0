extension BusinessCalendar {
  /// One local date of a calendar as an analyst reads it: its windows, what they come
  /// from, the real open time they hold, and any change of the UTC offset on that date.
  public struct DaySchedule: Sendable, Hashable {
    public var date: LocalDate
    public var kind: DayKind
    /// The windows that start on this date (an overnight one ends the next day).
    public var windows: [Window]
    /// The real seconds these windows are open: more or less than their nominal length on
    /// a DST night.
    public var openSeconds: Int
    public var offsetChanges: [OffsetChange]
  }

  /// The moment a zone's offset changes, with the offsets before and after it.
  public struct OffsetChange: Sendable, Hashable {
    public var at: Instant
    /// Seconds east of UTC.
    public var before: Int
    public var after: Int
  }

  /// The schedule of `date`.
  public func schedule(of date: LocalDate) -> DaySchedule {
    let day = date.dayNumber
    let (kind, windows) = windows(ofDay: day)
    var open = 0
    forEachPiece(ofDay: day) { start, end in
      open += end - start
      return true
    }
    // The changes whose instant falls on this local date, before or after it.
    var changes: [OffsetChange] = []
    var cursor = day * 86_400 - zone.offsetBounds.upperBound - 1
    while let next = zone.nextTransition(after: cursor), next < (day + 1) * 86_400 - zone.offsetBounds.lowerBound {
      let before = zone.offset(at: next - 1)
      if (next + before).floorDivided(by: 86_400) == day {
        changes.append(OffsetChange(at: Instant(secondsSinceEpoch: next), before: before, after: zone.offset(at: next)))
      }
      cursor = next
    }
    return DaySchedule(date: date, kind: kind, windows: windows, openSeconds: open, offsetChanges: changes)
  }
}
