public import DCMCApplication
import DCMCRuntime

/// A change's store work that depends on nothing the write lock guards, done before the lock
/// (`docs/store.md`, "Group commit"): `GroupCommit` has each request prepare its changes in
/// its own thread before they join a round, so the round's leader, under the lock, only
/// checks versions, writes prepared bytes, flushes and renames. An append given a change not
/// prepared (the CLI, a tick) prepares it under the lock, the same way: the bytes written do
/// not depend on where they were made.
extension FileCaseRepository {
  /// What an append writes for one change, made from the change alone:
  /// - its id and index entries (`IndexChange`; a name the indexes refuse is refused here);
  /// - its records, numbered after the version it was decided on (`HistoryLog.Command`):
  ///   the append writes them only after checking, under the lock, that the log is at that
  ///   version;
  /// - its report facts' records, when they come from the change alone (`preparedFacts`) and
  ///   were asked for (`nil`: made under the lock when the store keeps facts);
  /// - for a new case, its state cache and customer summary line, which depend on the log's
  ///   chain and tail after the append: made for an empty log (`Initial`) and used only when
  ///   the append finds those, else made again under the lock.
  ///
  /// A conflicting change's prepared bytes are dropped with it.
  final class PreparedCaseChange: Sendable {
    let stream: StoreID
    let index: IndexChange
    let command: HistoryLog.Command
    let facts: [FactRecords]?
    let initial: Initial?

    /// A new case's derived files, for the chain and tail its log has after its first append.
    struct Initial: Sendable {
      let chain: HistoryChain
      let tail: LogTail
      let state: [UInt8]
      /// `nil`: the case is linked to no customer record.
      let summary: [UInt8]?
    }

    init(_ change: CaseChangeSet, facts withFacts: Bool) throws(RepositoryError) {
      let id = try FileCaseRepository.id(change.after.id)
      (stream, index) = (id, try IndexChange(before: change.before, after: change.after))
      command = HistoryLog.Command(change.events.map { $0.compactJSON(caseID: id.rawValue) }, after: change.expectedVersion)
      facts = withFacts ? FileCaseRepository.preparedFacts(of: change) : nil
      guard change.before == nil else {
        initial = nil
        return
      }
      let chain = HistoryChain.empty.extended(with: command.records)
      let tail = command.tail(at: 0)
      initial = Initial(
        chain: chain, tail: tail, state: StateCache.encode(change.after, history: chain),
        summary: change.after.customer.map { _ in CustomerSummaries.line(change.after, history: chain, tail: tail) })
    }

    /// The chain of a log at `base` after the command: a new case's made already.
    func chain(after base: HistoryChain) -> HistoryChain {
      if let initial, base == .empty { return initial.chain }
      return base.extended(with: command.records)
    }

    /// The state cache for the chain the append left the log with.
    func state(_ change: CaseChangeSet, history chain: HistoryChain) -> [UInt8] {
      if let initial, initial.chain == chain { return initial.state }
      return StateCache.encode(change.after, history: chain)
    }

    /// The customer summary line for the chain and tail the append left the log with.
    func summary(_ change: CaseChangeSet, history chain: HistoryChain, tail: LogTail) -> [UInt8] {
      if let initial, let summary = initial.summary, initial.chain == chain, initial.tail == tail { return summary }
      return CustomerSummaries.line(change.after, history: chain, tail: tail)
    }
  }

  /// Each change with its `PreparedCaseChange` (`CaseChangeSet.prepared`), made in the caller's
  /// thread; throws `.invalidID` for a change whose id or index names the store refuses, as
  /// its append would.
  public func prepare(_ changes: [CaseChangeSet]) throws(RepositoryError) -> [CaseChangeSet] {
    var prepared = changes
    for position in prepared.indices {
      prepared[position].prepared = try PreparedCaseChange(changes[position], facts: true)
    }
    return prepared
  }

  /// The change's `PreparedCaseChange`: the one `prepare` attached, while it still fits the
  /// change (its case, and records numbered after the version the append checks), or one made
  /// now (under the lock: its facts are made only if the store keeps facts,
  /// `writeFacts(of:prepared:to:_:)`). So `HistoryLog.write`'s numbering holds whatever a
  /// caller did to a change after preparing it.
  static func prepared(_ change: CaseChangeSet) throws(RepositoryError) -> PreparedCaseChange {
    if let prepared = change.prepared as? PreparedCaseChange, prepared.stream.rawValue == change.after.id,
      prepared.command.after == change.expectedVersion
    {
      return prepared
    }
    return try PreparedCaseChange(change, facts: false)
  }
}
