import DCMCBundle
import DCMCCalendar
import DCMCRuntime

// The two ways offers are made (`Distribution`'s two entry points), each reading only what it
// offers from: the tasks just queued are offered among the ready members with room of their
// workbins (the ready index, then each one's held tasks); a user who became ready or freed
// room takes from the head of their push workbins' queues, read lazily. Neither reads a whole
// workbin, so the cost follows the offers made, not the queue's length.

extension CaseService {
  /// Offers `queued` (tasks just queued, moved or widened a tier) among the ready members of
  /// their workbins who have room, workbin by workbin. An offer refused because its case
  /// changed meanwhile is skipped. Returns the cases changed, by id.
  func offer(queued: [Distribution.QueuedTask], _ workgroups: [BundleWorkgroup]) throws(ServiceError)
    -> [String: CaseState]
  {
    guard let presence, !queued.isEmpty else { return [:] }
    let now = clock.now()
    let ready = try ServiceError.wrap { () throws(RepositoryError) in try presence.readyUsers() }
    let byTarget = Dictionary(grouping: queued, by: \.target)
    var loads: [String: Int] = [:]
    var changed: [String: CaseState] = [:]
    for group in workgroups.sorted(by: { $0.id < $1.id }) {
      guard let tasks = byTarget[group.id] else { continue }
      var candidates: [Distribution.Candidate] = []
      for member in group.members where ready.contains(member.user) {
        guard let waiting = try waitingSince(member.user, at: now) else { continue }
        let free = member.capacity - (try load(of: member.user, workgroups, cached: &loads))
        guard free > 0 else { continue }
        candidates.append(candidate(member, in: group.id, since: waiting, free: free))
      }
      let weights = Dictionary(tasks.map { ($0.id, $0.weight) }) { first, _ in first }
      let capacities = Dictionary(group.members.map { ($0.user, $0.capacity) }) { first, _ in first }
      for offer in Distribution.offers(forQueued: tasks, among: candidates, at: now) {
        let weight = weights[offer.task] ?? 1
        let made = try make(offer, weight: weight, capacity: capacities[offer.user] ?? 0, workgroups)
        loads[offer.user] = made.load
        if let state = made.state { changed[state.id] = state }
      }
    }
    return changed
  }

  /// Offers `user`, who became ready or freed room, the tasks of their push workbins' queues,
  /// merged most urgent first and read a page at a time, until they are full or the queues
  /// end. Returns the cases changed, by id.
  func offerWork(toAvailable user: String, _ workgroups: [BundleWorkgroup]) throws(ServiceError)
    -> [String: CaseState]
  {
    let now = clock.now()
    let memberships = try pushWorkbins(of: user, workgroups)
    guard !memberships.isEmpty, let since = try waitingSince(user, at: now) else { return [:] }
    var loads: [String: Int] = [:]
    var held = try load(of: user, workgroups, cached: &loads)
    let capacity = Dictionary(memberships.map { ($0.group, $0.member) }) { first, _ in first }
    guard let most = capacity.values.map(\.capacity).max(), most > held else { return [:] }
    var queue = QueuedWork(capacity.keys.sorted(), pageSize: 2 * (most - held) + 4) {
      (target, after, limit) throws(ServiceError) in
      self.served(
        try ServiceError.wrap { () throws(RepositoryError) in
          try self.queries.queuedTasks(in: target, after: after, limit: limit)
        })
    }
    var engines: [String: Engine] = [:]
    var changed: [String: CaseState] = [:]
    while capacity.values.contains(where: { $0.capacity > held }), let (task, state) = try queue.next() {
      let engine = try self.engine(for: state, workgroups, cached: &engines)
      guard let waiting = engine.queuedTask(task, of: state), let member = capacity[task.target] else { continue }
      // A decline that ran out made the task another user's to take since the queue settled:
      // it goes to whoever of its workbin's ready members with room waited longest.
      if waiting.declines.contains(where: { $0.until <= now }) {
        let offered = try offer(queued: [waiting], workgroups)
        changed.merge(offered) { _, new in new }
        if offered[state.id]?.task(task.id)?.offer?.to == user { held += waiting.weight }
        continue
      }
      let me = candidate(member, in: task.target, since: since, free: member.capacity - held)
      for offer in Distribution.offers(toAvailable: me, queue: CollectionOfOne(waiting), at: now) {
        let made = try make(offer, weight: waiting.weight, capacity: member.capacity, workgroups)
        held = made.load
        if let after = made.state { changed[after.id] = after }
      }
    }
    return changed
  }

  /// The workbins `user` is a member of that may hold pushed tasks, with their membership:
  /// those of workgroups that push, and every one when a task of the deployed definitions
  /// pushes of its own accord. None without a presence port.
  private func pushWorkbins(of user: String, _ workgroups: [BundleWorkgroup]) throws(ServiceError)
    -> [(group: String, member: BundleMember)]
  {
    let memberships = workgroups.compactMap { group in
      group.members.first { $0.user == user }.map { (group: group, member: $0) }
    }
    guard presence != nil, !memberships.isEmpty else { return [] }
    // The deployed definitions are read only for a member of a workgroup that pulls.
    let anyTaskPushes =
      memberships.allSatisfy { $0.group.mode == .push }
      ? false : try definitions.deployed().bundle.caseTypes.contains { type in type.tasks.contains { $0.mode == .push } }
    return memberships.filter { $0.group.mode == .push || anyTaskPushes }.map { ($0.group.id, $0.member) }
  }

  /// Since when `user` waits for work when they are ready (the later of becoming ready and
  /// finishing a task); `nil` when they are not ready.
  private func waitingSince(_ user: String, at now: Instant) throws(ServiceError) -> Instant? {
    guard let presence else { return nil }
    let state = try ServiceError.wrap { () throws(RepositoryError) in try presence.loadPresence(user) }
    guard let state, state.status == .ready else { return nil }
    return state.readySince ?? state.since ?? now
  }

  /// The weight `user` holds, offers included (`CaseQueries.heldTasks`), remembered in `loads`.
  private func load(of user: String, _ workgroups: [BundleWorkgroup], cached loads: inout [String: Int])
    throws(ServiceError) -> Int
  {
    if let known = loads[user] { return known }
    var engines: [String: Engine] = [:]
    var weight = 0
    for (task, state) in served(try ServiceError.wrap { () throws(RepositoryError) in try queries.heldTasks(of: user) }) {
      weight += try engine(for: state, workgroups, cached: &engines).definitions.weight(of: task, in: state)
    }
    loads[user] = weight
    return weight
  }

  /// `member` of `group` as the push decision sees them.
  private func candidate(_ member: BundleMember, in group: String, since: Instant, free: Int) -> Distribution.Candidate {
    Distribution.Candidate(
      user: member.user, isReady: true, waitingSince: since, freeCapacity: free,
      skills: Dictionary(member.skills.map { ($0.skill, $0.level) }) { first, _ in first }, workgroups: [group])
  }

  /// Appends `offer` of a task of `weight` under its user's claim lock
  /// (`CaseRepository.exclusively`), as `task next` claims: the user's load is read again
  /// under the lock, and the offer made only while it leaves room within `capacity`, so an
  /// offer and a claim of one user at once cannot both take the room left; so is their
  /// presence, and the offer made only while they are ready, so an offer and their leaving
  /// `ready` at once cannot leave an offer standing (`withdrawOffers`). Returns the case
  /// after the offer, `nil` when it was not made (no room now, not ready, or its case changed
  /// since it was decided: another writer took or changed the task, which is no failure), and
  /// the user's load after it. One user's lock at a time, taken before the store's: no
  /// deadlock.
  private func make(_ offer: Distribution.Offer, weight: Int, capacity: Int, _ workgroups: [BundleWorkgroup])
    throws(ServiceError) -> (state: CaseState?, load: Int)
  {
    try repository.exclusively(claimingFor: offer.user) { () throws(ServiceError) in
      var loads: [String: Int] = [:]
      let load = try self.load(of: offer.user, workgroups, cached: &loads)
      guard load + weight <= capacity, let dot = offer.task.lastIndex(of: "."),
        try waitingSince(offer.user, at: clock.now()) != nil
      else { return (nil, load) }
      do throws(ServiceError) {
        let after = try execute(
          .offer(task: offer.task, to: offer.user), onCase: String(offer.task[..<dot]), by: nil,
          workgroups: workgroups)
        return (after, load + weight)
      } catch {
        guard case .refused(.rule) = error else { throw error }
        return (nil, load)
      }
    }
  }
}
