import DCMCBundle
public import DCMCRuntime

// Push offers made by the application (SPEC section 15, docs/distribution.md, "Push"): after a
// change that queues a push task (create, decline, expiry, reassign, escalation, return),
// widens its tier or ends a decline of it, the tasks queued are offered among the ready members
// of their workbins; after a change that frees someone's capacity (completion, release, reassign), or after a
// user becomes ready, that user takes from their push workbins' queues
// (`CaseService+PushOffers.swift`). No whole workbin is read.

extension CaseService {
  /// The tasks offered to `user` now (`task offers`), most urgent first: read from the tasks
  /// they hold, in the workbins of their workgroups, as offers go to members.
  public func offers(to user: String?) throws(ServiceError) -> [(task: TaskState, of: CaseState)] {
    let permissions = Permissions(try directory.workgroups())
    let user = try permitted(user, permissions)
    let groups = permissions.workgroups(of: user)
    return served(try ServiceError.wrap { () throws(RepositoryError) in try queries.heldTasks(of: user) })
    .filter { task, _ in task.status == .offered && task.offer?.to == user && groups.contains(task.target) }
    .sorted { Engine.isMoreUrgent($0.task, than: $1.task) }
  }

  /// `offerWork(after:_:)` once `changes` are appended, settling first the RONAs killed ticks
  /// owe when it may offer work, so no offer goes to a user owed one: the command happened, so a
  /// store failure while following it up is not the command's; it goes to `followUpFailed`. The
  /// offers it could not make are made when a user of those workbins becomes ready or frees
  /// room.
  func followUp(_ changes: [CaseChangeSet], _ workgroups: [BundleWorkgroup]) -> [String: CaseState]
  {
    do { return try offerWork(after: changes, settling: true, workgroups) } catch {
      followUpFailed?(error)
      return [:]
    }
  }

  /// Follows `changes` with what they call for: `RONA` for a user whose offer expired, wrap-up
  /// for a user who completed a push task, the wrap-ups of `due` ended and the RONAs `owed` by
  /// killed ticks (one batch of presence appends), the other offers standing to a user a RONA
  /// or wrap-up took out of `ready` withdrawn (`withdrawOffers`, as when they leave it by `presence set`),
  /// then the offers of the push tasks queued (those withdrawn among them), moved,
  /// widened a tier or whose decline ended (`opensToNewUsers`), and
  /// those owed to the users whose capacity was freed, then to those whose wrap-up ended.
  /// `settling`, the RONAs killed ticks noted are made before any offer
  /// (`settlePendingRONAs`), and only when some may be made (a command's follow-up; a tick
  /// passes them as `owed`). Returns the cases the withdrawals and offers changed, by id. Without a presence
  /// port, nothing.
  func offerWork(
    after changes: [CaseChangeSet], endingWrapUps due: [PresenceState] = [], owing owed: [PendingRONA] = [],
    settling: Bool = false, _ workgroups: [BundleWorkgroup]
  )
    throws(ServiceError)
    -> [String: CaseState]
  {
    guard presence != nil, !changes.isEmpty || !due.isEmpty || !owed.isEmpty else { return [:] }
    let followed = try followPresence(changes, endingWrapUps: due, owing: owed, workgroups)
    var changes = changes
    var changed: [String: CaseState] = [:]
    for state in followed.leftReady {
      let withdrawn = try withdrawOffers(to: state.user, leaving: state.status, workgroups)
      for change in withdrawn { changed[change.after.id] = change.after }
      changes += withdrawn
    }
    var queued: [String: Distribution.QueuedTask] = [:]
    var freed: Set<String> = []
    for change in changes {
      let engine = try engine(for: change.after, workgroups)
      for task in change.after.tasks {
        let old = change.before?.task(task.id)
        if let waiting = engine.queuedTask(task, of: change.after), Self.opensToNewUsers(task, was: old) {
          queued[task.id] = waiting
        }
        if let holder = old?.holder, task.holder != holder { freed.insert(holder) }
      }
    }
    if settling, !queued.isEmpty || !freed.isEmpty { try settlePendingRONAs() }
    changed.merge(try offer(queued: queued.keys.sorted().compactMap { queued[$0] }, workgroups)) { _, later in later }
    for user in freed.sorted() + followed.readyAgain {
      changed.merge(try offerWork(toAvailable: user, workgroups)) { _, later in later }
    }
    return changed
  }

  /// Whether a change made `task` (queued after it) one that users not offered it before may
  /// take, from `old` (before it; `nil`: it is new): queued now, moved to another workbin,
  /// widened a tier, or a decline of it ended (the `decline_end` timer).
  static func opensToNewUsers(_ task: TaskState, was old: TaskState?) -> Bool {
    guard let old, old.status == .queued else { return true }
    return old.target != task.target || old.tier != task.tier || old.declines.contains { !task.declines.contains($0) }
  }
}
