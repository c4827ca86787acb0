public import DCMCCalendar

/// A stretch of a case's history in which its SLA clock stood still: from a `case.pended`
/// that paused the SLA (`pause_when_pending`) to the `case.resumed` that ended it.
public struct SLAPause: Sendable, Hashable {
  public var start: Instant
  public var end: Instant

  public init(start: Instant, end: Instant) {
    self.start = start
    self.end = end
  }

  /// The pauses of the SLA clock that ended in `history` (a case's events, oldest first), in
  /// order; a pause still open at its end (the case pending) is not among them.
  public static func ended(in history: some Sequence<CaseEvent>) -> [SLAPause] {
    var pauses: [SLAPause] = []
    var open: Instant?
    for event in history {
      switch event.change {
      case .pended(let pausesSLA): open = pausesSLA ? event.at : nil
      case .resumed:
        if let start = open { pauses.append(SLAPause(start: start, end: event.at)) }
        open = nil
      default: break
      }
    }
    return pauses
  }
}

extension BusinessCalendar {
  /// An SLA instant after the SLA clock stood still from `since` to `end`: moved by the
  /// business time it still lay ahead at `since`; an instant already reached then stays.
  func moved(_ instant: Instant, byPauseFrom since: Instant, to end: Instant) throws(CalendarError) -> Instant {
    let left = try businessSeconds(from: since, to: instant)
    return left > 0 ? try due(from: end, adding: left) : instant
  }

  /// The instant an SLA clock started at `start` has run `seconds` of business time, standing
  /// still during each of `pauses` (in order) that began before it got there.
  func reached(_ seconds: Int, from start: Instant, pausedBy pauses: [SLAPause]) throws(CalendarError) -> Instant {
    var instant = try due(from: start, adding: seconds)
    for pause in pauses { instant = try moved(instant, byPauseFrom: pause.start, to: pause.end) }
    return instant
  }
}
