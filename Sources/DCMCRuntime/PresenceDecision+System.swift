import DCMCBundle
public import DCMCCalendar

// The presence changes nobody chooses (SPEC section 15): the system's answers to what happens
// to offers and push tasks. Each is recorded by nobody (`by: nil`), and decided on the user's
// state as it is, so a change that no longer applies records nothing.

extension PresenceDecision {
  /// `not_ready` with reason `RONA` for `state`'s user, whose offer timed out unanswered at
  /// `expired` (the offer's time-out, however late the tick that withdraws it): dated then, or
  /// at their last change when that came later, so a history never runs backwards. Nothing
  /// when they are not ready any more (they logged off or set not ready meanwhile).
  public func notResponding(_ state: PresenceState, expiredAt expired: Instant) -> [PresenceEvent] {
    guard state.status == .ready else { return [] }
    return [
      self.system(state, .notReady(reason: BundlePresence.builtinReason), at: max(expired, state.since ?? expired))
    ]
  }

  /// `wrap_up` until now plus the wrap-up time for `state`'s user, who completed a push task at
  /// `now`; nothing unless they are ready (a user who left ready meanwhile stays where they went).
  /// A wrap-up that would end past the last instant dcmc keeps (a completion given `--at` late
  /// in 9999) ends at that instant: the completion is recorded already, and its wrap-up is not
  /// a command that could be refused.
  public func wrapUp(_ state: PresenceState, at now: Instant) -> [PresenceEvent] {
    guard state.status == .ready else { return [] }
    let end = now.keptAdding(seconds: definitions.wrapUpSeconds) ?? Instant.supported.upperBound
    return [self.system(state, .wrapUp(until: end), at: now)]
  }

  /// `ready` again for a user whose wrap-up ended by `now`; nothing for any other state.
  public func endWrapUp(_ state: PresenceState, at now: Instant) -> [PresenceEvent] {
    guard case .wrapUp(let end) = state.status, end <= now else { return [] }
    return [self.system(state, .ready, at: max(end, state.since ?? end))]
  }

  private func system(_ state: PresenceState, _ status: PresenceStatus, at now: Instant)
    -> PresenceEvent
  {
    PresenceEvent(seq: state.version + 1, at: now, by: nil, user: state.user, status: status)
  }
}
