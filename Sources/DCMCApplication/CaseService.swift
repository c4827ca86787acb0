public import DCMCBundle
import DCMCCalendar
public import DCMCRuntime
import Synchronization

/// The runtime's use cases: each reads the clock once, loads what it needs through the
/// ports, checks permissions (once, here), lets the engine decide, and appends the events at
/// the version it decided on. The CLI, the server and the scenario runner all call these.
public struct CaseService: Sendable {
  public let repository: any CaseRepository
  public let queries: any CaseQueries
  public let definitions: DefinitionsLoader
  public let directory: any Directory
  public let clock: any Clock
  /// Told of each damaged case a use case over many cases (the lists, `claimNext`, `tick`,
  /// the outbox) left out while it served the others; the shell reports it (the CLI on
  /// standard error). A command on one case fails on its damage instead.
  public var damageFound: (@Sendable (CaseDamage) -> Void)?
  /// Told when the offers a command calls for could not be made after its append (the store
  /// failed while following it up, `CaseService+Push.swift`): the command stands, and the shell
  /// reports what was not done (the CLI on standard error).
  public var followUpFailed: (@Sendable (ServiceError) -> Void)?
  /// Told of each case whose due timers a tick could not decide (the engine refused: a
  /// deadline past 9999), with the refusal: the tick leaves that case as it is and fires the
  /// others' timers; the shell reports it (the CLI on standard error).
  public var timersRefused: (@Sendable (_ caseID: String, _ refusal: Refusal) -> Void)?
  /// Told of each offer standing to a user who left `ready` whose withdrawal was refused
  /// (`withdrawOffers`): the offer stands, the user's other offers are withdrawn and offered on,
  /// and the tick or command goes on; the shell reports it (the CLI on standard error).
  public var offerNotWithdrawn: (@Sendable (OfferNotWithdrawn) -> Void)?
  /// The store's customer records, which `create` identifies a case's customer among; `nil`
  /// for a store that keeps none (a case is then linked to no customer).
  public var customers: (any CustomerRepository)?
  /// The store's presence histories, which push offers are made by (`CaseService+Push.swift`):
  /// with them, a change that queues a push task or frees capacity offers work to ready users;
  /// `nil` for a shell that makes no offers.
  public var presence: (any PresenceRepository)?
  /// The group commit that appends of concurrent requests share flushes through (`dcmc serve`);
  /// `nil`: each append is flushed on its own (the CLI, one command one flush). A tick's append,
  /// which records the tick, always goes to the repository itself.
  public var committer: GroupCommit?
  /// Told of every case change this service commits, once durable (`CommitFeed`): `dcmc
  /// serve`'s event streams; `nil`: nobody is told (the CLI).
  public var feed: CommitFeed?
  /// The store's versions a request decided on (`with(versions:)`): every case change it
  /// appends, and the customer record a create adds, names their `fence`, which the store
  /// checks in the write's transaction; `nil`: no check (the CLI, the tick, the file store).
  public private(set) var fence: FencedWrites?

  /// How often a command is decided again when another writer changed its case between the
  /// load and the append, before it gives up (`.busy`).
  static let attempts = 32
  /// How many due cases a tick claims, decides and appends at a time.
  static let claimSize = 200

  public init(
    repository: any CaseRepository, queries: any CaseQueries, definitions: DefinitionsLoader,
    directory: any Directory, clock: any Clock
  ) {
    self.repository = repository
    self.queries = queries
    self.definitions = definitions
    self.directory = directory
    self.clock = clock
  }

  /// The same use cases on another clock: a long-running shell's next tick.
  public func with(clock: any Clock) -> CaseService { with(clock: clock, definitions: definitions) }

  /// The same use cases with the deployment a request read (`StoreVersions`): the bundle
  /// `hash` (`nil`: none deployed) is the one new cases start on, without reading it again.
  public func with(deployed hash: String?) -> CaseService {
    with(clock: clock, definitions: definitions.pinned(to: hash))
  }

  /// The same use cases decided on `versions`, which the request read (or its server kept
  /// from an earlier read): new cases start on `versions.deployed`, and when the store keeps
  /// a version row (`versions.fence`), each write names it and is refused (`VersionsMoved`)
  /// unless the versions are still the store's at its commit.
  public func with(versions: StoreVersions) -> CaseService {
    var service = with(deployed: versions.deployed)
    service.fence = versions.fence.map(FencedWrites.init)
    return service
  }

  private func with(clock: any Clock, definitions: DefinitionsLoader) -> CaseService {
    var service = CaseService(
      repository: repository, queries: queries, definitions: definitions, directory: directory, clock: clock)
    service.damageFound = damageFound
    service.followUpFailed = followUpFailed
    service.timersRefused = timersRefused
    service.offerNotWithdrawn = offerNotWithdrawn
    service.customers = customers
    service.presence = presence
    service.committer = committer
    service.feed = feed
    service.fence = fence
    return service
  }

  /// What a query over many cases found, its damaged cases passed on to `damageFound`.
  func served<Found>(_ answer: (Found, [CaseDamage])) -> Found {
    for damage in answer.1 { damageFound?(damage) }
    return answer.0
  }

  /// Deploys a compiled bundle for new cases, once it is known to run here (its time zones);
  /// running cases keep theirs. Returns whether the bundle was new to the store. A deployment
  /// that changes the current bundle is recorded as `user`'s (`nil`: none given) at the
  /// clock's now.
  public func deploy(_ bundle: DefinitionBundle, bytes: [UInt8], by user: String?) throws(ServiceError) -> Bool {
    // The user is written into the history and printed by `deploy --history`: an id, as every
    // user's (no control character to forge a line or drive a terminal, at most 128 bytes).
    let user = try user.map { text throws(ServiceError) in try UserID.checked(text) }
    _ = try DefinitionsLoader.check(bundle, zone: definitions.zone)
    let now = clock.now()
    return try ServiceError.wrap { () throws(RepositoryError) in
      try repository.deploy(bundle, bytes: bytes, by: user, at: now)
    }
  }

  /// Runs `command` on case `id` as `user` and returns the case after it. A case another
  /// writer changed meanwhile is loaded and decided again.
  /// A claim follows the pull rules (`claim(_:onCase:by:)`).
  /// The offers the change calls for follow (`offerWork(after:)`).
  /// With a `request` its user recorded on the case before (a retry), nothing runs again: the
  /// case as it is now is returned (`recorded(_:onCase:by:)`).
  /// `expecting`: the values (field id to value, empty for none) the caller read the case's
  /// fields to have, a condition of the write (`change`).
  public func execute(
    _ command: Command, onCase id: String, by user: String?, request: CommandRequest? = nil,
    expecting: [String: String] = [:]
  ) throws(ServiceError) -> CaseState {
    try executeRecording(command, onCase: id, by: user, request: request, expecting: expecting).after
  }

  /// `execute`, and whether it recorded anything: a command the engine decides changes
  /// nothing (`case set --sla` with the SLA a supervisor gave the case, `task set --ola`
  /// giving the task the plan it has) records nothing, and the case is as it was
  /// (`CaseChangeSet.recorded`).
  public func executeRecording(
    _ command: Command, onCase id: String, by user: String?, request: CommandRequest? = nil,
    expecting: [String: String] = [:]
  ) throws(ServiceError) -> (after: CaseState, recorded: Bool) {
    if case .claim(let task) = command {
      let change = try claim(task, onCase: id, by: user, request: request, expecting: expecting)
      return (change.after, change.recorded)
    }
    let workgroups = try directory.workgroups()
    let change = try change(
      command, onCase: id, by: user, workgroups: workgroups, request: request, expecting: expecting)
    return (followUp([change], workgroups)[id] ?? change.after, change.recorded)
  }

  /// `execute` with the directory's workgroups as a use case read them once.
  func execute(_ command: Command, onCase id: String, by user: String?, workgroups: [BundleWorkgroup])
    throws(ServiceError) -> CaseState
  {
    try change(command, onCase: id, by: user, workgroups: workgroups).after
  }

  /// `execute`, with the case before the command (the same state when it changed nothing).
  /// A `request` is recorded on the first event and in the store's request index, in the same
  /// append; one its user recorded before on the case returns the case as it is, recording
  /// nothing (`recorded`).
  ///
  /// `expecting` (field id to value, empty for none) are the values the caller read the case's
  /// fields to have, a staff form's as it showed them: the command is decided only on a case
  /// that has them still, else refused (`changedMeanwhile`), nothing written. The check is
  /// made on the case each try decides on, which its append writes only at that case's version
  /// (every store checks it in the write), so a change that lands between the caller's read
  /// and the write refuses the command instead of being written over.
  func change(
    _ command: Command, onCase id: String, by user: String?, workgroups: [BundleWorkgroup],
    customer: CustomerContext? = nil, request: CommandRequest? = nil, expecting: [String: String] = [:]
  ) throws(ServiceError) -> CaseChangeSet {
    try Self.checkLength(of: command)
    let now = clock.now()
    // The clock's and the outbox's commands act for nobody in particular: `user`, when given,
    // is only recorded.
    let permissions = command.isForNobody ? nil : Permissions(workgroups)
    let actor = try permissions.map { permissions throws(ServiceError) in try permitted(user, permissions) } ?? user
    for attempt in 0..<Self.attempts {
      // The first try decides on a state that may come from a cache behind the history. Only a
      // decision that ends in an append can trust it (the append checks the version); a
      // refusal or a decision to do nothing is made again on the history.
      let cached = attempt == 0
      let before = try cached ? loadForUpdate(id) : load(id)
      if let request, let actor, try recorded(request, onCase: id, by: actor) != nil {
        let current = try load(id)
        return CaseChangeSet(before: current, events: [], after: current)
      }
      let events: [CaseEvent]
      do throws(ServiceError) {
        // A history never runs backwards: a command is dated at or after the case's last event.
        if let last = before.updatedAt, now < last { throw .refused(.beforeLastEvent(case: before.id, last: last)) }
        if let permissions, let actor { try permissions.check(command, on: before, by: actor) }
        try Self.check(expecting, on: before)
        events = Self.stamped(
          try decide(command, on: before, by: actor, at: now, workgroups, customer: customer), with: request)
      } catch {
        if cached, try load(id).version != before.version { continue }
        throw error
      }
      guard !events.isEmpty else {
        if cached, try load(id).version != before.version { continue }
        return CaseChangeSet(before: before, events: [], after: before)
      }
      let change = CaseChangeSet(
        before: before, events: events, after: Self.applying(events, to: before), request: request?.id)
      if try append([change]) == [.appended] { return change }
    }
    throw .refused(.busy(case: id))
  }

  /// Refuses a command whose caller read `expected` values of fields (`change`) that `state`
  /// no longer has, naming those fields, sorted.
  static func check(_ expected: [String: String], on state: CaseState) throws(ServiceError) {
    let moved = expected.filter { field, value in (state.fields[field] ?? "") != value }.keys.sorted()
    guard moved.isEmpty else { throw .refused(.changedMeanwhile(case: state.id, fields: moved)) }
  }

  /// The case `id`; a refusal when there is none.
  public func load(_ id: String) throws(ServiceError) -> CaseState {
    let id = try UserID.checked(id)
    guard let state = try ServiceError.wrap({ () throws(RepositoryError) in try repository.load(id) }) else {
      throw .refused(.noSuchCase(id))
    }
    return try dated(state)
  }

  /// `state` with the latest instant of its history when it comes from a cache written before
  /// states recorded it, so the events a command appends keep it right.
  func dated(_ state: CaseState) throws(ServiceError) -> CaseState {
    guard state.updatedAt == nil else { return state }
    var state = state
    state.updatedAt = try lastInstant(ofCase: state.id)
    return state
  }

  /// The latest instant of the history of case `id`; `nil` when it has none.
  func lastInstant(ofCase id: String) throws(ServiceError) -> Instant? {
    try ServiceError.wrap { () throws(RepositoryError) in try repository.history(of: id) }?.map(\.at).max()
  }

  func loadForUpdate(_ id: String) throws(ServiceError) -> CaseState {
    let id = try UserID.checked(id)
    guard let state = try ServiceError.wrap({ () throws(RepositoryError) in try repository.loadForUpdate(id) }) else {
      throw .refused(.noSuchCase(id))
    }
    return try dated(state)
  }

  /// The engine of the bundle `state` runs on, with the directory's `workgroups`.
  func engine(for state: CaseState, _ workgroups: [BundleWorkgroup]) throws(ServiceError) -> Engine {
    Engine(definitions: try definitions.definitions(state.bundle).with(workgroups: workgroups))
  }

  /// `engine(for:_:)`, one per bundle: `engines` keeps those made already.
  func engine(for state: CaseState, _ workgroups: [BundleWorkgroup], cached engines: inout [String: Engine])
    throws(ServiceError) -> Engine
  {
    if let known = engines[state.bundle] { return known }
    let engine = try engine(for: state, workgroups)
    engines[state.bundle] = engine
    return engine
  }

  func decide(
    _ command: Command, on state: CaseState, by user: String?, at now: Instant, _ workgroups: [BundleWorkgroup],
    customer: CustomerContext? = nil
  ) throws(ServiceError) -> [CaseEvent] {
    let pauses = try slaPauses(for: command, of: state)
    switch try engine(for: state, workgroups).decide(
      command, on: state, by: user, at: now, customer: customer, pauses: pauses)
    {
    case .success(let events): return events
    case .failure(let refusal): throw .refused(.rule(refusal))
    }
  }

  func append(_ changes: [CaseChangeSet], tick: Instant? = nil) throws(ServiceError) -> [AppendOutcome] {
    let changes = fence?.stamped(changes) ?? changes
    let outcomes = try ServiceError.wrap { () throws(RepositoryError) in
      // The group commit's leader tells the feed of each round, in the order of the rounds.
      if tick == nil, let committer { return try committer.append(changes, feed: feed) }
      let outcomes = try repository.append(changes, tick: tick)
      feed?.publish(changes, outcomes)
      return outcomes
    }
    if outcomes.contains(.appended) { fence?.committed() }
    return outcomes
  }

  /// The number a new case of `type` tries: the one after the store's last, or after `tried`,
  /// which another case took; through the committer, never one handed to another request.
  func nextSequence(of type: String, after tried: Int?) throws(ServiceError) -> Int {
    try ServiceError.wrap { () throws(RepositoryError) in
      if let committer { return try committer.nextSequence(of: type, after: tried) }
      if let tried { return tried + 1 }
      return try repository.lastSequence(of: type) + 1
    }
  }

  /// Gives back a number `nextSequence` handed out for a create refused before it was written
  /// (through the committer; the CLI reads the store's last for every create).
  func giveBack(_ sequence: Int, of type: String) {
    committer?.giveBack(sequence, of: type)
  }

  /// Refuses a reader in no workgroup of the deployment (SPEC 4: such a user can do nothing,
  /// reading cases, tasks and reports included); `nil`, the CLI without `--as`, is whoever may
  /// read the store's files. Before 6 December 2026 a token of a user dropped from every
  /// workgroup still read every case, its history, the tasks and the reports.
  public func reading(by reader: String?) throws(ServiceError) {
    guard let reader else { return }
    guard try directory.isKnown(reader) else { throw .refused(.unknownUser(reader)) }
  }

  /// The acting user, who must be in the directory.
  func permitted(_ user: String?, _ permissions: Permissions) throws(ServiceError) -> String {
    guard let user else { throw .refused(.noActingUser) }
    guard permissions.isKnown(user) else { throw .refused(.unknownUser(user)) }
    return user
  }

  /// Whether `user` may give `command` on case `state` by the permission rules every command
  /// is checked by (`Permissions`): for a page that offers a change only to who may make it.
  /// The engine may still refuse the command on the case's state.
  public func permits(_ command: Command, on state: CaseState, by user: String) throws(ServiceError) -> Bool {
    let permissions = Permissions(try directory.workgroups())
    return permissions.isKnown(user) && (try? permissions.check(command, on: state, by: user)) != nil
  }

  static func applying(_ events: [CaseEvent], to state: CaseState) -> CaseState {
    var state = state
    for event in events { state.evolve(event) }
    return state
  }
}

/// The version row a request's writes were decided on (`StoreVersions.fence`), and whether
/// one of them committed: shared by the copies of the request's `CaseService`, so the server
/// knows whether the store checked the versions at a commit of the request (then what it
/// answers counts every revocation and deployment committed before), or must read them.
public final class FencedWrites: Sendable {
  public let version: Int
  private let commits = Mutex(0)

  public init(_ version: Int) { self.version = version }

  /// Whether a write decided on `version` committed.
  public var anyCommitted: Bool { commits.withLock { $0 > 0 } }

  func committed() { commits.withLock { $0 += 1 } }

  /// `changes`, each naming the version row.
  func stamped(_ changes: [CaseChangeSet]) -> [CaseChangeSet] {
    changes.map { change in
      var change = change
      change.fence = version
      return change
    }
  }
}
