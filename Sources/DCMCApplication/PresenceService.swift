import DCMCBundle
import DCMCCalendar
public import DCMCRuntime

/// The use cases on presence (SPEC section 15): set, list and history. Each reads the clock
/// once, checks the acting user (any user of the directory), lets `PresenceDecision` decide on
/// the deployed bundle with the directory's workgroups, and appends at the version it decided
/// on; a history another writer moved meanwhile is loaded and decided again.
public struct PresenceService: Sendable {
  public let repository: any PresenceRepository
  public let queries: any CaseQueries
  public let definitions: DefinitionsLoader
  public let directory: any Directory
  public let clock: any Clock
  /// Called with each user `list` leaves out because their presence history is damaged; the
  /// others are listed.
  public var damageFound: (@Sendable (PresenceDamage) -> Void)?
  /// Told of every presence change appended, once durable (`CommitFeed`: `dcmc serve`'s event
  /// streams); `nil`: nobody is told.
  public var feed: CommitFeed?

  public init(
    repository: any PresenceRepository, queries: any CaseQueries, definitions: DefinitionsLoader,
    directory: any Directory, clock: any Clock
  ) {
    self.repository = repository
    self.queries = queries
    self.definitions = definitions
    self.directory = directory
    self.clock = clock
  }

  /// Puts `user` (the acting user when `nil`) in `choice`, with `reason` for `not_ready`, and
  /// returns their presence after it; setting the state a user is in changes nothing. A
  /// `request` is recorded on the event (`setting`).
  public func set(
    _ choice: PresenceStatus.Choice, reason: String?, user: String? = nil, by actor: String?,
    request: CommandRequest? = nil
  ) throws(ServiceError) -> PresenceState {
    try setting(choice, reason: reason, user: user, by: actor, request: request).state
  }

  /// `set`, and whether its answer is an earlier run's: a `request` is recorded on the event
  /// it appends, and one the user's history records already (a retry, after a restart too)
  /// appends nothing and answers the presence that run left them in (`answer(to:of:by:)`),
  /// whatever it is now.
  func setting(
    _ choice: PresenceStatus.Choice, reason: String?, user: String?, by actor: String?, request: CommandRequest?
  ) throws(ServiceError) -> (state: PresenceState, answered: Bool) {
    let now = clock.now()
    let workgroups = try directory.workgroups()
    let actor = try acting(actor, workgroups)
    let user = try UserID.checked(user ?? actor)
    let decision = PresenceDecision(definitions: try definitions.deployed().with(workgroups: workgroups))
    var answer: PresenceState?
    // Looked for in the history each decision is made on: a retry running beside its first run
    // either finds its event or appends at a version the first run moved (and decides again).
    let state = try record(user) { before throws(ServiceError) in
      answer = nil
      if let request, let first = try self.answer(to: request, of: user, by: actor) {
        answer = first
        return []
      }
      if let last = before.since, now < last { throw .refused(.presenceBeforeLastEvent(user: user, last: last)) }
      var events: [PresenceEvent]
      do throws(PresenceRefusal) {
        events = try decision.set(before, to: choice, reason: reason, by: actor, at: now)
      } catch {
        throw .refused(.presence(error))
      }
      if let request, !events.isEmpty {
        events[0].request = request.id
        events[0].requestDigest = request.digest
      }
      return events
    }
    return (answer ?? state, answer != nil)
  }

  /// The presence the event recording `request` left `user` in, when their history records
  /// it: a retry, checked as a case command's is (`CaseService.checkRetry`: the same user, the
  /// same request, else refused); `nil` when it records none.
  func answer(to request: CommandRequest, of user: String, by actor: String) throws(ServiceError) -> PresenceState? {
    let history = try ServiceError.wrap { () throws(RepositoryError) in try repository.presenceHistory(of: user) } ?? []
    guard let index = history.firstIndex(where: { $0.request == request.id }) else { return nil }
    try CaseService.checkRetry(
      request.id, recordedBy: history[index].by, same: history[index].requestDigest == request.digest, by: actor,
      otherwise: .presenceRequestReused(request: request.id, user: user))
    return PresenceState.replay(Array(history[...index]))
  }

  /// Appends what `decide` makes of `user`'s presence and returns their presence after it
  /// (as it was when `decide` records nothing); a history another writer moved meanwhile is
  /// loaded and decided again.
  func record(_ user: String, _ decide: (PresenceState) throws(ServiceError) -> [PresenceEvent])
    throws(ServiceError) -> PresenceState
  {
    try record([user], decide)[0].state
  }

  /// `record(_:_:)` of several users in one batch (`PresenceRepository.appendPresence(_:)`):
  /// each user's presence after, in the order of `users` (as it was when `decide` records
  /// nothing for them), and whether it changed. The users whose history another writer moved
  /// meanwhile are loaded, decided and appended again, together.
  func record(_ users: [String], _ decide: (PresenceState) throws(ServiceError) -> [PresenceEvent])
    throws(ServiceError) -> [(state: PresenceState, changed: Bool)]
  {
    var found: [String: (state: PresenceState, changed: Bool)] = [:]
    var pending = users.filter { found.updateValue((PresenceState(user: $0), false), forKey: $0) == nil }
    for _ in 0..<CaseService.attempts {
      var changes: [PresenceChangeSet] = []
      for user in pending {
        let before = try load(user)
        let events = try decide(before)
        guard !events.isEmpty else {
          found[user] = (before, false)
          continue
        }
        var after = before
        for event in events { after.evolve(event) }
        changes.append(PresenceChangeSet(before: before, events: events, after: after))
      }
      let outcomes = try ServiceError.wrap { () throws(RepositoryError) in try repository.appendPresence(changes) }
      feed?.publish(presence: changes, outcomes)
      pending = []
      for (change, outcome) in zip(changes, outcomes) {
        if outcome == .appended { found[change.after.user] = (change.after, true) } else { pending.append(change.after.user) }
      }
      if pending.isEmpty { return users.map { found[$0] ?? (PresenceState(user: $0), false) } }
    }
    throw .refused(.presenceBusy(pending[0]))
  }

  /// The presence of every member of `workgroup`, or of every user of the directory (members
  /// and supervisors), by user id, with the weight of the tasks each holds and their capacity
  /// (in `workgroup`, else the largest of their workgroups'). An unknown workgroup is refused
  /// with the workgroups that exist. A user whose history is damaged is left out and passed to
  /// `damageFound`, so one damaged history never stops the list.
  public func list(workgroup: String?, by actor: String?) throws(ServiceError) -> [PresenceView] {
    let workgroups = try directory.workgroups()
    _ = try acting(actor, workgroups)
    let users: Set<String>
    if let workgroup {
      guard let group = workgroups.first(where: { $0.id == workgroup }) else {
        throw .refused(.unknownValue(of: .workgroup, workgroup, valid: workgroups.map(\.id).sorted()))
      }
      users = Set(group.members.map(\.user))
    } else {
      users = Set(workgroups.flatMap { $0.members.map(\.user) + $0.supervisors })
    }
    var stored: [String: PresenceState] = [:]
    for user in users {
      let found: PresenceState?
      do throws(ServiceError) {
        found = try ServiceError.wrap { () throws(RepositoryError) in try repository.loadPresence(user) }
      } catch {
        guard case .repository(.damagedPresence(let damage)) = error else { throw error }
        damageFound?(damage)
        continue
      }
      stored[user] = found ?? PresenceState(user: user)
    }
    let loads = try held(by: users)
    return stored.sorted { $0.key < $1.key }.map { user, state in
      let entries = workgroups.filter { workgroup == nil || $0.id == workgroup }
        .compactMap { $0.members.first { $0.user == user } }
      return PresenceView(state, load: loads[user] ?? 0, capacity: entries.map(\.capacity).max())
    }
  }

  /// Every event of `user`'s presence history, in order; none for a user who never set it.
  public func history(of user: String, by actor: String?) throws(ServiceError) -> [PresenceEvent] {
    let workgroups = try directory.workgroups()
    _ = try acting(actor, workgroups)
    let user = try UserID.checked(user)
    guard Permissions(workgroups).isKnown(user) else { throw .refused(.presence(.unknownUser(user))) }
    return try ServiceError.wrap { () throws(RepositoryError) in try repository.presenceHistory(of: user) } ?? []
  }

  /// `state`'s user as `list` shows them (the weight they hold, their largest capacity), read
  /// alone: what `presence set` prints, at the cost of their own tasks, not of the store's.
  public func view(of state: PresenceState) throws(ServiceError) -> PresenceView {
    let capacities = try directory.workgroups().compactMap { $0.members.first { $0.user == state.user }?.capacity }
    return PresenceView(state, load: try held(by: [state.user])[state.user] ?? 0, capacity: capacities.max())
  }

  /// The summed weight of the tasks each of `users` holds (assigned, in progress or offered to
  /// them), over every workbin: each user's own tasks (`CaseQueries.heldTasks`).
  private func held(by users: Set<String>) throws(ServiceError) -> [String: Int] {
    var loads: [String: Int] = [:]
    for user in users.sorted() {
      let found = try ServiceError.wrap { () throws(RepositoryError) in try queries.heldTasks(of: user) }.tasks
      for (task, state) in found {
        loads[user, default: 0] += try definitions.definitions(state.bundle).weight(of: task, in: state)
      }
    }
    return loads
  }

  /// The presence of `user`: logged off when they have no history.
  private func load(_ user: String) throws(ServiceError) -> PresenceState {
    try ServiceError.wrap { () throws(RepositoryError) in try repository.loadPresence(user) }
      ?? PresenceState(user: user)
  }

  /// The acting user, who must be in the directory.
  private func acting(_ user: String?, _ workgroups: [BundleWorkgroup]) throws(ServiceError) -> String {
    guard let user else { throw .refused(.noActingUser) }
    guard Permissions(workgroups).isKnown(user) else { throw .refused(.unknownUser(user)) }
    return user
  }
}
