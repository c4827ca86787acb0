public import DCMCApplication
import DCMCBundle
public import DCMCCalendar
import DCMCJSON
import DCMCRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `store verify`: every file the store trusts, checked against the histories.
extension FileCaseRepository {
  /// What `store verify` finds, each problem one line naming the file: every case replayed
  /// from its history and compared with its state (how far the history went: its length and
  /// chain) and its index entries (missing ones); states without a log; stray files in the
  /// indexes (not entries at all); the
  /// deployed bundles by content hash, `deployment.json` and the deployment history
  /// (`deploymentHistoryProblems`); `tick.json` (unreadable, or after
  /// `now` when given); outbox entries that name another case, and `outbox.json`'s records
  /// (`outboxFindings`); the API tokens and the status
/// links (`tokenProblems`, `statusLinkProblems`); the customer records and their
  /// indexes (`customerProblems`) and case summaries (`customerSummaryProblems`); the numbering files behind the histories
  /// (`sequenceProblems`); the presence histories (`presenceProblems`), the ready index
  /// (`readyProblems`), the wrap-up index (`wrapUpProblems`), the RONA notes (`ronaProblems`)
  /// and the report facts (`factProblems`). Counts the cases, the customer records and the users' presence
  /// histories it read.
  ///
  /// Runs under the store's lock, so a command in progress is not taken for damage; a store
  /// the process may not lock (read-only) is read without it.
  ///
  /// `behind` names, apart from the damage, the derived files a crash leaves behind their
  /// histories by design (docs/store.md, "After a crash"): a state cache that is the state
  /// after a prefix of its history, missing or torn (the append writes the log first, then
  /// the cache in place, unflushed), a
  /// numbering file missing or recording less (written after the append that takes the
  /// number), a customer's summaries whose last line a cut tore (`customerSummaryProblems`)
  /// and report-facts records torn by a cut while `facts/pending` covers them
  /// (`factProblems`). Readers replay or read past them, the case's next change writes its
  /// cache again, the next create its number's file, the record's next append its summaries,
  /// the next change the facts, and `store rebuild` all of them: they lose nothing.
  ///
  /// `unmended` maps each problem that `store rebuild` does not mend to what does
  /// (`StoreRemedy`); it mends the others.
  public func verify(now: Instant? = nil) throws(RepositoryError) -> (
    cases: Int, customers: Int, presences: Int, problems: [String], behind: [String],
    unmended: [String: StoreRemedy]
  ) {
    try inspecting { () throws(RepositoryError) in
      var problems: [String] = []
      var unmended: [String: StoreRemedy] = [:]
      var behind: [String] = []
      var bundles: [String: [String]] = [:]
      let streams = try wrap { () throws(StoreError) in try store.streams() }
      var numbers = SequenceTally { try? bundle($0) }
      var outboxes: [String: Set<String>] = [:]
      // What is not a regular file where a file of the store belongs, each met by one check,
      // which goes on past it (`checking`): one planted file must not hide the rest's damage.
      var planted: [String] = []
      let lines = try checking(&planted) { () throws(RepositoryError) in try summaryHistories() } ?? [:]
      var latest: Instant?
      for stream in streams {
        let verified = try checking(&planted) { () throws(RepositoryError) in
          try verifyCase(stream, lines: lines, latest: &latest, into: &problems, &unmended, behind: &behind)
        }
        guard let state = verified ?? nil else { continue }
        bundles[state.bundle, default: []].append(stream.rawValue)
        numbers.note(state)
        outboxes[stream.rawValue] = Set(state.outbox.map(\.notification.id))
        problems += Self.unmended(
          try checking(&planted) { () throws(RepositoryError) in try attachmentProblems(of: state) } ?? [], .byHand,
          &unmended)
      }
      for stream in try statesWithoutLogs(Set(streams)) {
        if let cached = try cache(of: stream) {
          problems += Self.unmended(["\(Self.missingLog(stream, cached))"], .lostEvents, &unmended)
        } else {
          problems.append("states/\(stream).json: stray file (no case has that history)")
        }
      }
      problems += try checking(&planted) { () throws(RepositoryError) in
        try wrap { () throws(StoreError) in try indexProblems() }
      } ?? []
      // Read as a store made before the index (listings then read every case): no damage.
      for index in [openIndex, createdIndex] where try wrap({ () throws(StoreError) in try !index.exists() }) {
        guard !streams.isEmpty else { continue }
        behind.append(
          "\(index.name)/ is missing (a store made before it, or the directory removed): listings read every case "
            + "until 'dcmc store rebuild' makes it")
      }
      let kept = try checking(&planted) { () throws(RepositoryError) in
        try deploymentProblems(bundles, hasCases: !streams.isEmpty)
      }
      let history = try checking(&planted) { () throws(RepositoryError) in try deploymentHistoryProblems() }
      problems += Self.unmended((kept ?? []) + (history?.damaged ?? []), .deployments, &unmended)
      behind += history?.behind ?? []
      problems += try checking(&planted) { () throws(RepositoryError) in
        try tickProblems(now: now, latest: latest)
      } ?? []
      let outbox = try checking(&planted) { () throws(RepositoryError) in
        try outboxFindings(outboxes, cases: Set(streams.map(\.rawValue)))?.problems ?? []
      }
      problems += outbox ?? []
      for secrets in [
        try checking(&planted) { () throws(RepositoryError) in try tokenProblems() },
        try checking(&planted) { () throws(RepositoryError) in try statusLinkProblems() },
      ] {
        problems += Self.unmended(secrets?.damaged ?? [], .byHand, &unmended)
        behind += secrets?.behind ?? []
      }
      let customers = try checking(&planted) { () throws(RepositoryError) in
        try wrap { () throws(StoreError) in try CustomerScan(self) }
      }
      if let customers {
        for damaged in customers.damagedLines {
          problems += Self.unmended([damaged.line], damaged.lost ? .lostEvents : .history, &unmended)
        }
        problems += customerProblems(customers)
        behind += customerHeadsBehind(customers)
      }
      let summaries = try checking(&planted) { () throws(RepositoryError) in try customerSummaryProblems() }
      problems += summaries?.damaged ?? []
      behind += summaries?.behind ?? []
      if let customers {
        let numbering = try checking(&planted) { () throws(RepositoryError) in
          try sequenceProblems(&numbers, customers: customers)
        }
        problems += numbering?.damaged ?? []
        behind += numbering?.behind ?? []
      }
      var strays: [(path: String, isDirectory: Bool)] = []
      var presences = 0
      let presence = try checking(&planted) { () throws(RepositoryError) in
        try presenceProblems(strays: &strays, users: &presences)
      }
      problems += Self.unmended(presence?.histories ?? [], .history, &unmended) + (presence?.strays ?? [])
      let short = try checking(&planted) { () throws(RepositoryError) in try shortPresence() } ?? [:]
      problems += Self.unmended(
        short.sorted { $0.key < $1.key }.map { "presence of '\($0.key)': \($0.value)" }, .lostEvents, &unmended)
      problems += try checking(&planted) { () throws(RepositoryError) in
        try readyProblems(skipping: Set(short.keys))
      } ?? []
      let facts = try checking(&planted) { () throws(RepositoryError) in try factProblems(short: Set(short.keys)) }
      problems += facts?.damaged ?? []
      behind += facts?.behind ?? []
      problems += try checking(&planted) { () throws(RepositoryError) in try wrapUpProblems() } ?? []
      problems += try checking(&planted) { () throws(RepositoryError) in try ronaProblems() } ?? []
      problems += Self.unmended(planted, .byHand, &unmended)
      let customerCount = customers.map { $0.records.count + $0.damaged.count } ?? 0
      return (streams.count, customerCount, presences, problems, behind, unmended)
    }
  }

  /// `lines`, each noted in `unmended` as mended by `remedy`, not by `store rebuild`.
  private static func unmended(_ lines: [String], _ remedy: StoreRemedy, _ unmended: inout [String: StoreRemedy])
    -> [String]
  {
    for line in lines { unmended[line] = remedy }
    return lines
  }

  /// The result of one of verify's checks; `nil` when it met a file of the store that is not a
  /// regular file (a directory, a link, a FIFO where a file belongs), which is then added to
  /// `planted` (`notRegularProblem`). Any other failure stops verify.
  private func checking<T>(_ planted: inout [String], _ check: () throws(RepositoryError) -> T)
    throws(RepositoryError) -> T?
  {
    do {
      return try check()
    } catch {
      guard let problem = notRegularProblem(error) else { throw error }
      planted.append(problem)
      return nil
    }
  }

  /// Checks one case; returns its state replayed from its history when that can be read. A
  /// state cache missing, torn, or holding the state after a prefix of the history, is named
  /// in `behind`, not as damage. The damage of the history itself goes into `unmended` too.
  private func verifyCase(
    _ stream: StoreID, lines: [String: HistoryChain], latest: inout Instant?, into problems: inout [String],
    _ unmended: inout [String: StoreRemedy], behind: inout [String]
  ) throws(RepositoryError) -> CaseState? {
    func damaged(_ line: String, _ remedy: StoreRemedy = .history) {
      problems += Self.unmended([line], remedy, &unmended)
    }
    let history: History
    let events: [CaseEvent]
    do throws(StoreError) {
      guard let read = try store.history(of: stream) else { return nil }
      history = read
      if let owner = Self.owner(of: history, otherThan: stream) {
        damaged("\(Self.otherCase(stream, owner))")
        return nil
      }
      events = try Self.events(history, of: stream)
    } catch {
      if case .file(let file) = error {
        guard file.isNotRegularFile else { throw .unavailable(error) }
        damaged("case '\(stream)': \(Self.notRegular(Store.logPath(stream).description, file))")
        return nil
      }
      damaged("case '\(stream)': \(error)")
      return nil
    }
    if let last = events.map(\.at).max() { latest = max(latest ?? last, last) }
    if let tail = Self.oversizedTail(stream, history) { damaged("\(tail)", .byHand) }
    let cached = try cache(of: stream)
    if let damage = Self.historyDamage(stream, history, cached, line: lines[stream.rawValue]) {
      damaged("\(damage)", .lostEvents)
      return nil
    }
    guard let replayed = CaseState.replay(events) else {
      damaged("case '\(stream)': its history does not start with the case's creation")
      return nil
    }
    guard replayed.id == stream.rawValue else {
      damaged("\(Self.otherCase(stream, replayed.id))")
      return nil
    }
    if events.map(\.seq) != Array(1...events.count) {
      damaged("case '\(stream)': event numbers are not 1 to \(events.count)")
    }
    for entry in replayed.outbox where !entry.notification.id.hasPrefix(stream.rawValue + "/") {
      damaged("case '\(stream)': outbox entry '\(entry.notification.id)' is not of this case")
    }
    let requests = try requestFindings(stream, events)
    problems += requests.damaged
    behind += requests.behind
    guard let stored = cached?.state else {
      // Written after the append, in place and unflushed: a crash leaves it missing or torn.
      let file = try derivedFile(Self.statePath(stream))
      if case .notRegular(let error) = file {
        problems.append(
          "case '\(stream)': \(Self.notRegular("states/\(stream).json", error)); 'dcmc store rebuild' replaces it")
        return replayed
      }
      let bytes: [UInt8]? = if case .bytes(let bytes) = file { bytes } else { nil }
      if let other = bytes.flatMap(StateCache.read) {
        problems.append("case '\(stream)': states/\(stream).json holds the state of case '\(other.state.id)'")
      } else {
        behind.append(
          "case '\(stream)': states/\(stream).json is \(bytes == nil ? "missing" : "torn (a rewrite cut short)"), "
            + "behind its history (event \(replayed.version))")
      }
      return replayed
    }
    // A cache may keep declines that had ended when their task was queued again, as a dcmc
    // before 7 December 2026 did, and the index file the case at their end: no damage.
    let recorded = replayed.keepingEndedDeclines(of: stored)
    var entries: IndexEntries?
    do throws(RepositoryError) { entries = try IndexEntries(recorded) } catch {
      problems.append("case '\(stream)': its tasks cannot be indexed: \(error)")
    }
    if let key = entries?.timer, !timerIndex.holds(key + [stream]) {
      // Filed by a dcmc that did not time declines' ends (`nextTimerBeforeDeclineEnds`).
      let before = replayed.nextTimerBeforeDeclineEnds.map { Self.timerKey($0.due) }
      if replayed.timers.first?.kind == .declineEnd, before.map({ timerIndex.holds($0 + [stream]) }) ?? true {
        behind.append(
          "case '\(stream)': the timer index files it \(before.map { "under timers/\(StorePath($0))" } ?? "nowhere"), "
            + "as before dcmc timed declines' ends, not at its decline's end (timers/\(StorePath(key)))")
      } else {
        problems.append("case '\(stream)': the timer index has no entry for its next timer (timers/\(StorePath(key)))")
      }
    }
    for entry in (entries?.workbin ?? []).sorted(by: { $0.lexicographicallyPrecedes($1) })
    where !workbinIndex.holds(entry) {
      problems.append("task '\(entry[1])': missing from workbin '\(entry[0])'")
    }
    // A format-1 store has no queue or holder index until its first write builds them.
    let filed = store.formatVersion >= 2 ? entries : nil
    for entry in (filed?.queue ?? []).sorted(by: { $0.lexicographicallyPrecedes($1) }) where !queueIndex.holds(entry) {
      let task = Self.queuedTaskID(entry[4])
      problems.append("task '\(task)': missing from the queue of workbin '\(entry[0])' (queues/\(StorePath(entry)))")
    }
    for entry in (filed?.holder ?? []).sorted(by: { $0.lexicographicallyPrecedes($1) }) where !holderIndex.holds(entry) {
      problems.append("task '\(entry[1])': missing from the tasks held by '\(entry[0])' (holders/\(entry[0]))")
    }
    if let customer = entries?.customer, !isFiled(stream, under: customer) {
      problems.append("case '\(stream)': missing from the cases of customer '\(customer)' (by-customer/\(customer))")
    }
    if entries?.open.isEmpty == false, !openIndex.holdsUnlessAbsent([stream]) {
      problems.append("case '\(stream)': missing from the open cases (\(Self.openDirectory)/\(stream))")
    }
    for entry in entries?.created ?? [] where !createdIndex.holdsUnlessAbsent(entry) {
      problems.append(
        "case '\(stream)': missing from the cases by creation (\(Self.createdDirectory)/\(StorePath(Array(entry.dropLast()))))")
    }
    // A cache written before states recorded `updated_at` or `status_since` lacks them; the
    // rest must agree.
    if stored.version < replayed.version,
      let prefix = CaseState.replay(events.filter { $0.seq <= stored.version }),
      stored == Self.recordable(prefix, as: stored)
    {
      behind.append(
        "case '\(stream)': states/\(stream).json (event \(stored.version)) is behind its history (event \(replayed.version))")
    } else if stored != Self.recordable(recorded, as: stored) {
      problems.append(
        "case '\(stream)': states/\(stream).json (event \(stored.version)) differs from its history (event \(replayed.version))"
      )
    }
    for entry in stored.outbox where !entry.notification.id.hasPrefix(stream.rawValue + "/") {
      problems.append(
        "case '\(stream)': states/\(stream).json holds outbox entry '\(entry.notification.id)' of another case")
    }
    return replayed
  }

  /// Stray files in the timer, workbin, queue, holder, per-customer, open and created case
  /// indexes: what is not an entry at all (a file where a key's directory belongs, a directory
  /// where an entry belongs, a key that is none). An entry that points at nothing due is not
  /// damage: a crash between a command's new entries and its append leaves one by design,
  /// `tick` drops it and `store rebuild` removes it. So is an entry of `created/` under another
  /// second than its case's (a killed create's, whose number the next create took): pages pass
  /// over it, and a case missing from its own second is named by `verifyCase`.
  private func indexProblems() throws(StoreError) -> [String] {
    let timers = try IndexScan.timers(in: store.root, fileSystem: store.fileSystem)
    let workbins = try IndexScan.workbins(in: store.root, fileSystem: store.fileSystem)
    let queues = try IndexScan.queues(in: store.root, fileSystem: store.fileSystem)
    let holders = try IndexScan.holders(in: store.root, fileSystem: store.fileSystem)
    let customers = try IndexScan.customerCases(in: store.root, fileSystem: store.fileSystem)
    let open = try IndexScan.openCases(in: store.root, fileSystem: store.fileSystem)
    let byCreation = try IndexScan.createdCases(in: store.root, fileSystem: store.fileSystem)
    let strays = timers.strays + workbins.strays + queues.strays + holders.strays + customers.strays + open.strays
    return (strays + byCreation.strays).map { stray in
      "\(stray.path): stray \(stray.isDirectory ? "directory" : "file") in the index"
    }
  }

  /// `deployment.json` and every bundle: each must be the bundle its name gives (content hash),
  /// and the deployed bundle and every bundle a case runs on must be there.
  private func deploymentProblems(_ used: [String: [String]], hasCases: Bool) throws(RepositoryError) -> [String] {
    var problems: [String] = []
    var needed = used
    let deployment = try wrap { () throws(StoreError) in try store.contents(of: Self.deployment) }
    if let deployment {
      if let hash = Self.strings(deployment)?["bundle"], Self.isBundleHash(hash) {
        needed[hash, default: []].append("")
      } else {
        problems.append("deployment.json is not {\"bundle\": \"sha256:...\"} ('dcmc deploy' writes it again)")
      }
    } else if hasCases {
      problems.append("deployment.json is missing")
    }
    for (hash, cases) in needed.sorted(by: { $0.key < $1.key }) {
      guard let path = Self.bundlePath(hash), try wrap({ () throws(StoreError) in try store.contents(of: path) }) == nil
      else { continue }
      problems.append("\(path) is missing: " + DeploymentDamage.missingBundle(runBy: cases.filter { !$0.isEmpty }))
    }
    let files = try wrap { () throws(StoreError) in
      do throws(StoreError) {
        return try io(store.fileSystem.list(store.root + "/bundles"))
      } catch where error.code == ENOENT {
        return []
      }
    }
    for file in files.sorted(by: { $0.name < $1.name }) where !file.name.hasPrefix(".") {
      let name = "bundles/\(file.name)"
      guard !file.isDirectory, file.name.hasSuffix(".json"), let id = try? StoreID(file.name) else {
        problems.append("\(name): stray file among the bundles")
        continue
      }
      let bytes = try wrap { () throws(StoreError) in
        try store.contents(of: StorePath([StoreID(derived: "bundles"), id]))
      }
      if let damage = DeploymentDamage.bundle(bytes ?? [], keptAs: "sha256:" + file.name.dropLast(5)) {
        problems.append("\(name) \(damage)")
      }
    }
    return problems
  }

  /// Whether `hash` names a bundle: `sha256:` and 64 lowercase hex digits.
  static func isBundleHash(_ hash: String) -> Bool {
    let digits = hash.utf8.dropFirst(7)
    return hash.hasPrefix("sha256:") && digits.count == 64
      && digits.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }

  /// `tick.json`: a time that reads, and not after both `now` and the `latest` event of any
  /// case (`tickIsAhead`, the rule by which `store rebuild` brings it back). A tick after now
  /// whose timers' events are dated as late (a `tick --at` ahead of the clock that fired some)
  /// is no damage: the histories went there too, and nothing would mend it.
  private func tickProblems(now: Instant?, latest: Instant?) throws(RepositoryError) -> [String] {
    guard let bytes = try wrap({ () throws(StoreError) in try store.contents(of: Self.tickPath) }) else { return [] }
    guard let text = Self.strings(bytes)?["last"], let last = Timestamp(text)?.instant else {
      return ["tick.json is not {\"last\": TIME}: 'dcmc store rebuild' recomputes it from the histories"]
    }
    if let now, now < last, Self.tickIsAhead(last, latest: latest) {
      let back = latest.map { "brings it back to the latest event (\($0))" } ?? "removes it (no case has an event)"
      return ["tick.json records a tick at \(last), after now (\(now)) and after every event: 'dcmc store rebuild' \(back)"]
    }
    return []
  }

  /// Runs `body` under the store's lock without upgrading the store (a check changes nothing);
  /// a store whose lock file this process cannot open (read-only) is read without it.
  func inspecting<T>(_ body: () throws(RepositoryError) -> T) throws(RepositoryError) -> T {
    var outcome: Result<T, RepositoryError>?
    do {
      try store.write { _ throws(StoreError) in
        do throws(RepositoryError) { outcome = .success(try body()) } catch { outcome = .failure(error) }
      }
    } catch {
      guard case .none = outcome, error.code == EACCES || error.code == EROFS || error.code == EPERM else {
        throw .unavailable(error)
      }
      return try body()
    }
    return try outcome!.get()
  }
}
