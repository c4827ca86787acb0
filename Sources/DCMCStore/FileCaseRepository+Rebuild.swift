public import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCRuntime

/// What `store rebuild` did.
public struct RebuildReport: Sendable {
  /// The cases in the store (histories).
  public var cases: Int
  /// The cases whose derived files were rebuilt (or found current).
  public var rebuilt = 0
  /// The derived files written or removed, with what was lost where a loss was accepted.
  public var repaired: [String] = []
  /// The cases left as they are, with why: rebuilding them would lose acknowledged events
  /// (unless the loss is accepted), or their history cannot make them (corrupt, another
  /// case's). Their state and index entries are kept as evidence.
  public var refused: [CaseDamage] = []
  /// The customer records in the store (histories).
  public var customers = 0
  /// The customer records whose history cannot make them, each `customer 'ID': problem`:
  /// their index entries are kept.
  public var refusedCustomers: [String] = []
  /// The presence histories that cannot be read or replayed, each `presence of 'USER':
  /// problem`: kept as they are.
  public var refusedPresence: [String] = []
}

extension FileCaseRepository {
  /// Rebuilds every derived file from the histories, under the lock: each case's state (with
  /// the chain of its history), its timer, workbin, customer, open, creation and request entries and the customers' case
  /// summaries (`rebuildCustomerSummaries`); stray files and entries in the
  /// indexes are removed, a missing `states/` or index directory made again, and `tick.json`
  /// recomputed (`recomputeTick`); the records of `outbox.json` that cannot be trusted
  /// dropped (`rebuildOutbox`); the customer indexes are rewritten from the customer
  /// histories (`rebuildCustomers`), and the numbering files behind the histories
  /// (`rebuildSequences`); stray files among the presence histories are removed, and a
  /// presence history that cannot be replayed is reported and kept, and a malformed RONA note
  /// removed (`rebuildRONAs`); the report facts' day files that differ from the histories are
  /// written again (`rebuildFacts`).
  ///
  /// A case whose history is shorter than its state (or a line of its customer's case
  /// summaries) recorded, other than the history either was made from, or missing while its state is there, is refused (its events would be lost)
  /// unless `acceptingLoss`; then its state is rebuilt from what the log holds, or removed with
  /// its log. A case whose history cannot make it (corrupt, malformed, another case's) is
  /// refused either way. The other cases are rebuilt.
  public func rebuild(acceptingLoss: Bool = false) throws(RepositoryError) -> RebuildReport {
    try locked { transaction throws(RepositoryError) in
      let (streams, unkept) = try wrap { () throws(StoreError) in
        var unkept: [String] = []
        for index in [openIndex, createdIndex] where try !index.exists() { unkept.append(index.name + "/") }
        for directory in Self.directories { try transaction.makeDirectory(StorePath([StoreID(derived: directory)])) }
        return (try store.streams(), unkept)
      }
      var report = RebuildReport(cases: streams.count)
      let lines = try summaryHistories()
      var expected: [StoreID: IndexEntries] = [:]
      var kept: Set<StoreID> = []
      var latest: Instant?
      var numbers = SequenceTally { try? bundle($0) }
      var outboxes: [String: Set<String>] = [:]
      for stream in streams {
        let history: History
        let events: [CaseEvent]
        do throws(StoreError) {
          guard let read = try store.history(of: stream) else { continue }
          history = read
          if let owner = Self.owner(of: history, otherThan: stream) {
            report.refused.append(Self.otherCase(stream, owner))
            kept.insert(stream)
            continue
          }
          events = try Self.events(history, of: stream)
        } catch {
          guard case .damaged(let damage) = Self.damaged(stream, error) else { throw .unavailable(error) }
          report.refused.append(damage)
          kept.insert(stream)
          continue
        }
        if let last = events.map(\.at).max() { latest = max(latest ?? last, last) }
        let cached = try cache(of: stream)
        let loss = Self.historyDamage(stream, history, cached, line: lines[stream.rawValue])
        if let loss, !acceptingLoss {
          report.refused.append(CaseDamage(caseID: stream.rawValue, problem: loss.problem + CaseDamage.lossRefusal))
          kept.insert(stream)
          continue
        }
        let state: CaseState?
        do throws(RepositoryError) { state = try replay(stream, checking: nil) } catch {
          guard let damage = Self.damage(in: error) else { throw error }
          report.refused.append(damage)
          kept.insert(stream)
          continue
        }
        guard let state else { continue }
        numbers.note(state)
        outboxes[stream.rawValue] = Set(state.outbox.map(\.notification.id))
        let change = try IndexChange(before: nil, after: state)
        expected[change.id] = change.new
        let chain = HistoryChain(history.records)
        try wrap { () throws(StoreError) in
          if !Self.isCurrent(cached, state, chain) {
            try transaction.replaceCache(Self.statePath(stream), with: StateCache.encode(state, history: chain))
            report.repaired.append("states/\(stream).json" + (loss.map { " (\($0.problem), accepted)" } ?? ""))
          }
          // A store made before `open/` or `created/` gets it whole here, which is no repair.
          report.repaired += try missingEntries(of: change).filter { path in !unkept.contains { path.hasPrefix($0) } }
          try addEntries([change])
        }
        report.repaired += try rebuildRequests(stream, events, transaction)
        report.rebuilt += 1
      }
      for stream in try statesWithoutLogs(Set(streams)) {
        guard let cached = try cache(of: stream) else { continue }
        let damage = Self.missingLog(stream, cached)
        guard acceptingLoss else {
          report.refused.append(CaseDamage(caseID: stream.rawValue, problem: damage.problem + CaseDamage.lossRefusal))
          kept.insert(stream)
          continue
        }
        try wrap { () throws(StoreError) in try transaction.remove(Self.statePath(stream)) }
        report.repaired.append("states/\(stream).json removed (\(damage.problem), accepted)")
      }
      report.repaired += try wrap { () throws(StoreError) in try removeStrays(expected, keeping: kept) }
      report.repaired += try rebuildCustomerSummaries(keeping: kept)
      if let tick = try recomputeTick(latest: latest, transaction) { report.repaired.append(tick) }
      report.repaired += try rebuildOutbox(outboxes, cases: Set(streams.map(\.rawValue)), transaction)
      report.repaired += try sealTokens(transaction) + sealStatusLinks(transaction)
      let customers = try wrap { () throws(StoreError) in try CustomerScan(self, acceptingLoss: acceptingLoss) }
      report.customers = customers.records.count + customers.damaged.count
      // A history shorter than (or other than) its head recorded lost acknowledged changes.
      report.refusedCustomers = customers.damagedLines.map { $0.line + ($0.lost ? CaseDamage.lossRefusal : "") }
      report.repaired += try wrap { () throws(StoreError) in try rebuildCustomers(customers, transaction) }
      report.repaired += try rebuildSequences(&numbers, customers: customers, transaction)
      var strays: [(path: String, isDirectory: Bool)] = []
      var users = 0
      report.refusedPresence = try presenceProblems(strays: &strays, users: &users).histories
      for stray in strays {
        try wrap { () throws(StoreError) in
          try IndexScan.remove(stray.path, isDirectory: stray.isDirectory, in: store.root, fileSystem: store.fileSystem)
        }
        report.repaired.append(stray.path)
      }
      // A presence history shorter than its facts recorded lost acknowledged changes.
      let short = try shortPresence().sorted { $0.key < $1.key }
      if acceptingLoss {
        report.repaired += short.map { "presence/\($0.key).log (\($0.value), accepted)" }
      } else {
        report.refusedPresence += short.map { "presence of '\($0.key)': \($0.value)" + CaseDamage.lossRefusal }
      }
      let keptUsers = acceptingLoss ? [] : Set(short.map(\.key))
      report.repaired += try rebuildReady(keeping: keptUsers)
      report.repaired += try rebuildFacts(transaction, keepingPresence: keptUsers)
      report.repaired += try rebuildWrapUps()
      report.repaired += try dropInterruptedDeployment(transaction)
      report.repaired += try rebuildRONAs()
      return report
    }
  }

  /// Whether a cache holds `state` as its history leaves it, with its `chain`: a cache written
  /// before states recorded `updated_at` is current without it, as `verify` takes it.
  private static func isCurrent(_ cached: StateCache.Contents?, _ state: CaseState, _ chain: HistoryChain) -> Bool {
    guard let cached, cached.history == chain else { return false }
    return cached.state == Self.recordable(state, as: cached.state)
  }

  /// `state` as a cache written before states recorded `updated_at`, `status_since` or a
  /// task's `queued_since` (`stored` lacks them) would hold it: without what `stored` lacks.
  static func recordable(_ state: CaseState, as stored: CaseState) -> CaseState {
    var expected = state
    if stored.updatedAt == nil { expected.updatedAt = nil }
    if stored.statusSince == nil { expected.statusSince = nil }
    for index in expected.tasks.indices {
      let task = stored.task(expected.tasks[index].id)
      if task?.statusSince == nil { expected.tasks[index].statusSince = nil }
      if task?.queuedSince == nil { expected.tasks[index].queuedSince = nil }
    }
    return expected
  }

  /// The index entries `change.new` needs that are not there, as `repaired` names them.
  private func missingEntries(of change: IndexChange) throws(StoreError) -> [String] {
    var missing: [String] = []
    if let key = change.new.timer, try !timerIndex.names(under: key).contains(change.id) {
      missing.append("timers/\(StorePath(key))/\(change.id)")
    }
    for (index, entries) in taskIndexes {
      for entry in change.added(entries) where !index.holds(entry) {
        missing.append("\(index.name)/\(StorePath(entry))")
      }
    }
    if let customer = change.new.customer, !isFiled(change.id, under: customer) {
      missing.append("\(Self.customerCaseDirectory)/\(customer)/\(change.id)")
    }
    return missing
  }

  /// Removes from the indexes whatever is not an entry of a rebuilt case's state: stray files
  /// and directories, entries that point at nothing. The entries of the `kept` cases stay.
  private func removeStrays(_ expected: [StoreID: IndexEntries], keeping kept: Set<StoreID>) throws(StoreError)
    -> [String]
  {
    var removed: [String] = []
    let timers = try IndexScan.timers(in: store.root, fileSystem: store.fileSystem)
    let workbins = try IndexScan.workbins(in: store.root, fileSystem: store.fileSystem)
    let queues = try IndexScan.queues(in: store.root, fileSystem: store.fileSystem)
    let holders = try IndexScan.holders(in: store.root, fileSystem: store.fileSystem)
    let customers = try IndexScan.customerCases(in: store.root, fileSystem: store.fileSystem)
    let open = try IndexScan.openCases(in: store.root, fileSystem: store.fileSystem)
    let created = try IndexScan.createdCases(in: store.root, fileSystem: store.fileSystem)
    let strays = timers.strays + workbins.strays + queues.strays + holders.strays + customers.strays + open.strays
    for stray in strays + created.strays {
      try IndexScan.remove(stray.path, isDirectory: stray.isDirectory, in: store.root, fileSystem: store.fileSystem)
      removed.append(stray.path)
    }
    for entry in timers.entries where !kept.contains(entry.name) && expected[entry.name]?.timer != entry.key {
      try timerIndex.remove(entry.name, under: entry.key)
      removed.append("timers/\(StorePath(entry.key))/\(entry.name)")
    }
    for (scan, (index, entries)) in zip([workbins, queues, holders, open, created], taskIndexes) {
      for entry in scan.entries {
        // `open/` and `created/` file a case by its id; the others a task: its case's id, a dot, a number.
        let task = scan.index == "queues" ? Self.queuedTaskID(entry.name) : entry.name.rawValue
        let caseID = [Self.openDirectory, Self.createdDirectory].contains(scan.index)
          ? entry.name : try? StoreID(task.lastIndex(of: ".").map { String(task[..<$0]) } ?? task)
        if let caseID, kept.contains(caseID) { continue }
        if !(caseID.flatMap { expected[$0] }?[keyPath: entries].contains(entry.key + [entry.name]) ?? false) {
          try index.remove(entry.name, under: entry.key)
          removed.append("\(index.name)/\(StorePath(entry.key + [entry.name]))")
        }
      }
    }
    for entry in customers.entries where !kept.contains(entry.name) && expected[entry.name]?.customer != entry.key[0] {
      try customerCaseIndex.remove(entry.name, under: entry.key)
      removed.append("\(Self.customerCaseDirectory)/\(entry.key[0])/\(entry.name)")
    }
    return removed
  }

  /// Whether a last tick at `last` is later than a tick ever needs to be: after the `latest`
  /// event of any case, or with no event at all. `store rebuild` brings such a tick back, and
  /// `store verify` names it when it is also after now: one rule for both.
  static func tickIsAhead(_ last: Instant, latest: Instant?) -> Bool { latest.map { last > $0 } ?? true }

  /// Recomputes `tick.json` from the histories: a tick never needs to be later than the latest
  /// event of any case (every timer due by then has fired, or fires at the next tick), so a
  /// last tick after it (one `tick --at` far in the future) comes back to it, and an unreadable
  /// file is rewritten (removed when there is no event), and so is one that is not a regular
  /// file (removed first). A missing file stays missing (no tick ran), and an earlier one
  /// stays. Returns what was repaired.
  private func recomputeTick(latest: Instant?, _ transaction: StoreTransaction) throws(RepositoryError) -> String? {
    let bytes: [UInt8]
    switch try derivedFile(Self.tickPath) {
    case .absent: return nil
    case .bytes(let read): bytes = read
    case .notRegular: bytes = []
    }
    let last = Self.strings(bytes)?["last"].flatMap { Timestamp($0)?.instant }
    if let last, !Self.tickIsAhead(last, latest: latest) { return nil }
    try wrap { () throws(StoreError) in
      if let latest {
        try transaction.replaceDerived(Self.tickPath, with: Self.json(["last": latest.description]))
      } else {
        try transaction.removeEntry(Self.tickPath)
      }
    }
    return "tick.json (last tick " + (latest.map { "\($0)" } ?? "none") + ", was "
      + (last.map { "\($0)" } ?? "unreadable") + ")"
  }
}
