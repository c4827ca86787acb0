import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `store verify` and `store rebuild` for the report facts: every history's facts derived
/// again and compared, day by day, with the day files. A day is compared by a digest (the
/// count of its facts and the sum of a hash of each one's CSV line), so the check holds one
/// digest per day, not the facts: the order of a day's records is free (writers interleave cases).
extension FileCaseRepository {
  /// A day's facts, as a count and an order-free sum of FNV-1a hashes of their CSV lines.
  struct FactDigest: Equatable {
    var count = 0
    var sum: UInt64 = 0

    mutating func add(_ fact: ReportFact) {
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for byte in fact.csvLine { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      count += 1
      sum &+= hash
    }

    /// Adds another file's facts of the same day.
    mutating func merge(_ other: FactDigest) {
      count += other.count
      sum &+= other.sum
    }
  }

  /// The day files as they are: each day's digest and the offsets of the bytes that are not
  /// whole facts, the days an earlier dcmc wrote as CSV (`legacyFactsPath`), and what does not
  /// belong under `facts/` (`pending` does).
  struct FactFiles {
    var days: [Int: FactDigest] = [:]
    var badBytes: [Int: [Int]] = [:]
    /// The days whose file ends in bytes that are not a whole fact.
    var tornTails: Set<Int> = []
    var legacy: Set<Int> = []
    /// The days with a rollup (`rollupPath`).
    var rollups: Set<Int> = []
    var strays: [(path: String, isDirectory: Bool)] = []
  }

  /// What `store verify` finds in the report facts, one line each naming the file: `damaged`,
  /// and `behind` the records of the day files a cut tore while a change `facts/pending` holds
  /// is not settled (the next change or reader, or `store rebuild`, writes the day again; a
  /// torn record that held other histories' facts still shows as damage: the day's digest
  /// then lacks them). Silent for a store that keeps no facts (no `facts/`). The facts of the
  /// histories `facts/pending` names may be missing (a change was cut short, and the next one
  /// writes them), not wrong.
  /// The facts of the presence histories of `short` (proven short by them: `shortPresence`,
  /// reported as such) are the evidence, left out as a damaged case's are.
  func factProblems(short: Set<String> = []) throws(RepositoryError) -> (damaged: [String], behind: [String]) {
    guard try wrap({ () throws(StoreError) in try keepsFacts() }) else { return ([], []) }
    let damaged = try damagedCases()
    let short = Array(short)
    let unsettled = try pendingSubjects()
    let pending = unsettled.merging(damaged.map { ($0, false) } + short.map { ($0, true) }) { first, _ in first }
    var expected = try expectedFacts(setting: pending)
    for subject in damaged + short { expected.pending[subject] = nil }
    let found = try wrap { () throws(StoreError) in
      try factFiles(pending: expected.pending, ignoring: Set(damaged + short))
    }
    var problems: [String] = []
    var behind: [String] = []
    for day in Set(expected.days.keys).union(found.days.keys).sorted() {
      let path = Self.factsPath(day: day)
      let want = expected.days[day]
      let have = found.days[day]
      // A change cut short by a power loss may leave any of its unflushed bytes torn.
      if found.legacy.contains(day) {
        problems.append("\(Self.legacyFactsPath(day: day)): facts in the old CSV format: store rebuild converts them")
      }
      if let bad = found.badBytes[day], !unsettled.isEmpty {
        behind.append("\(path): \(bad.count) record\(bad.count == 1 ? "" : "s") torn by a cut: it is behind the histories")
        if have?.count == 0, want == nil { continue }
      } else if var bad = found.badBytes[day] {
        if found.tornTails.contains(day) {
          bad.removeLast()
          problems.append("\(path): its last record is torn (a write cut short), and no change in facts/pending covers it")
        }
        if !bad.isEmpty { problems.append("\(path): no whole fact at byte\(bad.count == 1 ? "" : "s") \(Self.list(bad))") }
      }
      switch (want, have) {
      case (nil, _?):
        problems.append("\(path): stray file (no history has facts that day)")
      case (let want?, nil):
        problems.append("\(path) is missing: the histories give \(want.count) fact\(want.count == 1 ? "" : "s") that day")
      case (let want?, let have?) where want != have && have.count < want.count:
        problems.append("\(path) holds \(have.count) of the \(want.count) facts the histories give that day")
      case (let want?, let have?) where want != have:
        problems.append("\(path) differs from the histories (\(have.count) facts, \(want.count) expected)")
      default:
        break
      }
    }
    problems += try wrap { () throws(StoreError) in try rollupProblems(found.rollups) }
    let strays = found.strays.map { "\($0.path): stray \($0.isDirectory ? "directory" : "file") among the facts" }
    return (problems + strays, behind)
  }

  /// Rewrites the day files that differ from the histories (missing, stray, damaged or with
  /// other facts), flushed, and removes what does not belong under `facts/`; returns what it
  /// repaired. The facts of a damaged case (`damagedCases`, which rebuild refuses) and of the
  /// presence histories of `users` (short, refused) are kept as they are, as verify leaves them out. A store made before dcmc kept facts (no `facts/`)
  /// gets them all here, and keeps them from then on; they are not listed as repaired.
  func rebuildFacts(_ transaction: StoreTransaction, keepingPresence users: Set<String> = [])
    throws(RepositoryError) -> [String]
  {
    let kept = try wrap { () throws(StoreError) in try keepsFacts() }
    try wrap { () throws(StoreError) in try transaction.makeDirectory(StorePath([Self.factsDirectory])) }
    try settlePendingFacts(transaction, checkingLogs: true)
    let cases = try damagedCases()
    let damaged = Set(cases).union(users)
    let setting = Dictionary(cases.map { ($0, false) } + users.map { ($0, true) }) { first, _ in first }
    let expected = try expectedFacts(setting: setting).days
    let found = try wrap { () throws(StoreError) in try factFiles(pending: [:], ignoring: damaged) }
    let wrong = Set(expected.keys).union(found.days.keys).filter { day in
      expected[day] != found.days[day] || found.badBytes[day] != nil || found.legacy.contains(day)
    }
    var damagedFacts: [ReportFact] = []
    try wrap { () throws(StoreError) in
      for stray in found.strays {
        try IndexScan.remove(stray.path, isDirectory: stray.isDirectory, in: store.root, fileSystem: store.fileSystem)
      }
      for day in wrong where found.days[day] != nil || found.legacy.contains(day) {
        func keep(_ fact: ReportFact) { if damaged.contains(fact.subject) { damagedFacts.append(fact) } }
        FactLine.each(try store.contents(of: Self.legacyFactsPath(day: day)) ?? [], keep)
        FactRecord.each(try store.contents(of: Self.factsPath(day: day)) ?? [], keep)
        try transaction.remove(Self.legacyFactsPath(day: day))
        try transaction.remove(Self.factsPath(day: day))
      }
      _ = try appendFacts(damagedFacts, transaction)
    }
    if !wrong.isEmpty {
      try eachHistoryFacts { facts throws(RepositoryError) in
        let kept = facts.filter { wrong.contains(ReportFact.day(of: $0.at)) && !damaged.contains($0.subject) }
        _ = try wrap { () throws(StoreError) in try appendFacts(kept, transaction) }
      }
    }
    try wrap { () throws(StoreError) in
      let days = dayFiles(writing: true)
      defer { days.close() }
      for day in wrong.sorted() { try days.flush(day) }
      try transaction.replaceCache(Self.pendingFactsPath, with: [])
      try rewriteRollups(days: Set(expected.keys).union(found.days.keys).union(found.rollups), transaction)
    }
    // A store that kept no facts had nothing to repair: it keeps them from now on.
    return kept ? found.strays.map(\.path) + wrong.sorted().map { "\(Self.factsPath(day: $0))" } : []
  }

  /// The cases `store verify` reports as damaged (their history cannot be read, is shorter or
  /// other than their state or a line of their customer's case summaries recorded, or is gone): their facts are not checked.
  private func damagedCases() throws(RepositoryError) -> [String] {
    let streams = try wrap { () throws(StoreError) in try store.streams() }
    var damaged: [String] = []
    let lines = try summaryHistories()
    for stream in streams {
      do throws(RepositoryError) { _ = try read(stream) } catch {
        if case .damaged = error { damaged.append(stream.rawValue) } else { throw error }
      }
      if let line = lines[stream.rawValue], damaged.last != stream.rawValue,
        let history = try? store.history(of: stream),
        Self.historyDamage(stream, history, try cache(of: stream), line: line) != nil
      {
        damaged.append(stream.rawValue)
      }
      if let first = try? history(of: stream.rawValue)?.first, case .created(let created) = first.change,
        created.id != stream.rawValue
      {
        damaged += [stream.rawValue, created.id]
      }
    }
    return damaged + (try statesWithoutLogs(Set(streams))).map(\.rawValue)
  }

  /// The furthest event of each user's presence history the report facts name (the `seq` of
  /// their presence facts), by user. Every presence change after a user's first makes such a
  /// fact, written only after its append was flushed, so a history that ends before is short
  /// (`shortPresence`).
  func presenceFactSequences() throws(RepositoryError) -> [String: Int] {
    var found: [String: Int] = [:]
    func note(_ fact: ReportFact) {
      if fact.kind == .presence, fact.seq > found[fact.subject, default: 0] { found[fact.subject] = fact.seq }
    }
    try wrap { () throws(StoreError) in
      try eachFactFile { day, kind throws(StoreError) in
        switch kind {
        case .facts: FactRecord.each(try store.contents(of: Self.factsPath(day: day)) ?? [], note)
        case .legacy: FactLine.each(try store.contents(of: Self.legacyFactsPath(day: day)) ?? [], note)
        case .rollup: break
        }
      }
    }
    return found
  }

  /// Whether the store keeps facts: it has `facts/`.
  private func keepsFacts() throws(StoreError) -> Bool {
    do throws(StoreError) {
      _ = try io(store.fileSystem.list(store.root + "/facts"))
      return true
    } catch where error.code == ENOENT {
      return false
    }
  }

  /// The histories `facts/pending` names in changes not settled, as the `subject` of their
  /// facts, each with whether it is a presence history.
  private func pendingSubjects() throws(RepositoryError) -> [String: Bool] {
    let names = try wrap { () throws(StoreError) in try unsettledPendingNames() }
    var subjects: [String: Bool] = [:]
    for name in names {
      if name.hasPrefix(Self.presencePrefix) {
        subjects[String(name.dropFirst(Self.presencePrefix.count))] = true
      } else {
        subjects[name] = false
      }
    }
    return subjects
  }

  /// The digest of each day's facts as the histories give them, but for the histories of
  /// `pending`, whose facts are set apart (as CSV lines).
  private func expectedFacts(setting pending: [String: Bool]) throws(RepositoryError)
    -> (days: [Int: FactDigest], pending: [String: Set<[UInt8]>])
  {
    var days: [Int: FactDigest] = [:]
    var apart: [String: Set<[UInt8]>] = [:]
    try eachHistoryFacts { facts in
      for fact in facts {
        if pending[fact.subject] == (fact.kind == .presence) {
          apart[fact.subject, default: []].insert(fact.csvLine)
        } else {
          days[ReportFact.day(of: fact.at), default: FactDigest()].add(fact)
        }
      }
    }
    for subject in pending.keys where apart[subject] == nil { apart[subject] = [] }
    return (days, apart)
  }

  /// Calls `body` with the facts of each case's and each user's presence history; a history
  /// that cannot be read is left out (`store verify` reports it as such).
  private func eachHistoryFacts(_ body: ([ReportFact]) throws(RepositoryError) -> Void) throws(RepositoryError) {
    for stream in try wrap({ () throws(StoreError) in try store.streams() }) {
      guard let events = try? history(of: stream.rawValue) else { continue }
      try body(ReportFact.facts(of: events, after: nil))
    }
    for user in try wrap({ () throws(StoreError) in try Self.presenceScan(store) }).users {
      guard let events = try? presenceHistory(of: user), let after = PresenceState.replay(events) else { continue }
      try body(ReportFact.facts(of: PresenceChangeSet(before: PresenceState(user: user), events: events, after: after)))
    }
  }

  /// Reads `facts/YYYY/MM/DD.facts` (and `DD.csv`, `legacyFactsPath`) as `eachFactFile` walks
  /// them: a name that is no such day is a stray.
  /// The facts of `pending` histories that their histories give are left out of the digests
  /// (a fact of theirs the histories do not give is counted, so its day differs).
  /// The facts of `ignoring` (damaged cases, reported as such) are left out altogether.
  private func factFiles(pending: [String: Set<[UInt8]>], ignoring: Set<String> = []) throws(StoreError) -> FactFiles {
    var files = FactFiles()
    try eachFactFile({ day, kind throws(StoreError) in
      if kind == .rollup {
        files.rollups.insert(day)
        return
      }
      var digest = FactDigest()
      func count(_ fact: ReportFact) {
        if pending[fact.subject]?.contains(fact.csvLine) != true, !ignoring.contains(fact.subject) {
          digest.add(fact)
        }
      }
      var bad: [Int] = []
      if kind == .legacy {
        // Its damage shows as facts that differ: rebuild converts the file whatever it holds.
        files.legacy.insert(day)
        FactLine.each(try store.contents(of: Self.legacyFactsPath(day: day)) ?? [], count)
      } else {
        var tornTail = false
        FactRecord.each(try store.contents(of: Self.factsPath(day: day)) ?? [], bad: { offset, toEnd in
          bad.append(offset)
          tornTail = toEnd
        }, count)
        // While a change is pending, its last write may be torn: the next change rewrites it.
        if !pending.isEmpty, tornTail {
          bad.removeLast()
          tornTail = false
        }
        if tornTail { files.tornTails.insert(day) }
      }
      // An empty file (or one of nothing but a pending change's facts) holds no day's facts.
      if digest.count > 0 || !bad.isEmpty || files.days[day] != nil {
        files.days[day, default: FactDigest()].merge(digest)
      }
      if !bad.isEmpty { files.badBytes[day] = bad }
    }, stray: { files.strays.append(($0, $1)) })
    return files
  }

  /// `1, 3, 4` for offsets, the first ten and how many more.
  private static func list(_ numbers: [Int]) -> String {
    numbers.prefix(10).map(String.init).joined(separator: ", ")
      + (numbers.count > 10 ? " and \(numbers.count - 10) more" : "") 
  }
}
