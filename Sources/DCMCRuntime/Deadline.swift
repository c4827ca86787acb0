public import DCMCCalendar

/// When a deadline (an OLA's or the SLA's due time, or its warning) counts as reached: at its
/// due second already. A tick at that second fires its timer (`Decision.fireTimers`), so the
/// reports count work at that second as breached (`Standing`) and a task or case that ends then
/// as late (the report facts' `met`). One rule for the engine and the reports, so that they
/// cannot put the due second on different sides again (before 8 December 2026 the reports
/// counted it as met).
public enum Deadline {
  /// Whether a deadline due at `due` is reached at `now`.
  public static func isReached(_ due: Instant, at now: Instant) -> Bool { due <= now }

  /// Whether a deadline is breached at `now`: its breach timer fired, or its due time is
  /// reached. `nil`: no deadline, never breached.
  public static func isBreached(due: Instant?, fired: Bool, at now: Instant) -> Bool {
    fired || due.map { isReached($0, at: now) } ?? false
  }
}

extension CaseState {
  /// The instant the SLA clock shows at `now`: `now`, or while the clock stands still
  /// (`slaStandsStill`) the instant the case went pending. The engine files no SLA timer while
  /// it stands still, and at the resumption moves every SLA instant still ahead of this clock by
  /// the business time spent pending (`RuntimeDefinitions.movedByPause`; one it had reached
  /// stays). So an SLA instant is reached at `now` when it is reached at this clock
  /// (`Deadline`): what `case show`'s "due ... if resumed now" says, and what the reports count.
  public func slaClock(at now: Instant) -> Instant { slaStandsStill ? pendingSince ?? now : now }
}
