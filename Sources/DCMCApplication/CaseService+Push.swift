import DCMCBundle
public import DCMCRuntime

// Push offers made by the application (SPEC section 15, docs/distribution.md, "Push"): after a
// change that queues a push task (create, decline, expiry, reassign, escalation, return) or
// widens its tier, that frees someone's capacity (completion, release, reassign), or after a
// user becomes ready, the application gives `Distribution` the ready members of the workbins involved and those
// workbins' queued push tasks, and appends the `offer`s it decides. Only the workbins involved
// are read (the workbin index), never the whole store.

extension CaseService {
  /// The tasks offered to `user` now (`task offers`), most urgent first: read from the
  /// workbins of their workgroups only, as offers go to members.
  public func offers(to user: String?) throws(ServiceError) -> [(task: TaskState, of: CaseState)] {
    let permissions = Permissions(try directory.workgroups())
    let user = try permitted(user, permissions)
    let groups = permissions.workgroups(of: user)
    return served(
      try ServiceError.wrap { () throws(RepositoryError) in try queries.activeTasks(in: groups) }
    )
    .filter { task, _ in task.status == .offered && task.offer?.to == user }
    .sorted { Engine.isMoreUrgent($0.task, than: $1.task) }
  }

  /// `offerWork(after:_:)` once `changes` are appended: the command happened, so a store
  /// failure while following it up is not the command's; it goes to `followUpFailed`. The
  /// offers it could not make are made by the next change in those workbins, a user becoming
  /// ready or a tick.
  func followUp(_ changes: [CaseChangeSet], _ workgroups: [BundleWorkgroup]) -> [String: CaseState]
  {
    do { return try offerWork(after: changes, workgroups) } catch {
      followUpFailed?(error)
      return [:]
    }
  }

  /// Follows `changes` with what they call for: `RONA` for a user whose offer expired, wrap-up
  /// for a user who completed a push task, then the offers in the workbins whose push tasks
  /// were queued and in the pushing workbins of the users whose capacity was freed. A change
  /// to pulled work only reads nothing more. Returns the cases the
  /// offers changed, by id. Without a presence port, nothing.
  func offerWork(after changes: [CaseChangeSet], _ workgroups: [BundleWorkgroup])
    throws(ServiceError)
    -> [String: CaseState]
  {
    guard presence != nil, !changes.isEmpty else { return [:] }
    let permissions = Permissions(workgroups)
    let pushing = Set(workgroups.filter { $0.mode == .push }.map(\.id))
    var targets: Set<String> = []
    for change in changes {
      try followPresence(change, workgroups)
      let engine = try engine(for: change.after, workgroups)
      for task in change.after.tasks {
        let old = change.before?.task(task.id)
        // Queued now, moved, or widened a tier: new users may take it.
        if engine.queuedTask(task, of: change.after) != nil,
          old?.status != .queued || old?.target != task.target || old?.tier != task.tier
        {
          targets.insert(task.target)
        }
        // Freed room is offered in the workbins that push: the task's own, when it was pushed,
        // and those of the holder's workgroups that push by default.
        if let old, let holder = old.holder, task.holder != holder {
          targets.formUnion(permissions.workgroups(of: holder).filter(pushing.contains))
          if try isPushed(old, of: change.after, workgroups) { targets.insert(old.target) }
        }
      }
    }
    return try offerWork(in: targets, workgroups)
  }

  /// Offers the queued push tasks of the workbins of `targets` to their ready members with
  /// room, workbin by workbin (a member's room is their capacity in that workgroup less the
  /// weight they hold anywhere, offers included). An offer refused because its case changed
  /// meanwhile is skipped. Returns the cases changed, by id.
  func offerWork(in targets: Set<String>, _ workgroups: [BundleWorkgroup]) throws(ServiceError)
    -> [String: CaseState]
  {
    guard let presence, !targets.isEmpty else { return [:] }
    let now = clock.now()
    let groups = workgroups.filter { targets.contains($0.id) }.sorted { $0.id < $1.id }
    let members = Set(groups.flatMap { $0.members.map(\.user) })
    let permissions = Permissions(workgroups)
    let read = Set(targets).union(members.flatMap { permissions.workgroups(of: $0) })
    let found = served(
      try ServiceError.wrap { () throws(RepositoryError) in
        try queries.activeTasks(in: read.sorted())
      })
    var load: [String: Int] = [:]
    var queued: [String: [Distribution.QueuedTask]] = [:]
    var engines: [String: Engine] = [:]
    for (task, state) in found {
      let engine = try self.engine(for: state, workgroups, cached: &engines)
      if let holder = task.holder, members.contains(holder) {
        load[holder, default: 0] += engine.definitions.weight(of: task, in: state)
      }
      if targets.contains(task.target), let waiting = engine.queuedTask(task, of: state) {
        queued[task.target, default: []].append(waiting)
      }
    }
    var presences: [String: PresenceState] = [:]
    for user in members {
      presences[user] = try ServiceError.wrap { () throws(RepositoryError) in
        try presence.loadPresence(user)
      }
    }
    var changed: [String: CaseState] = [:]
    for group in groups {
      guard let tasks = queued[group.id] else { continue }
      let candidates = group.members.compactMap { member -> Distribution.Candidate? in
        guard let state = presences[member.user], state.status == .ready else { return nil }
        let free = member.capacity - load[member.user, default: 0]
        guard free > 0 else { return nil }
        return Distribution.Candidate(
          user: member.user, isReady: true, waitingSince: state.readySince ?? state.since ?? now,
          freeCapacity: free,
          skills: Dictionary(member.skills.map { ($0.skill, $0.level) }) { first, _ in first },
          workgroups: [group.id])
      }
      let weights = Dictionary(tasks.map { ($0.id, $0.weight) }) { first, _ in first }
      for offer in Distribution.offers(forQueued: tasks, among: candidates, at: now) {
        guard let dot = offer.task.lastIndex(of: ".") else { continue }
        let id = String(offer.task[..<dot])
        do throws(ServiceError) {
          changed[id] = try execute(
            .offer(task: offer.task, to: offer.user), onCase: id, by: nil, workgroups: workgroups)
          load[offer.user, default: 0] += weights[offer.task] ?? 1
        } catch {
          // Another writer took or changed the task since the queue was read.
          guard case .refused(.rule) = error else { throw error }
        }
      }
    }
    return changed
  }
}
