public import DCMCApplication
public import DCMCBundle
public import DCMCCalendar
public import DCMCRuntime
public import Synchronization

/// A store that forwards to `inner` (in memory by default, or PostgreSQL) and counts the reads
/// a request or use case may make before it acts: the deployed bundle's hash and the bundles'
/// bytes (`DeploymentReadTests`), the last numbers (`GroupCommitNumberingTests`) and the store's
/// versions (`StoreVersions`, the API's read before a request), and the changes appended,
/// prepared or not (`PreparedAppendTests`). With `claimLockLeftOut`, its claims run without
/// `inner`'s claim lock: what the lock's tests show the race of.
public final class CountingRepository<Inner: CaseRepository>: CaseRepository {
  public let inner: Inner
  public let deployedReads = Mutex(0)
  public let sequenceReads = Mutex(0)
  public let versionReads = Mutex(0)
  /// How many changes reached `append` prepared (`CaseChangeSet.prepared`) and not.
  public let appended = Mutex((prepared: 0, unprepared: 0))
  /// The changes of the last append.
  public let lastAppended = Mutex<[CaseChangeSet]>([])
  /// The deployment's version the store reports; `nil`: `inner`'s (unknown in memory).
  public let version = Mutex<String?>(nil)
  /// Whether `exclusively(claimingFor:_:)` runs its body without taking `inner`'s lock.
  public let claimLockLeftOut = Mutex(false)
  /// How many times each bundle's bytes were read (`bundle(_:)`), by hash.
  public let bundleReads = Mutex<[String: Int]>([:])
  /// How many of a case's last events `history(of:)` leaves out: a history shorter than what
  /// its state recorded, as damage leaves it (`CaseSLATests`).
  public let historyShortBy = Mutex(0)
  /// Run once by the next `loadForUpdate`, before it reads: a change another writer commits
  /// between a command's caller's read of the case and the command's own load for its write
  /// (`beforeNextWriteLoad`).
  let nextWriteLoad = Mutex<(@Sendable () -> Void)?>(nil)

  public init(_ inner: Inner) { self.inner = inner }

  public func deploy(_ bundle: DefinitionBundle, bytes: [UInt8], by user: String?, at time: Instant?)
    throws(RepositoryError) -> Bool
  {
    try inner.deploy(bundle, bytes: bytes, by: user, at: time)
  }
  public func deployments(after: Int?, limit: Int?) throws(RepositoryError) -> [DeploymentRecord] {
    try inner.deployments(after: after, limit: limit)
  }
  public func deployedBundle() throws(RepositoryError) -> String? {
    deployedReads.withLock { $0 += 1 }
    return try inner.deployedBundle()
  }
  public func deploymentVersion() throws(RepositoryError) -> String? {
    if let version = version.withLock({ $0 }) { return version }
    return try inner.deploymentVersion()
  }
  public func storeVersions() throws(RepositoryError) -> StoreVersions? {
    versionReads.withLock { $0 += 1 }
    return try inner.storeVersions()
  }
  public func bundle(_ hash: String) throws(RepositoryError) -> [UInt8]? {
    bundleReads.withLock { $0[hash, default: 0] += 1 }
    return try inner.bundle(hash)
  }
  public func load(_ id: String) throws(RepositoryError) -> CaseState? { try inner.load(id) }
  public func loadForUpdate(_ id: String) throws(RepositoryError) -> CaseState? {
    nextWriteLoad.withLock { hook in
      defer { hook = nil }
      return hook
    }?()
    return try inner.loadForUpdate(id)
  }

  /// Runs `body` once, at the next `loadForUpdate` (the first load of a command's write,
  /// `CaseService.change`), before it reads the case.
  public func beforeNextWriteLoad(_ body: @escaping @Sendable () -> Void) { nextWriteLoad.withLock { $0 = body } }
  public func history(of id: String) throws(RepositoryError) -> [CaseEvent]? {
    let short = historyShortBy.withLock { $0 }
    return try inner.history(of: id).map { Array($0.dropLast(short)) }
  }
  public func append(_ changes: [CaseChangeSet], tick: Instant?) throws(RepositoryError) -> [AppendOutcome] {
    let prepared = changes.filter { $0.prepared != nil }.count
    appended.withLock { $0 = ($0.prepared + prepared, $0.unprepared + changes.count - prepared) }
    lastAppended.withLock { $0 = changes }
    return try inner.append(changes, tick: tick)
  }
  public func prepare(_ changes: [CaseChangeSet]) throws(RepositoryError) -> [CaseChangeSet] {
    try inner.prepare(changes)
  }
  public func caseRecording(request id: String) throws(RepositoryError) -> String? {
    try inner.caseRecording(request: id)
  }
  public func lastSequence(of type: String) throws(RepositoryError) -> Int {
    sequenceReads.withLock { $0 += 1 }
    return try inner.lastSequence(of: type)
  }
  public func casesWithTimers(dueBy now: Instant) throws(RepositoryError) -> [String] {
    try inner.casesWithTimers(dueBy: now)
  }
  public func claimTimers(
    dueBy now: Instant, limit: Int, excluding: Set<String>, tick: Instant?,
    _ decide: ([String]) throws(ServiceError) -> [CaseChangeSet]
  ) throws(ServiceError) -> TimerClaim {
    try inner.claimTimers(dueBy: now, limit: limit, excluding: excluding, tick: tick, decide)
  }
  public func exclusively<Result>(claimingFor user: String, _ body: () throws(ServiceError) -> Result)
    throws(ServiceError) -> Result
  {
    if claimLockLeftOut.withLock({ $0 }) { return try body() }
    return try inner.exclusively(claimingFor: user, body)
  }
  public func lastTick() throws(RepositoryError) -> Instant? { try inner.lastTick() }
  public func storeAttachment(_ bytes: [UInt8], as file: AttachmentFile, case id: String) throws(RepositoryError)
    -> String
  { try inner.storeAttachment(bytes, as: file, case: id) }
  public func attachment(at place: String) throws(RepositoryError) -> [UInt8]? { try inner.attachment(at: place) }
  public func leaseNotifications(_ ids: [String], _ lease: NotificationLease, at now: Instant) throws(RepositoryError)
    -> [String]
  { try inner.leaseNotifications(ids, lease, at: now) }
  public func releaseNotifications(_ ends: [(id: String, end: LeaseEnd)], of owner: String) throws(RepositoryError) {
    try inner.releaseNotifications(ends, of: owner)
  }
  public func deliveryRecords() throws(RepositoryError) -> [String: DeliveryRecord] { try inner.deliveryRecords() }

  /// What `body` answered, and the deployment reads it made.
  public func reads<Answer>(_ body: () throws -> Answer) rethrows -> (answer: Answer, reads: Int) {
    deployedReads.withLock { $0 = 0 }
    let answer = try body()
    return (answer, deployedReads.withLock { $0 })
  }
}

extension CountingRepository where Inner == InMemoryCaseRepository {
  /// Over a new in-memory store.
  public convenience init() { self.init(InMemoryCaseRepository()) }
}

extension CountingRepository where Inner == InMemoryCaseRepository {
  /// A service over this store, its customers in `inner`, with the reference bundle deployed,
  /// at `RepositoryUnderTest.monday`: what the read-counting tests act through. Its lists are
  /// read through `queries` when given (a test's counting wrapper), else from `inner`.
  public func referenceService(queries: (any CaseQueries)? = nil) throws -> CaseService {
    let definitions = DefinitionsLoader(repository: self, zone: TimeZoneDatabase.rules(named:))
    var service = CaseService(
      repository: self, queries: queries ?? inner, definitions: definitions, directory: DeployedDirectory(definitions),
      clock: FixedClock(RepositoryUnderTest.monday))
    service.customers = inner
    _ = try service.deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes, by: nil)
    return service
  }
}
