import DCMCApplication
import DCMCFiles
import DCMCRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `facts/pending` (`PendingFacts`, `docs/store.md`, "Report facts"): what keeps the facts
/// whole through a crash or a power loss with one extra flush per change.
///
/// A change appends its histories' names to it and flushes it (with its index entries, one
/// commit on ext4) before the histories' appends;
/// after them it appends their facts to the day files and a `written` line, neither flushed.
/// The day files are flushed, and the journal emptied, only at the next change (or reader)
/// that finds `flushEvery` settled changes in it, so a pending line never goes before the
/// facts it covers are on disk. A change it finds unsettled (cut short, or whose facts a
/// power loss took) has its histories' facts written again, and flushed, first.
extension FileCaseRepository {
  /// How many settled changes the journal holds before their day files are flushed.
  static let flushEvery = 16

  /// How `facts/pending` names a presence history: `presence ` and the user.
  static let presencePrefix = "presence "

  /// Settles `facts/pending` under the lock, before a change: redoes the facts of an
  /// unsettled change, and flushes and empties a full journal.
  func settlePendingFacts(_ transaction: StoreTransaction) throws(RepositoryError) {
    let bytes = try wrap { () throws(StoreError) in try store.contents(of: Self.pendingFactsPath) }
    guard let bytes else { return }
    let pending = PendingFacts(bytes)
    guard !pending.isEmpty else { return }
    let settled = try wrap { () throws(StoreError) in try isSettled(pending) }
    guard !settled || pending.changes.count >= Self.flushEvery else { return }
    var days = Set(pending.changes.flatMap { $0.written ?? [] }.map(\.day))
    if !settled { days.formUnion(try redo(pending.names, transaction)) }
    try wrap { () throws(StoreError) in
      for day in days.sorted() { try flushFacts(Self.factsPath(day: day)) }
      try transaction.replaceCache(Self.pendingFactsPath, with: [])
    }
  }

  /// Whether every change of the journal is settled, for a reader that takes no lock.
  func pendingFactsSettled() throws(RepositoryError) -> Bool {
    try wrap { () throws(StoreError) in
      try isSettled(PendingFacts(try store.contents(of: Self.pendingFactsPath) ?? []))
    }
  }

  /// The histories `facts/pending` names in changes that are not settled: their facts may be
  /// missing until the next change writes them.
  func unsettledPendingNames() throws(StoreError) -> [String] {
    let pending = PendingFacts(try store.contents(of: Self.pendingFactsPath) ?? [])
    let whole = try wholeRanges(pending)
    return pending.changes.filter { !isSettled($0, whole) }.flatMap(\.names)
  }

  /// Appends `names` to `facts/pending`, not flushed: the caller flushes it with the batch's
  /// index entries (`flushFacts(pendingFactsPath)`, then their directories), before their
  /// histories' appends; returns the journal's length before (to take them back), or `nil`
  /// when the store keeps no facts (no `facts/`: made before them, until `store rebuild`).
  func markFactsPending(_ names: [String]) throws(StoreError) -> Int? {
    let file: FileDescriptor
    do {
      file = try io(store.fileSystem.open(Self.pendingFactsPath.absolute(in: store.root), .lockFile))
    } catch where error.code == ENOENT {
      return nil
    }
    defer { store.fileSystem.close(file) }
    let length = try io(store.fileSystem.size(file))
    do throws(StoreError) {
      try io(store.fileSystem.write(file, PendingFacts.encode(names: names), at: length))
    } catch {
      unmarkFactsPending(length)
      throw error
    }
    return length
  }

  /// Takes back what `markFactsPending` added when the appends did not happen; if that fails
  /// too, the names stay, which only makes the next change write their facts again.
  func unmarkFactsPending(_ length: Int) {
    guard let file = try? store.fileSystem.open(Self.pendingFactsPath.absolute(in: store.root), .readWrite) else {
      return
    }
    defer { store.fileSystem.close(file) }
    try? store.fileSystem.truncate(file, to: length)
  }

  /// Ends the change in `facts/pending` with where its facts went (not flushed).
  func recordFactsWritten(_ ranges: [PendingFacts.Range]) {
    do throws(StoreError) {
      let file = try io(store.fileSystem.open(Self.pendingFactsPath.absolute(in: store.root), .readWrite))
      defer { store.fileSystem.close(file) }
      let length = try io(store.fileSystem.size(file))
      try io(store.fileSystem.write(file, PendingFacts.encode(written: ranges), at: length))
    } catch {
      derivedFileFailed?(error)
    }
  }

  private func isSettled(_ pending: PendingFacts) throws(StoreError) -> Bool {
    let whole = try wholeRanges(pending)
    return pending.changes.allSatisfy { isSettled($0, whole) }
  }

  private func isSettled(_ change: PendingFacts.Change, _ whole: Set<PendingFacts.Range>) -> Bool {
    guard let written = change.written else { return false }
    return written.allSatisfy(whole.contains)
  }

  /// The ranges the journal's `written` lines name that hold whole facts: a power loss can
  /// leave a file its length with zeros, or part of a write, where the facts were.
  private func wholeRanges(_ pending: PendingFacts) throws(StoreError) -> Set<PendingFacts.Range> {
    var whole = Set<PendingFacts.Range>()
    let ranges = Dictionary(grouping: pending.changes.flatMap { $0.written ?? [] }, by: \.day)
    for (day, ranges) in ranges {
      let file: FileDescriptor
      do {
        file = try io(store.fileSystem.open(Self.factsPath(day: day).absolute(in: store.root), .read))
      } catch where error.code == ENOENT {
        continue
      }
      defer { store.fileSystem.close(file) }
      for range in ranges {
        let bytes = try io(store.fileSystem.read(file, at: range.from, count: range.to - range.from))
        var bad = false
        FactRecord.each(bytes, bad: { _, _ in bad = true }) { _ in }
        if bytes.count == range.to - range.from, !bad { whole.insert(range) }
      }
    }
    return whole
  }

  /// Flushes a day file's data (`fdatasync`); a missing file is accepted.
  func flushFacts(_ path: StorePath) throws(StoreError) {
    let file: FileDescriptor
    do {
      file = try io(store.fileSystem.open(path.absolute(in: store.root), .read))
    } catch where error.code == ENOENT {
      return
    }
    defer { store.fileSystem.close(file) }
    try io(store.fileSystem.synchronize(file, .data))
  }

  /// Writes the facts the histories `names` give that their day files lack; returns their days.
  private func redo(_ names: [String], _ transaction: StoreTransaction) throws(RepositoryError) -> Set<Int> {
    var facts: [ReportFact] = []
    for name in names {
      if name.hasPrefix(Self.presencePrefix) {
        let user = String(name.dropFirst(Self.presencePrefix.count))
        guard let events = try? presenceHistory(of: user) else { continue }
        facts += ReportFact.facts(
          of: PresenceChangeSet(
            before: PresenceState(user: user), events: events,
            after: PresenceState.replay(events) ?? PresenceState(user: user)))
      } else {
        guard let events = try? history(of: name) else { continue }
        facts += ReportFact.facts(of: events, after: nil)
      }
    }
    try wrap { () throws(StoreError) in try complete(facts, transaction) }
    return Set(facts.map { ReportFact.day(of: $0.at) })
  }

  /// Adds to their day files the facts of `facts` they do not hold (by key, in the day's
  /// records or its old CSV file). A day file with
  /// bytes that are not a whole fact (a write the crash tore) is rewritten with its whole
  /// facts and the missing ones.
  private func complete(_ facts: [ReportFact], _ transaction: StoreTransaction) throws(StoreError) {
    var byDay: [Int: [ReportFact]] = [:]
    for fact in facts { byDay[ReportFact.day(of: fact.at), default: []].append(fact) }
    for (day, facts) in byDay.sorted(by: { $0.key < $1.key }) {
      let path = Self.factsPath(day: day)
      var held: [ReportFact] = []
      var torn = false
      if let bytes = try store.contents(of: path) { FactRecord.each(bytes, bad: { _, _ in torn = true }) { held.append($0) } }
      var keys = Set(held.map(FactKey.init))
      // A day an earlier dcmc wrote as CSV holds facts too (its journal's ranges are its own).
      FactLine.each(try store.contents(of: Self.legacyFactsPath(day: day)) ?? []) { keys.insert(FactKey($0)) }
      let missing = facts.filter { keys.insert(FactKey($0)).inserted }
      if torn {
        try transaction.replaceCache(path, with: (held + missing).flatMap(FactRecord.encode))
      } else {
        _ = try appendFacts(missing, transaction)
      }
    }
  }
}
