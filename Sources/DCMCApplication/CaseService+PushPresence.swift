import DCMCBundle
public import DCMCRuntime

// The presence changes push brings about (SPEC section 15): `RONA` when an offer expires,
// wrap-up after a push task, ready again when wrap-up ends, and the offers a user who becomes
// ready receives. `tick` asks the presence port for the wrap-ups ended by now
// (`wrapUpsEnded(by:)`, which the file store answers from its `wrapups/` index), never
// replaying every presence history.

extension CaseService {
  /// `PresenceService.set`, then, when the user became ready (or ended wrap-up early), the
  /// offers of their workgroups' push tasks: the backlog drains, most urgent first; when they
  /// left it (`not_ready`, `logged_off`), their standing offers are withdrawn and offered to
  /// the next ready users (`withdrawOffers(to:leaving:_:)`). The RONAs killed ticks owe are
  /// made first (`settlePendingRONAs`), so the change starts from the presence a whole tick
  /// would have left. A `request` its history records already (a retry) answers the presence
  /// its first run left, doing nothing (`PresenceService.setting`).
  public func setPresence(
    _ choice: PresenceStatus.Choice, reason: String?, user: String? = nil, by actor: String?,
    request: CommandRequest? = nil
  )
    throws(ServiceError) -> PresenceState
  {
    let service = try presenceService()
    try settlePendingRONAs()
    let before = try ServiceError.wrap { () throws(RepositoryError) in
      try service.repository.loadPresence(user ?? actor ?? "")
    }
    let (after, answered) = try service.setting(choice, reason: reason, user: user, by: actor, request: request)
    // A retry did nothing: the offers and withdrawals were its first run's.
    if answered { return after }
    // The presence changed: a store failure while offering is not the change's (the offers
    // are made by the next change in those workbins or the user saying ready again).
    if after.status == .ready, before?.status != .ready,
      let workgroups = try? directory.workgroups()
    {
      _ = try? offerWork(toAvailable: after.user, workgroups)
    } else if after.status != .ready {
      // A failure leaves the offers standing until their time-out, as before 7 December 2026.
      do throws(ServiceError) {
        let workgroups = try directory.workgroups()
        _ = followUp(try withdrawOffers(to: after.user, leaving: after.status, workgroups), workgroups)
      } catch {
        followUpFailed?(error)
      }
    }
    return after
  }

  /// Withdraws the offers standing to `user`, who left `ready` for `status` (by `presence
  /// set`, by an offer of theirs timing out: `not_ready (RONA)`, or by completing a push task:
  /// `wrap_up`), each recorded as a withdrawal saying where they went (`task.offer_withdrawn`,
  /// `status.reasonLabel`: a wrap-up's end is the presence's `until`, not the reason's), not
  /// as a RONA, and returns the changes, whose tasks the caller offers to the next ready user
  /// with room, as after a decline (`followUp`, `offerWork(after:)`). An offer past its
  /// time-out is left to the tick, which withdraws it as unanswered (the engine refuses its
  /// withdrawal), and so is one answered or made to someone else meanwhile. Each withdrawal
  /// stands on its own: one the store refuses (its case's history runs past now,
  /// `beforeLastEvent`; the case kept changing) leaves that offer standing, goes to
  /// `offerNotWithdrawn`, and the others are still withdrawn; a store failure stops them all.
  /// Done under the user's claim lock, which an offer to them takes too and under which it
  /// reads their presence again (`make`): an offer decided while they were ready is either
  /// made before and withdrawn here, or not made.
  func withdrawOffers(to user: String, leaving status: PresenceStatus, _ workgroups: [BundleWorkgroup])
    throws(ServiceError) -> [CaseChangeSet]
  {
    try repository.exclusively(claimingFor: user) { () throws(ServiceError) -> [CaseChangeSet] in
      let held = served(try ServiceError.wrap { () throws(RepositoryError) in try queries.heldTasks(of: user) })
      let reason = status.reasonLabel
      var changes: [CaseChangeSet] = []
      for (task, state) in held where task.status == .offered && task.offer?.to == user {
        do throws(ServiceError) {
          let change = try change(
            .withdrawOffer(task: task.id, from: user, reason: reason), onCase: state.id, by: nil,
            workgroups: workgroups)
          if change.recorded { changes.append(change) }
        } catch {
          guard case .refused(let refusal) = error else { throw error }
          // The engine's refusals are the offers left to the tick (above): nothing to report.
          if case .rule = refusal { continue }
          offerNotWithdrawn?(OfferNotWithdrawn(task: task.id, user: user, reason: reason, refusal: refusal))
        }
      }
      return changes
    }
  }

  /// `presence.list(workgroup:by:)` once the RONAs killed ticks owe are made
  /// (`settlePendingRONAs`): a user owed one is listed `not_ready` (RONA), not ready.
  public func listPresence(workgroup: String?, by actor: String?, on presence: PresenceService)
    throws(ServiceError) -> [PresenceView]
  {
    try settlePendingRONAs()
    return try presence.list(workgroup: workgroup, by: actor)
  }

  /// The presences whose wrap-up ends by now; none without a presence port.
  func wrapUpsDue() throws(ServiceError) -> [PresenceState] {
    guard let presence else { return [] }
    let now = clock.now()
    return try ServiceError.wrap { () throws(RepositoryError) in try presence.wrapUpsEnded(by: now) }
  }

  /// The presence `changes` call for, with the wrap-ups of `due` ended and the RONAs `owed` by
  /// killed ticks, appended in one batch (`PresenceService.record(_:_:)`): `RONA` for the user
  /// of each expired offer, wrap-up for the user who completed a push task, ready again (at
  /// their wrap-up's end) for the users of `due`. Returns the users of `due` who became ready,
  /// who are owed offers, and the users a RONA or wrap-up took out of `ready` (with where they
  /// are now), whose standing offers are to be withdrawn.
  func followPresence(
    _ changes: [CaseChangeSet], endingWrapUps due: [PresenceState], owing owed: [PendingRONA],
    _ workgroups: [BundleWorkgroup]
  ) throws(ServiceError) -> (readyAgain: [String], leftReady: [PresenceState]) {
    let now = clock.now()
    var steps: [String: [PresenceStep]] = [:]
    var users: [String] = []
    func add(_ step: PresenceStep, for user: String) {
      if steps[user] == nil { users.append(user) }
      steps[user, default: []].append(step)
    }
    for change in changes {
      // RONA dates from the offer's time-out, not from the tick that found it past.
      for rona in Self.expiredOffers(in: change, at: now) { add(.notResponding(rona.expired), for: rona.user) }
      for event in change.events {
        switch event.change {
        case .taskCompleted(let number, _):
          guard let task = change.before?.tasks.first(where: { $0.number == number }),
            let user = task.holder,
            try isPushed(task, of: change.after, workgroups)
          else { continue }
          add(.wrapUp, for: user)
        default: continue
        }
      }
    }
    for state in due { add(.endWrapUp, for: state.user) }
    for rona in owed { add(.owedRONA(rona.expired), for: rona.user) }
    guard !users.isEmpty else { return ([], []) }
    let decision = PresenceDecision(definitions: try definitions.deployed().with(workgroups: workgroups))
    let recorded = try presenceService().record(users) { state in
      var after = state
      var events: [PresenceEvent] = []
      for step in steps[state.user] ?? [] {
        let made: [PresenceEvent]
        switch step {
        case .notResponding(let expired): made = decision.notResponding(after, expiredAt: expired)
        case .owedRONA(let expired):
          made = (after.since ?? expired) <= expired ? decision.notResponding(after, expiredAt: expired) : []
        case .wrapUp: made = decision.wrapUp(after, at: now)
        case .endWrapUp: made = decision.endWrapUp(after, at: now)
        }
        for event in made { after.evolve(event) }
        events += made
      }
      return events
    }
    let ending = Set(due.map(\.user))
    let readyAgain = recorded.filter { $0.changed && $0.state.status == .ready && ending.contains($0.state.user) }
    // A RONA and wrap-up change only a ready user (whichever comes first leaves the other
    // nothing to change), and no other step moves one out of `ready`.
    let leftReady = recorded.filter { recorded in
      recorded.changed && recorded.state.status != .ready
        && steps[recorded.state.user]?.contains(where: \.leavesReady) == true
    }
    return (readyAgain.map(\.state.user), leftReady.map(\.state))
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

  /// The presence use cases on this service's presence port, definitions, directory and clock.
  public func presenceService() throws(ServiceError) -> PresenceService {
    var service = PresenceService(
      repository: try presencePort(), queries: queries, definitions: definitions,
      directory: directory, clock: clock)
    service.feed = feed
    return service
  }

  /// The presence port; a shell without one may not set presence through the case use cases.
  private func presencePort() throws(ServiceError) -> any PresenceRepository {
    guard let presence else { throw .refused(.noPresence) }
    return presence
  }
}
