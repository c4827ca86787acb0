public import DCMCApplication
import DCMCFiles
import DCMCJSON
import DCMCRuntime

/// Presence appends of the file store, a batch at a time (a tick's RONAs and wrap-up ends):
/// under the write lock every log is opened and its length checked against the version its
/// change was decided on, the facts journal's line, the derived entries the batch adds and its
/// new logs (`LogBatch.stage`) are written and flushed together (`flushBeforeAppends`: one
/// `syncfs` for the journal, the index directories, `ready/` and `wrapups/`, and the new logs),
/// every existing log is written, then one flush makes them all durable (`LogBatch.commit`: one
/// `syncfs` for several logs, where PushBenchmark's tick paid an `fdatasync` per log), then
/// the entries the batch ends are removed; at most `batchSize` logs are open at once. A batch
/// whose writes or flush fail is undone whole.
extension FileCaseRepository {
  public func appendPresence(_ changes: [PresenceChangeSet]) throws(RepositoryError) -> [AppendOutcome] {
    guard !changes.isEmpty else { return [] }
    let streams = try changes.map { change throws(RepositoryError) in try Self.id(change.after.user) }
    let items = zip(streams, changes).map { $0 }
    // At most `batchSize` logs are open at once, as for case appends.
    return try locked { transaction throws(RepositoryError) in
      // The facts journal, open for the whole lock (nil: the store keeps no facts).
      let journal = try wrap { () throws(StoreError) in try openFactsJournal() }
      defer { journal?.close() }
      if let journal { try settlePendingFacts(journal, transaction) }
      return try wrap { () throws(StoreError) in
        var outcomes: [AppendOutcome] = []
        for start in stride(from: 0, to: items.count, by: Self.batchSize) {
          outcomes += try appendPresence(
            Array(items[start..<min(start + Self.batchSize, items.count)]), journal, transaction)
        }
        return outcomes
      }
    }
  }

  /// `appendPresence(_:)` under the lock.
  private func appendPresence(
    _ changes: [(StoreID, PresenceChangeSet)], _ facts: FactsJournal?, _ transaction: StoreTransaction
  ) throws(StoreError) -> [AppendOutcome]
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
    let journal = try facts.map { facts throws(StoreError) in
      try markFactsPending(accepted.map { Self.presencePrefix + $0.stream.rawValue }, facts)
    }
    // The journal, the entries the batch adds and its new logs written, then flushed together,
    // as for cases (`LogBatch`).
    var batch = LogBatch(
      accepted.map { ($0.log, $0.opened, HistoryLog.Command($0.change.events.map { $0.json.compact() }, after: $0.opened.count)) })
    do throws(StoreError) {
      var directories = try readyIndex.insert(
        accepted.filter { $0.change.after.status == .ready && $0.change.before.status != .ready }
          .map { .init(entry: $0.stream, key: [], donor: nil) })
      directories += try wrapUpIndex.insert(
        accepted.compactMap { item in
          Self.wrapUpKey(of: item.change.after).flatMap { key in
            key == Self.wrapUpKey(of: item.change.before) ? nil : .init(entry: item.stream, key: key, donor: nil)
          }
        })
      try batch.stage()
      try flushBeforeAppends(journal: facts, directories: directories, staged: batch.staged, transaction)
    } catch {
      batch.undo()
      if let journal { facts?.cut(to: journal) }
      throw error
    }
    // Every existing log written, then one flush for all (`LogBatch.commit`): the batch's commit
    // point. When it fails, nothing of the batch happened: the logs and the journal go back
    // (the entries added point at users no longer ready or in wrap-up, which readers allow for).
    do throws(StoreError) {
      try batch.write()
      _ = try batch.commit()
    } catch {
      batch.undo()
      if let journal { facts?.cut(to: journal) }
      throw error
    }
    // Facts not all written: the journal stays unsettled, and the next change or reader redoes them.
    if let facts {
      var ranges: [PendingFacts.Range]? = []
      for item in accepted {
        ranges = ranges.flatMap { done in
          writeFacts(ReportFact.facts(of: item.change), to: facts.days, transaction).map { done + $0 }
        }
      }
      if let ranges { recordFactsWritten(ranges, facts) }
    }
    // The flush is the commit point: the entries of the users who left ready or their wrap-up
    // go after.
    for item in accepted {
      let (before, after, stream) = (item.change.before, item.change.after, item.stream)
      if before.status == .ready, after.status != .ready { try readyIndex.remove(stream, under: []) }
      if let key = Self.wrapUpKey(of: before), key != Self.wrapUpKey(of: after) {
        try wrapUpIndex.remove(stream, under: key)
      }
    }
    return outcomes
  }
}
