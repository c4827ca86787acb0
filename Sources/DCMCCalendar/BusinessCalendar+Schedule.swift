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

    /// The local dates (day numbers) of the change: the last the old clock read (a change at
    /// its midnight ends that date, at `24:00`) and the one the new clock reads.
    public var dates: (before: Int, after: Int) {
      (
        (at.secondsSinceEpoch + before - 1).floorDivided(by: 86_400),
        (at.secondsSinceEpoch + after).floorDivided(by: 86_400)
      )
    }
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
    // The changes within this local date, which runs from its first instant to the next
    // date's: a change belongs to the date its new clock reads (Santiago's autumn change, from
    // Sunday 00:00 back to Saturday 23:00, ends Saturday's 25 hours), and to each date it skips
    // (Apia's 30 December 2011) (audit38 L3: the change was put on the date its old clock read).
    var changes: [OffsetChange] = []
    var cursor = day * 86_400 - zone.offsetBounds.upperBound - 1
    while let next = zone.nextTransition(after: cursor), next < (day + 1) * 86_400 - zone.offsetBounds.lowerBound {
      let change = OffsetChange(
        at: Instant(secondsSinceEpoch: next), before: zone.offset(at: next - 1), after: zone.offset(at: next))
      let dates = change.dates
      if dates.after == day || (dates.before < day && day < dates.after) {
        changes.append(change)
      }
      cursor = next
    }
    return DaySchedule(date: date, kind: kind, windows: windows, openSeconds: open, offsetChanges: changes)
  }
}
