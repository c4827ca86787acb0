public import DCMCApplication
import DCMCFiles
import DCMCJSON
import DCMCRuntime

/// Presence appends of the file store, a batch at a time (a tick's RONAs and wrap-up ends):
/// under the write lock every log is opened and its length checked against the version its
/// change was decided on, the derived entries the batch adds are added (each index directory
/// flushed once: `ready/` and `wrapups/`), every log is written, then every log is flushed, in
/// order, then the entries the batch ends are removed; at most `batchSize` logs are open at
/// once. Each log still costs its own `fdatasync` (PushBenchmark's tick: 2,000 of them for
/// 1,000 expiries, half of them the case logs'): what the batch saves is a lock and an index
/// flush per user.
extension FileCaseRepository {
  public func appendPresence(_ changes: [PresenceChangeSet]) throws(RepositoryError) -> [AppendOutcome] {
    guard !changes.isEmpty else { return [] }
    let streams = try changes.map { change throws(RepositoryError) in try Self.id(change.after.user) }
    let items = zip(streams, changes).map { $0 }
    // At most `batchSize` logs are open at once, as for case appends.
    return try locked { transaction throws(RepositoryError) in
      try settlePendingFacts(transaction)
      return try wrap { () throws(StoreError) in
        var outcomes: [AppendOutcome] = []
        for start in stride(from: 0, to: items.count, by: Self.batchSize) {
          outcomes += try appendPresence(Array(items[start..<min(start + Self.batchSize, items.count)]), transaction)
        }
        return outcomes
      }
    }
  }

  /// `appendPresence(_:)` under the lock.
  private func appendPresence(_ changes: [(StoreID, PresenceChangeSet)], _ transaction: StoreTransaction)
    throws(StoreError) -> [AppendOutcome]
  {
    var outcomes: [AppendOutcome] = []
    var accepted: [(log: HistoryLog, opened: HistoryLog.Opened, change: PresenceChangeSet, stream: StoreID)] = []
    defer { for item in accepted { item.log.close(item.opened) } }
    for (stream, change) in changes {
      if let earlier = accepted.first(where: { $0.stream == stream }) {
        outcomes.append(.conflict(version: earlier.change.after.version))
        continue
      }
      let log = presenceLog(stream)
      let opened = try log.open()
      guard opened.count == change.expectedVersion else {
        log.close(opened)
        outcomes.append(.conflict(version: opened.count))
        continue
      }
      outcomes.append(.appended)
      accepted.append((log, opened, change, stream))
    }
    guard !accepted.isEmpty else { return outcomes }
    if accepted.contains(where: { $0.opened.count == 0 }) { try transaction.makeDirectory(StorePath([Self.presence])) }
    // The report facts' journal names the batch's histories before their appends.
    let journal = try markFactsPending(accepted.map { Self.presencePrefix + $0.stream.rawValue })
    do throws(StoreError) {
      try readyIndex.add(
        accepted.filter { $0.change.after.status == .ready && $0.change.before.status != .ready }
          .map { .init(entry: $0.stream, key: [], donor: nil) })
      try wrapUpIndex.add(
        accepted.compactMap { item in
          Self.wrapUpKey(of: item.change.after).flatMap { key in
            key == Self.wrapUpKey(of: item.change.before) ? nil : .init(entry: item.stream, key: key, donor: nil)
          }
        })
    } catch {
      if let journal { unmarkFactsPending(journal) }
      throw error
    }
    var written: [(item: Int, written: HistoryLog.Written)] = []
    var failure: StoreError?
    for (position, item) in accepted.enumerated() {
      do throws(StoreError) {
        written.append((position, try item.log.write(item.change.events.map { $0.json.compact() }, to: item.opened)))
      } catch {
        failure = error
        break
      }
    }
    for (position, entry) in written.enumerated() {
      do throws(StoreError) { try accepted[entry.item].log.flush(entry.written) } catch {
        // This change and those after it did not happen: nothing of theirs is durable.
        for later in written[(position + 1)...] { accepted[later.item].log.cutBack(later.written) }
        written.removeSubrange(position...)
        failure = error
        break
      }
    }
    if let journal {
      // Nothing appended: the journal goes back as it was. Facts not all written: the journal
      // stays unsettled, and the next change or reader redoes them.
      if written.isEmpty {
        unmarkFactsPending(journal)
      } else {
        var ranges: [PendingFacts.Range]? = []
        for entry in written {
          ranges = ranges.flatMap { done in
            writeFacts(ReportFact.facts(of: accepted[entry.item].change), transaction).map { done + $0 }
          }
        }
        if let ranges { recordFactsWritten(ranges) }
      }
    }
    // The appends are the commit points: the entries of the users who left ready or their
    // wrap-up go after.
    for entry in written {
      let (before, after) = (accepted[entry.item].change.before, accepted[entry.item].change.after)
      let stream = accepted[entry.item].stream
      if before.status == .ready, after.status != .ready { try readyIndex.remove(stream, under: []) }
      if let key = Self.wrapUpKey(of: before), key != Self.wrapUpKey(of: after) {
        try wrapUpIndex.remove(stream, under: key)
      }
    }
    if let failure { throw failure }
    return outcomes
  }
}
