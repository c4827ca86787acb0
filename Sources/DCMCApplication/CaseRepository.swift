public import DCMCBundle
public import DCMCCalendar
public import DCMCRuntime

/// The write side of a store, as the use cases need it: deployed bundles, each case's history
/// with its version, optimistic appends, the request ids that made cases, the numbering of
/// each case type, attachments and the tick mark.
///
/// A case's version is the sequence number of its last event (0: no case). Every append names
/// the version it was decided on and is refused as a `.conflict` when the case has moved since,
/// so two writers never both act on one state. An adapter keeps its indexes (workbins, timers)
/// in step with the states it is given, and may keep them as caches of the histories.
public protocol CaseRepository: Sendable {
  /// Keeps `bytes` (a sealed bundle) under its hash and makes it the bundle new cases start
  /// on; returns whether the bundle was new to the store. When the bundle new cases start on
  /// changes, the deployment is recorded in the history (`deployments()`) with `user` and
  /// `time` in the same atomic, durable change; a redeploy of the current bundle records
  /// nothing.
  func deploy(_ bundle: DefinitionBundle, bytes: [UInt8], by user: String?, at time: Instant?) throws(RepositoryError)
    -> Bool
  /// The hash of the bundle new cases start on; `nil` before the first deployment.
  func deployedBundle() throws(RepositoryError) -> String?
  /// The deployment history, oldest first: the last entry is the bundle new cases start on.
  /// A deployment kept before the store recorded its history is listed with no user or time.
  /// A page of it: the entries numbered after `after` (`nil`: from the first), at most
  /// `limit` (`nil`: all); `deployments()` is the whole history.
  func deployments(after: Int?, limit: Int?) throws(RepositoryError) -> [DeploymentRecord]
  /// What tells one version of the deployment from the next (it is replaced whole by each
  /// deployment, by this process or another), for `DefinitionsLoader`'s cache of it; `nil`:
  /// unknown, read it every time.
  func deploymentVersion() throws(RepositoryError) -> String?
  /// The tokens' version and the deployed bundle in one read, for a request that needs both
  /// (`StoreVersions`); `nil`: the store reads each on its own (`tokensVersion`,
  /// `deployedBundle`), which costs it no more.
  func storeVersions() throws(RepositoryError) -> StoreVersions?
  /// The bytes of a deployed bundle; `nil` when the store does not hold it.
  func bundle(_ hash: String) throws(RepositoryError) -> [UInt8]?

  /// The case as its history leaves it; `nil` when there is none.
  func load(_ id: String) throws(RepositoryError) -> CaseState?
  /// The case to decide a command on: as `load`, except that it may come from a cache that
  /// is behind the history (after a crash), which the append at its version then refuses as a
  /// conflict; the service decides again on `load`. Lets a store skip reading the history.
  func loadForUpdate(_ id: String) throws(RepositoryError) -> CaseState?
  /// Every event of a case, in order; `nil` when there is none.
  func history(of id: String) throws(RepositoryError) -> [CaseEvent]?

  /// Appends each change's events after the version its `before` had (0 for a new case), each
  /// change atomically and durably, in order. A change whose case moved on (or exists already,
  /// for a new one) is not written and answers `.conflict`. `tick`, when given, is recorded as
  /// the last tick once the changes are written, unless an earlier tick was later: the mark
  /// only moves forward.
  func append(_ changes: [CaseChangeSet], tick: Instant?) throws(RepositoryError) -> [AppendOutcome]
  /// Does the store's work on `changes` that depends on nothing its lock guards (the file
  /// store: encoding records, state caches, summary lines, facts, index entries), in the
  /// caller's thread, and returns them carrying it (`CaseChangeSet.prepared`), for `append`
  /// to write without redoing it. A change that is not prepared is appended the same way.
  /// Throws what `append` would for a change it refuses before writing (`.invalidID`).
  /// The default: nothing to prepare.
  func prepare(_ changes: [CaseChangeSet]) throws(RepositoryError) -> [CaseChangeSet]

  /// The case whose history records the request `id` (its creation, or a command's first
  /// event: `CaseChangeSet.request`); `nil` when none does. The service reads that history for
  /// the event (`CaseService.recorded`): a store may answer a case a crash kept from recording it.
  func caseRecording(request id: String) throws(RepositoryError) -> String?
  /// The highest number a case of `type` was given (`{seq}` in references); 0 for none.
  func lastSequence(of type: String) throws(RepositoryError) -> Int
  /// The ids of the cases whose next timer may be due by `now`, earliest first: every case
  /// whose next timer is due at or before `now`, and possibly a few more (an index kept to
  /// the minute names the cases due later in `now`'s minute); the tick decides each.
  func casesWithTimers(dueBy now: Instant) throws(RepositoryError) -> [String]
  /// Claims up to `limit` of the cases whose next timer is due by `now`, earliest first,
  /// leaving out `excluding` and the cases another claim holds; hands their ids to `decide`
  /// and appends the changes it returns (as `append`, with `tick`) while the claim holds, so
  /// no other claim decides on those cases before the changes are written. Returns the ids
  /// claimed (none: nothing due is left to this claim) and each change's outcome.
  /// `CaseRepository+Claim` is the claim of a store whose appends are checked at their
  /// version under its lock: every due case, a change that lost a race a `.conflict`.
  func claimTimers(
    dueBy now: Instant, limit: Int, excluding: Set<String>, tick: Instant?,
    _ decide: ([String]) throws(ServiceError) -> [CaseChangeSet]
  ) throws(ServiceError) -> TimerClaim
  /// Runs `body` as the only claim of `user` on this store at a time, across the threads and
  /// processes that share it (the CLI beside `dcmc serve`), so a claim's read of the user's
  /// load, its decision and its append are one step: two claims of one user cannot both see
  /// room for one more task. Other users' claims do not wait. The wait for another claim of
  /// `user` is bounded: past it, `.refused(.claimBusy)` and `body` does not run. The lock
  /// only wraps `body`'s reads and appends, which take the store's own locks as any
  /// command's (`FileCaseRepository+ClaimLock`, `PostgresCaseRepository+ClaimLock`,
  /// `InMemoryCaseRepository+ClaimLock`).
  func exclusively<Result>(claimingFor user: String, _ body: () throws(ServiceError) -> Result)
    throws(ServiceError) -> Result
  /// The latest instant a tick ran at; `nil` before the first.
  func lastTick() throws(RepositoryError) -> Instant?
  /// Keeps a copy of an attached file in case `id` under `file`'s name, durably, before the
  /// event that records it; returns where it is kept. A name stands for one content
  /// (`AttachmentFile`), so writing it again writes the same bytes.
  func storeAttachment(_ bytes: [UInt8], as file: AttachmentFile, case id: String)
    throws(RepositoryError) -> String

  /// The bytes kept at `place` (an attachment's `stored`, as `storeAttachment` returned it);
  /// `nil` when none are, or `place` names no attachment.
  func attachment(at place: String) throws(RepositoryError) -> [UInt8]?

  /// Leases to `lease.owner`, all under the store's lock, each of the notifications `ids` that
  /// is pending in its case and not held by another owner's lease that is still running at
  /// `now`: an expired lease is taken over, the owner's own is extended. Returns the ids
  /// leased, in the order given; an id that names no notification is left out.
  func leaseNotifications(_ ids: [String], _ lease: NotificationLease, at now: Instant) throws(RepositoryError)
    -> [String]
  /// Ends `owner`'s leases on the notifications of `ends`, all under the store's lock, and
  /// records how each ended; a notification whose lease another owner holds now (it took an
  /// expired one over) is left as it is.
  func releaseNotifications(_ ends: [(id: String, end: LeaseEnd)], of owner: String) throws(RepositoryError)
  /// The delivery records the store keeps, by notification id. A notification marked
  /// delivered by other means (`outbox ack`) may keep its record: readers look at its case.
  func deliveryRecords() throws(RepositoryError) -> [String: DeliveryRecord]
}

/// One case's events, with the state they were decided on and the state they lead to.
public struct CaseChangeSet: Sendable {
  /// The case before the events; `nil` for a new case.
  public var before: CaseState?
  public var events: [CaseEvent]
  /// The case after the events.
  public var after: CaseState
  /// Whether the command recorded anything: one the engine decides changes nothing (a value
  /// given again) has no events, and the case is as it was.
  public var recorded: Bool { !events.isEmpty }
  /// For a new case: the number its type gave it.
  public var sequence: Int?
  /// The request the change records (a creation's, or a command's on its first event), which
  /// the store's request index points at the case in the same append (`caseRecording`).
  public var request: String?
  /// The store's versions the change was decided on (`StoreVersions.fence`): the store
  /// writes it only while they are current, else refuses it (`VersionsMoved`); `nil`: no check.
  public var fence: Int?
  /// What the repository's `prepare` made of the change, opaque to everyone but that
  /// repository; `nil`: not prepared. Set last: a change altered after it must be prepared
  /// again.
  public var prepared: (any Sendable)?

  public init(before: CaseState?, events: [CaseEvent], after: CaseState, sequence: Int? = nil, request: String? = nil) {
    self.before = before
    self.events = events
    self.after = after
    self.sequence = sequence
    self.request = request
  }

  /// The version the events were decided on.
  public var expectedVersion: Int { before?.version ?? 0 }
}

/// What became of one change of an append.
public enum AppendOutcome: Sendable, Equatable {
  case appended
  /// The case is at `version`, not the version the change was decided on: nothing written.
  case conflict(version: Int)
}

/// An append of several changes that wrote them one transaction each and failed on some (the
/// PostgreSQL store's fallback after a batch's transaction was rolled back): `outcomes` holds
/// each change's outcome in the order given, `nil` for a change not written (or whose
/// commit is unknown), and `reason` is the first failure. Thrown as `.unavailable`: a caller
/// that appended for one requester fails; `GroupCommit` fails only the requests with a change
/// not written and acknowledges the others.
public struct PartialAppend: Error, Sendable, CustomStringConvertible {
  public var outcomes: [AppendOutcome?]
  public var reason: any Error & Sendable

  public init(outcomes: [AppendOutcome?], reason: any Error & Sendable) {
    self.outcomes = outcomes
    self.reason = reason
  }

  public var description: String { "\(reason)" }
}

extension CaseRepository {
  /// A deployment recorded by nobody at no time: for the tests and benchmarks that set a store
  /// up. A command's deployment goes through `CaseService.deploy`, which gives both.
  public func deploy(_ bundle: DefinitionBundle, bytes: [UInt8]) throws(RepositoryError) -> Bool {
    try deploy(bundle, bytes: bytes, by: nil, at: nil)
  }
  /// The whole deployment history, oldest first (`deployments(after:limit:)`).
  public func deployments() throws(RepositoryError) -> [DeploymentRecord] { try deployments(after: nil, limit: nil) }
  /// A store that cannot tell its deployments apart cheaply: the deployment is read every time.
  public func deploymentVersion() throws(RepositoryError) -> String? { nil }
  /// A store whose reads are local (files, memory): each is read on its own.
  public func storeVersions() throws(RepositoryError) -> StoreVersions? { nil }
  /// A store whose appends have nothing to do before their lock (memory, PostgreSQL).
  public func prepare(_ changes: [CaseChangeSet]) throws(RepositoryError) -> [CaseChangeSet] { changes }
}
