import DCMCApplication
import DCMCRuntime

/// Every change to the store runs through `writing`, which first brings a store of an older
/// format to the current one (`docs/store.md`, "Upgrading from format 1").
extension FileCaseRepository {
  /// Runs `body` under the store's write lock, after the upgrade, if the store needs one.
  func writing<T>(_ body: (StoreTransaction) throws(StoreError) -> T) throws(StoreError) -> T {
    try store.write { transaction throws(StoreError) in
      try transaction.upgradeFormat { () throws(StoreError) in try rewriteStates(transaction) }
      return try body(transaction)
    }
  }

  /// Format 1 to 2. Histories are never rewritten: their format-1 records stay as they were
  /// acknowledged, and are read as they are; records appended from now on are in format 2,
  /// which is why `store.json` must then say 2, so that an older dcmc refuses the store. The
  /// state caches are derived, and rewritten here in format 2 from what the store reads (a
  /// current cache, else a replay of the history), with the chain of the history they were
  /// made from; a case that cannot be read (a corrupt
  /// history) keeps its cache for `store verify` to report, and a cache that cannot be
  /// written is reported like any derived file (`derivedFileFailed`). Each case is filed in
  /// the indexes format 1 did not have (`queues/`, `holders/`; an entry already there is
  /// kept). Run again after an interruption, it rewrites only the caches not yet in format 2.
  private func rewriteStates(_ transaction: StoreTransaction) throws(StoreError) {
    for stream in try store.streams() {
      guard let state = (try? read(stream)) ?? nil, let history = try? store.history(of: stream),
        history.lastSequence == state.version
      else { continue }
      let path = Self.statePath(stream)
      let bytes = StateCache.encode(state, history: HistoryChain(history.records))
      if try store.contents(of: path) != bytes { refresh(path, with: bytes, transaction) }
      if let change = try? IndexChange(before: nil, after: state) { try addEntries([change]) }
    }
  }
}
