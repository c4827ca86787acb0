import DCMCBundle
public import DCMCRuntime

// The presence changes push brings about (SPEC section 15): `RONA` when an offer expires,
// wrap-up after a push task, ready again when wrap-up ends, and the offers a user who becomes
// ready receives. Presence timers (a wrap-up's end) live in the presence states themselves:
// `tick` reads the presence port's states and ends the wrap-ups due, so no index of its own
// has to be kept in step with the histories.

extension CaseService {
  /// `PresenceService.set`, then, when the user became ready (or ended wrap-up early), the
  /// offers of their workgroups' push tasks: the backlog drains, most urgent first.
  public func setPresence(
    _ choice: PresenceStatus.Choice, reason: String?, user: String? = nil, by actor: String?
  )
    throws(ServiceError) -> PresenceState
  {
    let service = try presenceService()
    let before = try ServiceError.wrap { () throws(RepositoryError) in
      try service.repository.loadPresence(user ?? actor ?? "")
    }
    let after = try service.set(choice, reason: reason, user: user, by: actor)
    // The presence changed: a store failure while offering is not the change's (the offers
    // are made by the next change in those workbins or the user saying ready again).
    if after.status == .ready, before?.status != .ready,
      let workgroups = try? directory.workgroups()
    {
      _ = try? offerWork(toAvailable: after.user, workgroups)
    }
    return after
  }

  /// The presences whose wrap-up ends by now; none without a presence port.
  func wrapUpsDue() throws(ServiceError) -> [PresenceState] {
    guard let presence else { return [] }
    let now = clock.now()
    return try ServiceError.wrap { () throws(RepositoryError) in try presence.presences() }
      .filter { $0.status.until.map { $0 <= now } ?? false }
  }

  /// Ends the wrap-ups of `due` (ready again, at their end) and makes the offers their users
  /// are owed. Returns the cases the offers changed.
  func endWrapUps(_ due: [PresenceState], _ workgroups: [BundleWorkgroup]) throws(ServiceError)
    -> [String: CaseState]
  {
    guard !due.isEmpty else { return [:] }
    let now = clock.now()
    let decision = PresenceDecision(
      definitions: try definitions.deployed().with(workgroups: workgroups))
    var changed: [String: CaseState] = [:]
    for state in due where try record(state.user, { decision.endWrapUp($0, at: now) }) {
      changed.merge(try offerWork(toAvailable: state.user, workgroups)) { _, later in later }
    }
    return changed
  }

  /// The presence `change` calls for: `RONA` for the user of each expired offer, wrap-up for the
  /// user who completed a push task.
  func followPresence(_ change: CaseChangeSet, _ workgroups: [BundleWorkgroup]) throws(ServiceError)
  {
    let now = clock.now()
    var decision: PresenceDecision?
    func deciding() throws(ServiceError) -> PresenceDecision {
      if let decision { return decision }
      let made = PresenceDecision(
        definitions: try definitions.deployed().with(workgroups: workgroups))
      decision = made
      return made
    }
    for event in change.events {
      switch event.change {
      case .offerExpired(let number, let user):
        // RONA dates from the offer's time-out, not from the tick that found it past.
        let expired = change.before?.tasks.first { $0.number == number }?.offer?.expires ?? now
        let decision = try deciding()
        _ = try record(user) { state in decision.notResponding(state, expiredAt: expired) }
      case .taskCompleted(let number, _):
        guard let task = change.before?.tasks.first(where: { $0.number == number }),
          let user = task.holder,
          try isPushed(task, of: change.after, workgroups)
        else { continue }
        let decision = try deciding()
        _ = try record(user) { state in decision.wrapUp(state, at: now) }
      default: continue
      }
    }
  }

  /// Whether `task` of `state` is distributed by push.
  func isPushed(_ task: TaskState, of state: CaseState, _ workgroups: [BundleWorkgroup])
    throws(ServiceError)
    -> Bool
  {
    let engine = try engine(for: state, workgroups)
    guard let definition = engine.definitions.caseType(state.type)?.task(task.definition) else {
      return false
    }
    return engine.definitions.dispatch(of: definition, in: task.target).mode == .push
  }

  /// Appends what `decide` makes of `user`'s presence (`PresenceService.record`). Returns
  /// whether anything was recorded.
  private func record(_ user: String, _ decide: (PresenceState) -> [PresenceEvent])
    throws(ServiceError) -> Bool
  {
    var recorded = false
    _ = try presenceService().record(user) { state in
      let events = decide(state)
      recorded = !events.isEmpty
      return events
    }
    return recorded
  }

  /// The presence use cases on this service's presence port, definitions, directory and clock.
  private func presenceService() throws(ServiceError) -> PresenceService {
    PresenceService(
      repository: try presencePort(), queries: queries, definitions: definitions,
      directory: directory, clock: clock)
  }

  /// The presence port; a shell without one may not set presence through the case use cases.
  private func presencePort() throws(ServiceError) -> any PresenceRepository {
    guard let presence else { throw .refused(.noPresence) }
    return presence
  }
}
