public import DCMCApplication
public import DCMCCalendar
import DCMCJSON
public import DCMCRuntime

extension FileCaseRepository {
  /// The case rebuilt from its history; `nil` when there is none.
  ///
  /// The history is always read and validated; the state cache is used only when it was
  /// written after the history's last event (same version), since decoding one state costs
  /// far less than decoding every event.
  public func load(_ id: String) throws(RepositoryError) -> CaseState? {
    try read(try Self.id(id))
  }

  /// A case rebuilt from its history; `nil` when there is none.
  ///
  /// The history is always read and validated; the state cache is used only when it was
  /// written after the history's last event (same version), since decoding one state costs
  /// far less than decoding every event. The records are kept only when the cache is stale.
  /// A case whose log is corrupt, shorter than its state recorded, missing while its state is
  /// there, or another case's is `.damaged`: it is never served rolled back.
  func read(_ id: StoreID) throws(RepositoryError) -> CaseState? {
    // A missing or torn cache (or not a regular file) means a replay; a file that cannot be
    // read fails the command like any other read before the commit point. The cache is read before the log: an
    // append flushes its events before it replaces the state, so a log read after the state
    // reaches at least what the state recorded even while another process appends (readers
    // take no lock), and a shorter one is damage, never a race.
    let cached = try cache(of: id)
    let scan: History.Scan?
    do throws(StoreError) { scan = try store.log(id).scan() } catch { throw Self.damaged(id, error) }
    guard let scan else {
      if let cached { throw .damaged(Self.missingLog(id, cached)) }
      return nil
    }
    if let cached {
      if let loss = Self.loss(id, end: scan.count, cached) { throw .damaged(loss) }
      if cached.state.version == scan.count {
        if let recorded = cached.history, recorded != scan.chain {
          throw .damaged(Self.divergence(id, recorded))
        }
        return cached.state
      }
    }
    return scan.count == 0 ? nil : try replay(id, checking: cached)
  }

  /// The state cache when it is whole and is this case's, without reading the log (the append
  /// checks the version under the lock); otherwise `load`.
  public func loadForUpdate(_ id: String) throws(RepositoryError) -> CaseState? {
    let stream = try Self.id(id)
    if let cached = try cache(of: stream) { return cached.state }
    return try read(stream)
  }

  public func history(of id: String) throws(RepositoryError) -> [CaseEvent]? {
    let stream = try Self.id(id)
    guard let history = try wrap({ () throws(StoreError) in try store.history(of: stream) }) else { return nil }
    return try wrap { () throws(StoreError) in try Self.events(history, of: stream) }
  }

  /// Appends under the write lock, in batches of at most `batchSize` cases (the logs of a
  /// batch are open together). In each batch every case's version is checked against its log,
  /// opened, read and validated under the lock (the read the append then extends); the facts
  /// journal's line, the index entries of the batch and its new logs (each whole in its
  /// temporary file) are written first, then flushed (`flushBeforeAppends`: one `syncfs`, or
  /// the journal's and one directory's own flushes), then each existing case's events are written to
  /// its log and each new log renamed into place, and one flush makes them all durable
  /// (`LogBatch.commit`: one `syncfs` for a batch of several logs, the log's `fdatasync` or
  /// the new log's directory's `fsync` for one): the commit point of every case of the batch, none
  /// acknowledged before it. The files derived from them
  /// follow; failing to write one does not undo the command (`derivedFileFailed`). A batch
  /// whose writes or flush fail is undone whole and the error thrown: the batches before it
  /// have happened.
  public func append(_ changes: [CaseChangeSet], tick: Instant?) throws(RepositoryError) -> [AppendOutcome] {
    try locked { transaction throws(RepositoryError) in
      // The facts journal, open for the whole lock (nil: the store keeps no facts).
      let journal = try wrap { () throws(StoreError) in try openFactsJournal() }
      defer { journal?.close() }
      if let journal { try settlePendingFacts(journal, transaction) }
      let last = try tick.flatMap { _ throws(RepositoryError) in try lastTick() }
      var outcomes: [AppendOutcome] = []
      var changed: [CaseState] = []
      for start in stride(from: 0, to: changes.count, by: Self.batchSize) {
        let batch = changes[start..<min(start + Self.batchSize, changes.count)]
        let appended = try append(batch, journal, transaction)
        outcomes += appended
        changed += zip(batch, appended).filter { $0.1 == .appended }.map(\.0.after)
      }
      if let tick { try finishTick(at: tick, after: last, changed: changed, transaction) }
      return outcomes
    }
  }

  /// The most cases one batch of an append holds open at once.
  static let batchSize = 256

  /// One batch of `append(_:tick:)`, under the lock. What each change writes was made from
  /// the change alone, before the lock when the change was prepared (`PreparedCaseChange`); here
  /// only what depends on the store: versions, the log's chain and tail, the files written.
  private func append(_ changes: ArraySlice<CaseChangeSet>, _ facts: FactsJournal?, _ transaction: StoreTransaction)
    throws(RepositoryError) -> [AppendOutcome]
  {
    var outcomes: [AppendOutcome] = []
    // `cached`: the state cache's length, read under the lock (`nil`: none, or not read).
    var ready:
      [(
        stream: StoreID, log: HistoryLog.Opened, chain: HistoryChain, change: CaseChangeSet,
        prepared: PreparedCaseChange, cached: Int?
      )] = []
    defer { for item in ready { transaction.close(item.log, of: item.stream) } }
    // The requests of the changes taken so far, with their cases.
    var requested: [String: String] = [:]
    for change in changes {
      // Before the log is opened: a name the indexes refuse leaves nothing open.
      let prepared = try Self.prepared(change)
      let stream = prepared.stream
      let log = try wrap { () throws(StoreError) in try transaction.open(stream) }
      // A state whose log is missing is a damaged case, not a free id: a new case under its id
      // would write over the evidence.
      let orphan = log.file == nil ? try cache(of: stream).map(Self.recorded) : nil
      guard log.count == change.expectedVersion, orphan == nil else {
        transaction.close(log, of: stream)
        outcomes.append(.conflict(version: orphan ?? log.count))
        continue
      }
      // The log's chain, which its scan computed; a cache at its length whose chain differs says
      // the log is not the one the case was decided on: the service reads the case again, and
      // finds the damage.
      let chain = log.scan?.chain ?? .empty
      let recorded: (chain: HistoryChain?, length: Int?)
      do throws(RepositoryError) { recorded = log.count > 0 ? try recordedHistory(of: stream) : (nil, nil) } catch {
        transaction.close(log, of: stream)
        throw error
      }
      if let cachedChain = recorded.chain, cachedChain.sequence == log.count, cachedChain != chain {
        transaction.close(log, of: stream)
        outcomes.append(.conflict(version: log.count))
        continue
      }
      // A request another case records is that case's, under the lock: of two commands sent
      // with one id on two cases at the same moment, both past the service's check, the second
      // is not written and answers a conflict; deciding again, the service finds the first
      // case's and refuses it. (Before 8 December 2026 both were written, the second's entry
      // over the first's.)
      let taken: Bool
      do throws(RepositoryError) {
        taken = try change.request.map { request throws(RepositoryError) in
          try requestTaken(request, by: change.after.id, batch: requested)
        } ?? false
      } catch {
        transaction.close(log, of: stream)
        throw error
      }
      if taken {
        transaction.close(log, of: stream)
        outcomes.append(.conflict(version: log.count))
        continue
      }
      if let request = change.request { requested[request] = change.after.id }
      outcomes.append(.appended)
      ready.append((stream, log, chain, change, prepared, recorded.length))
    }
    // Before anything is written: a request id the store refuses leaves nothing to undo.
    let requests = try ready.map { item throws(RepositoryError) in try item.change.request.map(Self.id) }
    // The pending facts' journal before the appends (nil: the store keeps no facts).
    // (`again`: every history is named by an earlier flushed line: the journal needs no flush).
    var journal: Int?
    var again = false
    if let facts, !ready.isEmpty {
      let names = ready.map(\.stream.rawValue)
      again = try namedAlready(names, ends: ready.map { $0.log.scan?.validLength ?? 0 }, facts, transaction)
      do throws(StoreError) { journal = try markFactsPending(names, again: again, facts) } catch {
        throw .unavailable(error)
      }
    }
    // The journal's line, the index entries and the new logs (each whole in its temporary file,
    // `LogBatch.stage`) written, then flushed (`flushBeforeAppends`), before any log is changed.
    let indexChanges = ready.map(\.prepared.index)
    var batch = LogBatch(ready.map { item in (store.log(item.stream), item.log, item.prepared.command) })
    do throws(StoreError) {
      let directories = try insertEntries(indexChanges)
      try batch.stage()
      try flushBeforeAppends(
        journal: journal != nil && !again ? facts : nil, directories: directories, staged: batch.staged, transaction)
    } catch {
      batch.undo()
      undoEntries(indexChanges)
      if let journal { facts?.cut(to: journal) }
      throw .unavailable(error)
    }
    // Every change's request recorded, then the existing logs' records written; then one flush
    // makes the batch's logs durable together (`LogBatch.commit`): the commit point of every
    // change of the batch.
    var indexed: [(path: StorePath, previous: [UInt8]?)] = []
    let appended: [HistoryLog.Written]
    do throws(StoreError) {
      for (item, request) in zip(ready, requests) {
        // A change's request is recorded before the case: a crash between the two leaves a
        // request pointing at no case, or at one that does not record it (another request may
        // make the case later, which the lookup tells apart by the requests its history
        // records), and the retry makes or changes it.
        if let request, case .some(let previous) = try index(request, to: item.change.after.id, transaction) {
          indexed.append((Self.requestPath(request), previous))
        }
      }
      try batch.write()
      appended = try batch.commit()
    } catch {
      // Nothing of the batch happened: its logs, requests and index entries go back.
      batch.undo()
      for request in indexed.reversed() { restore(request.path, to: request.previous, transaction) }
      undoEntries(indexChanges)
      if let journal { facts?.cut(to: journal) }
      throw .unavailable(error)
    }
    // The flush is the commit point: the cases have changed, whatever happens to the files
    // derived from them. Each numbering file written once a batch, with the highest number the
    // batch took of its type (a round of creates takes numbers in no particular order).
    var numbered: [String: Int] = [:]
    for item in ready {
      if let sequence = item.change.sequence { numbered[item.change.after.type] = max(numbered[item.change.after.type] ?? 0, sequence) }
    }
    for (type, sequence) in numbered.sorted(by: { $0.key < $1.key }) {
      if let path = Self.sequencePath(type) { refresh(path, with: Self.json(["last": String(sequence)]), transaction) }
    }
    // The batch's facts, each day's in one write.
    let written = journal == nil ? nil : facts.flatMap { facts in
      writeFacts(of: ready.map { ($0.change, $0.prepared.facts) }, to: facts.days, transaction)
    }
    var summarized: [(change: CaseChangeSet, prepared: PreparedCaseChange, tail: LogTail, chain: HistoryChain)] = []
    for (item, log) in zip(ready, appended) {
      let chain = item.prepared.chain(after: item.chain)
      // A new case's state is created without first trying to open it (its absence was checked
      // above, under the lock).
      refresh(
        Self.statePath(item.stream), with: item.prepared.state(item.change, history: chain),
        new: item.change.before == nil, length: item.cached, transaction)
      summarized.append((item.change, item.prepared, log.tail, chain))
      do throws(StoreError) { try removeEntries(item.prepared.index) } catch { derivedFileFailed?(error) }
    }
    refreshCustomerSummaries(summarized)
    // Each log's length after its append: what tells a later change a power cut took one.
    if let facts, journal != nil, let written {
      recordFactsWritten(written, ends: appended.map(\.tail.end), facts)
    }
    return outcomes
  }

  /// After a tick's appends: drops timer entries of the due minutes that are no longer their
  /// case's next timer (a crash or a moved timer left them), then records the tick. Both are
  /// derived: once a case is ticked, failing them fails nothing.
  private func finishTick(at tick: Instant, after last: Instant?, changed: [CaseState], _ transaction: StoreTransaction)
    throws(RepositoryError)
  {
    let after = Dictionary(changed.map { ($0.id, $0) }) { _, last in last }
    do throws(StoreError) {
      for (key, ids) in try casesWithTimers(until: tick) {
        for id in ids {
          let state: CaseState?
          do throws(RepositoryError) {
            if let changed = after[id.rawValue] { state = changed } else { state = try read(id) }
          } catch {
            // A damaged case keeps its entries for the rebuild that repairs it.
            continue
          }
          if Self.timerKey(of: state) != key { try timerIndex.remove(id, under: key) }
        }
      }
    } catch {
      derivedFileFailed?(error)
    }
    if let last, tick <= last { return }
    do throws(StoreError) {
      try transaction.replaceDerived(Self.tickPath, with: Self.json(["last": tick.description]))
    } catch {
      guard !changed.isEmpty else { throw .unavailable(error) }
      derivedFileFailed?(error)
    }
  }

  public func caseRecording(request id: String) throws(RepositoryError) -> String? {
    // The index is written before the append that records the request, so it may point at a
    // case a crash kept from being made (whose number another create has taken since) or from
    // recording it: only a case whose history records the request counts.
    guard let caseID = try indexedCase(of: id), try records(caseID, request: id) else { return nil }
    return caseID
  }

  /// The case the index entry of request `id` names, whether or not its history records the
  /// request; `nil` when there is no entry.
  private func indexedCase(of id: String) throws(RepositoryError) -> String? {
    let path = Self.requestPath(try Self.id(id))
    guard let bytes = try wrap({ () throws(StoreError) in try store.contents(of: path) }) else { return nil }
    // An entry is replaced whole, never torn: one that does not read is damage, and a command
    // that took it for no entry would do its request again (audit36 H1).
    guard let caseID = Self.strings(bytes)?["case"], (try? StoreID(caseID)) != nil else {
      throw .unavailable(
        StoreError.malformedRecord(
          path: "\(path)", reason: "is not {\"case\": ID}; 'dcmc store rebuild' writes it again from the histories"))
    }
    return caseID
  }

  /// Whether the history of case `caseID` records request `id`.
  private func records(_ caseID: String, request id: String) throws(RepositoryError) -> Bool {
    try history(of: caseID)?.contains(where: { $0.recordedRequest?.id == id }) == true
  }

  /// Whether `request` belongs to a case other than `id`: one taken earlier in the batch
  /// (`batch`), or the case its index entry names, when that case's history records it (an
  /// entry a crash left ahead of its case is no one's).
  private func requestTaken(_ request: String, by id: String, batch: [String: String]) throws(RepositoryError) -> Bool {
    if let earlier = batch[request] { return earlier != id }
    guard let named = try indexedCase(of: request), named != id else { return false }
    return try records(named, request: request)
  }

  public func lastSequence(of type: String) throws(RepositoryError) -> Int {
    guard let path = Self.sequencePath(type) else { return 0 }
    return (try recordedSequence(at: path) ?? nil) ?? 0
  }

  public func lastTick() throws(RepositoryError) -> Instant? {
    guard let bytes = try derivedContents(Self.tickPath),
      let text = Self.strings(bytes)?["last"]
    else { return nil }
    return Timestamp(text)?.instant
  }

  /// Copies a file into `attachments/<case>/<file name>`, atomically and durably.
  public func storeAttachment(_ bytes: [UInt8], as file: AttachmentFile, case id: String)
    throws(RepositoryError) -> String
  {
    let stream = try Self.id(id)
    let directory = StorePath([StoreID(derived: "attachments"), stream])
    let path = directory.appending(StoreID(derived: file.name))
    try wrap { () throws(StoreError) in
      try writing { transaction throws(StoreError) in
        try transaction.makeDirectory(StorePath([StoreID(derived: "attachments")]))
        try transaction.makeDirectory(directory)
        try transaction.replace(path, with: bytes)
      }
    }
    return path.description
  }

  /// Points `request` at case `id`; returns the index file's bytes before (`nil`: none), or
  /// `nil` when it already pointed there and was left as it was.
  private func index(_ request: StoreID, to id: String, _ transaction: StoreTransaction) throws(StoreError)
    -> [UInt8]??
  {
    let path = Self.requestPath(request)
    let bytes = Self.json(["case": id])
    let previous = try store.contents(of: path)
    if previous == bytes { return nil }
    try transaction.replace(path, with: bytes)
    return .some(previous)
  }

  /// Puts a file written before a failed append back as it was: `nil` removes it. When that
  /// fails too, the file is left pointing ahead of the histories, which readers allow for.
  private func restore(_ path: StorePath, to bytes: [UInt8]?, _ transaction: StoreTransaction) {
    if let bytes { try? transaction.replace(path, with: bytes) } else { try? transaction.remove(path) }
  }

  /// Writes a derived file after a command's append. A failure does not undo the command:
  /// the file stays as it was (each replace is atomic), behind its history, and is reported.
  /// `new`: no file is expected there; `length`: its length read under the lock
  /// (`DurableFiles.overwrite`).
  func refresh(
    _ path: StorePath, with bytes: [UInt8], new: Bool = false, length: Int? = nil, _ transaction: StoreTransaction
  ) {
    do {
      try transaction.replaceCache(path, with: bytes, new: new, length: length)
    } catch {
      derivedFileFailed?(error)
    }
  }

  func locked<T>(_ body: (StoreTransaction) throws(RepositoryError) -> T) throws(RepositoryError) -> T {
    var outcome: Result<T, RepositoryError>?
    do {
      try writing { transaction throws(StoreError) in
        do throws(RepositoryError) { outcome = .success(try body(transaction)) } catch { outcome = .failure(error) }
      }
    } catch {
      throw .unavailable(error)
    }
    return try outcome!.get()
  }
}
