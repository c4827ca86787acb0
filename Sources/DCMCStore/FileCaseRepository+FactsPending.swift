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
  /// How many settled changes the journal holds before their day files are flushed: what a
  /// power cut can make the next lock derive again (the facts of as many changes' histories),
  /// against one `fdatasync` per day file that often (16 before stop 23, `docs/store.md`).
  static let flushEvery = 64

  /// How `facts/pending` names a presence history: `presence ` and the user.
  static let presencePrefix = "presence "

  /// `facts/pending` held open for this lock (`FactsJournal`), with the descriptors the
  /// process's last lock kept (`HeldFactsFiles`); `nil` when the store keeps no facts (no
  /// `facts/`: made before them, until `store rebuild`).
  func openFactsJournal() throws(StoreError) -> FactsJournal? {
    try FactsJournal(store, path: Self.pendingFactsPath, days: Self.factsPath, held: heldFacts)
  }

  /// The day files, opened once each (`DayFiles`); read only when not `writing`.
  func dayFiles(writing: Bool) -> DayFiles { DayFiles(store, writing: writing, path: Self.factsPath) }

  /// `settlePendingFacts(_:_:checkingLogs:)` with the journal opened for it, then closed.
  func settlePendingFacts(_ transaction: StoreTransaction, checkingLogs: Bool = false) throws(RepositoryError) {
    guard let journal = try wrap({ () throws(StoreError) in try openFactsJournal() }) else { return }
    defer { journal.close() }
    try settlePendingFacts(journal, transaction, checkingLogs: checkingLogs)
  }

  /// Settles `facts/pending` under the lock, before a change: redoes the facts of an
  /// unsettled change, and flushes and empties a full journal, first redoing the facts of each
  /// history whose log is longer than its newest change recorded (a change written without a
  /// flush of its names, then lost to a power cut with its facts). `checkingLogs` (a reader,
  /// a rebuild) checks the logs and settles whenever one is ahead, full or not.
  func settlePendingFacts(_ journal: FactsJournal, _ transaction: StoreTransaction, checkingLogs: Bool = false)
    throws(RepositoryError)
  {
    let pending = journal.pending
    guard !pending.isEmpty else { return }
    let settled = try wrap { () throws(StoreError) in try isSettled(pending, journal.days) }
    let full = pending.changes.count >= Self.flushEvery
    guard !settled || full || checkingLogs else { return }
    let names = settled ? try wrap { () throws(StoreError) in try logsAhead(pending) } : pending.names
    if settled, !full, names.isEmpty { return }
    try empty(journal, redoing: names, transaction)
  }

  /// Writes the facts of the histories `names` again, then flushes every day file the journal
  /// names and empties it: its names leave only once the facts they cover are on disk.
  private func empty(_ journal: FactsJournal, redoing names: [String], _ transaction: StoreTransaction)
    throws(RepositoryError)
  {
    var days = Set(journal.pending.changes.flatMap { $0.written ?? [] }.map(\.day))
    if !names.isEmpty { days.formUnion(try redo(names, journal.days, transaction)) }
    try wrap { () throws(StoreError) in
      for day in days.sorted() { try journal.days.flush(day) }
      try journal.truncate(to: 0)
    }
  }

  /// The case histories whose log is not the length the journal's newest change naming them
  /// recorded (`PendingFacts.recordedEnds`): one `fstat` each.
  private func logsAhead(_ pending: PendingFacts) throws(StoreError) -> [String] {
    var ahead: [String] = []
    for (name, end) in pending.recordedEnds.sorted(by: { $0.key < $1.key }) {
      guard let stream = try? StoreID(name) else { continue }
      let file: FileDescriptor
      do {
        file = try io(store.fileSystem.open(Store.logPath(stream).absolute(in: store.root), .read))
      } catch where error.code == ENOENT {
        if end != 0 { ahead.append(name) }
        continue
      } catch where error.isNotRegularFile {
        continue  // its case is damaged, which its readers and `store verify` name
      }
      defer { store.fileSystem.close(file) }
      if try io(store.fileSystem.size(file)) != end { ahead.append(name) }
    }
    return ahead
  }

  /// Whether every change of the journal is settled, for a reader that takes no lock.
  func pendingFactsSettled() throws(RepositoryError) -> Bool {
    try wrap { () throws(StoreError) in
      let pending = PendingFacts(try store.contents(of: Self.pendingFactsPath) ?? [])
      let days = dayFiles(writing: false)
      defer { days.close() }
      guard try isSettled(pending, days) else { return false }
      return try logsAhead(pending).isEmpty
    }
  }

  /// The histories `facts/pending` names in changes that are not settled: their facts may be
  /// missing until the next change writes them.
  func unsettledPendingNames() throws(StoreError) -> [String] {
    let pending = PendingFacts(try store.contents(of: Self.pendingFactsPath) ?? [])
    let days = dayFiles(writing: false)
    defer { days.close() }
    let broken = try brokenRanges(pending, days)
    return pending.changes.filter { !isSettled($0, broken) }.flatMap(\.names) + (try logsAhead(pending))
  }

  /// Whether the case histories `names`, whose logs' valid lengths are `ends` before their
  /// appends, may be named in `facts/pending` without a flush (`again` lines): when each is
  /// already named by a flushed line of a settled change that recorded that length as its
  /// log's end. A power cut that keeps such an append but takes its lines and its facts leaves
  /// that log longer than the journal recorded, which the next change to it (here), the
  /// journal's next emptying or a reader (`logsAhead`) finds, and redoes. A log whose length
  /// differs already is settled so first: its facts redone and flushed, the journal emptied.
  func namedAlready(_ names: [String], ends: [Int], _ journal: FactsJournal, _ transaction: StoreTransaction)
    throws(RepositoryError) -> Bool
  {
    let pending = journal.pending
    let (recorded, durable) = (pending.recordedEnds, pending.durablyNamed)
    let lost = zip(names, ends).filter { name, end in recorded[name].map { $0 != end } ?? false }.map(\.0)
    guard lost.isEmpty else {
      try empty(journal, redoing: lost, transaction)
      return false
    }
    return zip(names, ends).allSatisfy { name, end in durable.contains(name) && recorded[name] == end }
  }

  /// Appends `names` to `facts/pending` (as `again` lines when `again`), not flushed: the
  /// caller flushes it with the batch's index entries (`flushBeforeAppends`), before their
  /// histories' appends, unless `again` (`namedAlready`); returns the journal's length before,
  /// to take them back (`FactsJournal.cut`).
  func markFactsPending(_ names: [String], again: Bool = false, _ journal: FactsJournal) throws(StoreError) -> Int {
    try journal.append(PendingFacts.encode(names: names, again: again))
  }

  /// Ends the change in `facts/pending` with where its facts went and, for case histories,
  /// each log's length after it (not flushed).
  func recordFactsWritten(_ ranges: [PendingFacts.Range], ends: [Int] = [], _ journal: FactsJournal) {
    do throws(StoreError) {
      _ = try journal.append(PendingFacts.encode(written: ranges, ends: ends))
    } catch {
      derivedFileFailed?(error)
    }
  }

  private func isSettled(_ pending: PendingFacts, _ days: DayFiles) throws(StoreError) -> Bool {
    let broken = try brokenRanges(pending, days)
    return pending.changes.allSatisfy { isSettled($0, broken) }
  }

  private func isSettled(_ change: PendingFacts.Change, _ broken: [PendingFacts.Range]) -> Bool {
    guard let written = change.written else { return false }
    return broken.isEmpty || !written.contains(where: broken.contains)
  }

  /// The ranges the journal's `written` lines name that do not hold whole facts: a power loss
  /// can leave a file its length with zeros, or part of a write, where the facts were. One
  /// read per day file, from its first range's start to its last range's end, of the ranges
  /// this process did not append to the file still at the path (`DayFiles.written`: whole,
  /// since no power cut came between). When no other process wrote the day file since the
  /// journal was emptied, the ranges it names of the day are those this process appended,
  /// in the same order (a change's `written` line lists its appends in order): one pass
  /// compares them, and none is read. Otherwise each named range is looked up among this
  /// process's (in a set: after another process's change, up to 64 rounds' ranges). What is
  /// returned is what is broken, mostly nothing, so a change's check is one pass too.
  private func brokenRanges(_ pending: PendingFacts, _ days: DayFiles) throws(StoreError) -> [PendingFacts.Range] {
    var broken: [PendingFacts.Range] = []
    let named = Dictionary(grouping: pending.changes.flatMap { $0.written ?? [] }, by: \.day)
    for (day, named) in named {
      guard let file = try days.existing(day) else {
        broken += named
        continue
      }
      let written = days.written(day)
      if written == named { continue }
      days.keepWritten(day, only: Set(named))
      let ours = Set(written)
      let ranges = named.filter { !ours.contains($0) }
      guard let from = ranges.map(\.from).min(), let to = ranges.map(\.to).max() else { continue }
      let bytes = try io(store.fileSystem.read(file, at: from, count: to - from))
      for range in ranges {
        let whole =
          range.to - from <= bytes.count
          && FactRecord.holdsWholeRecords(bytes[(range.from - from)..<(range.to - from)])
        if !whole { broken.append(range) }
      }
    }
    return broken
  }

  /// Writes the facts the histories `names` give that their day files lack; returns their days.
  private func redo(_ names: [String], _ days: DayFiles, _ transaction: StoreTransaction)
    throws(RepositoryError) -> Set<Int>
  {
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
    try wrap { () throws(StoreError) in try complete(facts, days, transaction) }
    return Set(facts.map { ReportFact.day(of: $0.at) })
  }

  /// Adds to their day files the facts of `facts` they do not hold (by key, in the day's
  /// records or its old CSV file). A day file with
  /// bytes that are not a whole fact (a write the crash tore) is rewritten with its whole
  /// facts and the missing ones.
  private func complete(_ facts: [ReportFact], _ days: DayFiles, _ transaction: StoreTransaction) throws(StoreError) {
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
        // Another file at the path: this lock's descriptor of the old one is closed.
        days.forget(day)
        try transaction.replaceCache(path, with: (held + missing).flatMap(FactRecord.encode))
      } else {
        _ = try appendFacts(missing, to: days, transaction)
      }
    }
  }
}
