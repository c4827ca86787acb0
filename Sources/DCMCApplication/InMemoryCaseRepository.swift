public import DCMCBundle
public import DCMCCalendar
public import DCMCRuntime
import Synchronization

/// A store in memory, for scenarios and tests: the same contract as the file store (optimistic
/// appends, request ids, numbering, the timer order), nothing durable.
public final class InMemoryCaseRepository: CaseRepository, CaseQueries {
  struct Contents: Sendable {
    var bundles: [String: [UInt8]] = [:]
    /// The deployment history, oldest first (`DeploymentRecord`).
    var deployments: [DeploymentRecord] = []
    var histories: [String: [CaseEvent]] = [:]
    var states: [String: CaseState] = [:]
    var requests: [String: String] = [:]
    var sequences: [String: Int] = [:]
    var attachments: [String: [UInt8]] = [:]
    var lastTick: Instant?
    var deliveries = DeliveryLedger()
    /// Cases a test marked damaged (`damage(_:problem:)`), with what is wrong.
    var damaged: [String: String] = [:]
    var customers = CustomerRecords()
    /// The cases linked to each customer record, the index `cases` reads for a customer.
    var casesByCustomer: [String: Set<String>] = [:]
    /// Each user's presence history.
    var presence: [String: [PresenceEvent]] = [:]
    /// The report facts by day (`ReportFact.day(of:)`), each day's in the order written.
    var facts: [Int: [ReportFact]] = [:]
    /// The pending RONAs noted and not cleared, by note name, and the last note's number.
    var pendingRONAs: [String: [PendingRONA]] = [:]
    var lastRONANote = 0
    /// The customers' status page links by id.
    var statusLinks: [String: StatusLinkRecord] = [:]
  }

  let contents = Mutex(Contents())
  /// The API tokens (`+Inventory`), apart from `contents`: no scenario step changes them.
  let tokenRecords = InMemoryTokenRepository()
  /// The users whose claim runs now (`+ClaimLock`).
  let claimants = ConditionLock<Set<String>>([])

  public init() {}

  public func deploy(_ bundle: DefinitionBundle, bytes: [UInt8], by user: String?, at time: Instant?)
    throws(RepositoryError) -> Bool
  {
    contents.withLock { store in
      let isNew = store.bundles[bundle.hash] == nil
      store.bundles[bundle.hash] = bytes
      if store.deployments.last?.bundle != bundle.hash {
        store.deployments.append(
          DeploymentRecord(number: store.deployments.count + 1, bundle: bundle.hash, by: user, at: time))
      }
      return isNew
    }
  }

  public func deployedBundle() throws(RepositoryError) -> String? { contents.withLock { $0.deployments.last?.bundle } }
  public func deployments(after: Int?, limit: Int?) throws(RepositoryError) -> [DeploymentRecord] {
    contents.withLock { DeploymentRecord.page($0.deployments, after: after, limit: limit) }
  }
  public func bundle(_ hash: String) throws(RepositoryError) -> [UInt8]? { contents.withLock { $0.bundles[hash] } }
  public func load(_ id: String) throws(RepositoryError) -> CaseState? {
    let (state, problem) = contents.withLock { ($0.states[id], $0.damaged[id]) }
    if let problem { throw .damaged(CaseDamage(caseID: id, problem: problem)) }
    return state
  }
  public func loadForUpdate(_ id: String) throws(RepositoryError) -> CaseState? { try load(id) }
  public func history(of id: String) throws(RepositoryError) -> [CaseEvent]? {
    contents.withLock { $0.histories[id] }
  }

  public func append(_ changes: [CaseChangeSet], tick: Instant?) throws(RepositoryError) -> [AppendOutcome] {
    contents.withLock { (store: inout Contents) -> [AppendOutcome] in
      var outcomes: [AppendOutcome] = []
      for change in changes {
        let id = change.after.id
        let version = store.states[id]?.version ?? 0
        guard version == change.expectedVersion else {
          outcomes.append(.conflict(version: version))
          continue
        }
        // A request another case records is that case's: the second of two commands sent
        // with one id on two cases at once is not written (the file store's rule).
        if let request = change.request, let named = store.requests[request], named != id {
          outcomes.append(.conflict(version: version))
          continue
        }
        store.histories[id, default: []] += change.events
        store.states[id] = change.after
        store.record(ReportFact.facts(of: change))
        if let old = change.before?.customer, old != change.after.customer {
          store.casesByCustomer[old]?.remove(id)
        }
        if let new = change.after.customer { store.casesByCustomer[new, default: []].insert(id) }
        if let request = change.request { store.requests[request] = id }
        if let sequence = change.sequence {
          store.sequences[change.after.type] = max(store.sequences[change.after.type] ?? 0, sequence)
        }
        outcomes.append(.appended)
      }
      if let tick { store.lastTick = max(store.lastTick ?? tick, tick) }
      return outcomes
    }
  }

  public func caseRecording(request id: String) throws(RepositoryError) -> String? {
    contents.withLock { $0.requests[id] }
  }

  public func lastSequence(of type: String) throws(RepositoryError) -> Int {
    contents.withLock { $0.sequences[type] ?? 0 }
  }

  public func casesWithTimers(dueBy now: Instant) throws(RepositoryError) -> [String] {
    contents.withLock { store in
      store.states.values.compactMap { state in state.timers.first.map { (state.id, $0.due) } }
        .filter { $0.1 <= now }
        .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        .map(\.0)
    }
  }

  public func lastTick() throws(RepositoryError) -> Instant? { contents.withLock { $0.lastTick } }

  public func storeAttachment(_ bytes: [UInt8], as file: AttachmentFile, case id: String)
    throws(RepositoryError) -> String
  {
    let place = "attachments/\(id)/\(file.name)"
    contents.withLock { $0.attachments[place] = bytes }
    return place
  }

  public func leaseNotifications(_ ids: [String], _ lease: NotificationLease, at now: Instant)
    throws(RepositoryError) -> [String]
  {
    contents.withLock { store in
      let states = store.states
      return store.deliveries.lease(ids, lease, at: now) { id in states[id]?.outbox }
    }
  }

  public func releaseNotifications(_ ends: [(id: String, end: LeaseEnd)], of owner: String) throws(RepositoryError) {
    contents.withLock { $0.deliveries.release(ends, of: owner) }
  }

  public func deliveryRecords() throws(RepositoryError) -> [String: DeliveryRecord] {
    contents.withLock { $0.deliveries.records }
  }

  /// Everything the store holds, to put back with `restore`: a scenario step made of several
  /// commands (claim, open, complete) is all or nothing.
  public struct Snapshot: Sendable { fileprivate let contents: Contents }

  public func snapshot() -> Snapshot { Snapshot(contents: contents.withLock { $0 }) }

  public func restore(_ snapshot: Snapshot) { contents.withLock { $0 = snapshot.contents } }

  /// The bytes kept at `place` by `storeAttachment`.
  public func attachment(at place: String) -> [UInt8]? { contents.withLock { $0.attachments[place] } }

  /// Marks case `id` damaged, as a file store finds a history cut short: the case is no longer
  /// served (a command on it fails with `.damaged`), and the lists name it and go on. For the
  /// conformance suite, which damages each store in its own way.
  package func damage(_ id: String, problem: String) { contents.withLock { $0.damaged[id] = problem } }

  /// Files case `id` under customer record `customer` in the index of each record's cases,
  /// whatever the case is linked to: the entry a file store's crash leaves behind, which
  /// lookups must ignore. For the conformance suite.
  package func file(_ id: String, underCustomer customer: String) {
    contents.withLock { _ = $0.casesByCustomer[customer, default: []].insert(id) }
  }

  public func cases(_ filter: CaseFilter) throws(RepositoryError) -> (cases: [CaseState], damaged: [CaseDamage]) {
    contents.withLock { store in
      let candidates = filter.customer.map { (store.casesByCustomer[$0] ?? []).compactMap { store.states[$0] } }
      let served = (candidates ?? Array(store.states.values)).filter { store.damaged[$0.id] == nil }
      let damages = Self.damages(store).filter { damage in
        filter.customer.map { store.casesByCustomer[$0]?.contains(damage.caseID) ?? false } ?? true
      }
      return (filter.page(served.filter(filter.matches)), damages)
    }
  }

  public func activeTasks(in targets: [String]?) throws(RepositoryError)
    -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
  {
    contents.withLock { store in
      let served = store.states.values.filter { store.damaged[$0.id] == nil }.sorted { $0.id < $1.id }
      let tasks = served.flatMap { state in
        state.activeTasks.filter { targets?.contains($0.target) ?? true }.map { ($0, state) }
      }
      return (tasks, Self.damages(store))
    }
  }

  public func queuedTasks(in target: String, after position: Urgency?, limit: Int) throws(RepositoryError)
    -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
  {
    contents.withLock { store in
      let queued = store.states.values.filter { store.damaged[$0.id] == nil }.flatMap { state in
        state.tasks.filter { task in
          task.status == .queued && task.target == target && position.map { $0 < task.urgency } ?? true
        }
        .map { (task: $0, of: state) }
      }
      return (Array(queued.sorted { $0.task.urgency < $1.task.urgency }.prefix(max(0, limit))), Self.damages(store))
    }
  }

  public func heldTasks(of user: String) throws(RepositoryError)
    -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
  {
    contents.withLock { store in
      let served = store.states.values.filter { store.damaged[$0.id] == nil }.sorted { $0.id < $1.id }
      return (served.flatMap { state in state.activeTasks.filter { $0.holder == user }.map { ($0, state) } }, Self.damages(store))
    }
  }

  private static func damages(_ store: Contents) -> [CaseDamage] {
    store.damaged.sorted { $0.key < $1.key }.map { CaseDamage(caseID: $0.key, problem: $0.value) }
  }
}
