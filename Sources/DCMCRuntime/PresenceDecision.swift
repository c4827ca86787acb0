import DCMCBundle
public import DCMCCalendar

/// The pure decision on a user's presence (SPEC section 15): who may set it, to what, with
/// which reason. The workgroups are those of `definitions` (give it the live ones with
/// `RuntimeDefinitions.with(workgroups:)`). No disk, no clock.
public struct PresenceDecision: Sendable {
  public let definitions: RuntimeDefinitions

  public init(definitions: RuntimeDefinitions) { self.definitions = definitions }

  /// The `presence.changed` that puts `state`'s user in `choice` (with `reason` for
  /// `not_ready`), set by `actor` at `now`; none when they are in it already. A user sets
  /// their own presence; a supervisor that of a member of a workgroup they supervise (the
  /// acting user is the application's to check). `not_ready` takes one of the declared
  /// reasons, and none when none is declared; `RONA` is the system's, never chosen.
  public func set(
    _ state: PresenceState, to choice: PresenceStatus.Choice, reason: String?, by actor: String, at now: Instant
  ) throws(PresenceRefusal) -> [PresenceEvent] {
    let user = state.user
    guard
      definitions.workgroups.values.contains(where: { group in group.members.contains { $0.user == user } })
        || definitions.workgroups.values.contains(where: { $0.supervisors.contains(user) })
    else { throw .unknownUser(user) }
    if actor != user {
      let supervised = definitions.workgroups.values.contains { group in
        group.supervisors.contains(actor) && group.members.contains { $0.user == user }
      }
      guard supervised else { throw .notSupervised(user: user, by: actor) }
    }
    let status = try status(choice, reason: reason)
    guard status != state.status else { return [] }
    return [PresenceEvent(seq: state.version + 1, at: now, by: actor, user: user, status: status)]
  }

  /// The status a choice and reason give.
  private func status(_ choice: PresenceStatus.Choice, reason: String?) throws(PresenceRefusal) -> PresenceStatus {
    let declared = definitions.bundle.presence?.notReady ?? []
    switch choice {
    case .ready, .loggedOff:
      if reason != nil { throw .reasonNotTaken(state: choice.rawValue) }
      return choice == .ready ? .ready : .loggedOff
    case .notReady:
      guard let reason else {
        if declared.isEmpty { return .notReady(reason: nil) }
        throw .reasonMissing(valid: declared)
      }
      if reason == BundlePresence.builtinReason { throw .reasonNotChosen(reason) }
      guard declared.contains(reason) else { throw .unknownReason(reason, valid: declared) }
      return .notReady(reason: reason)
    }
  }
}
