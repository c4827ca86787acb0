public import DCMCApplication
public import DCMCCalendar
import DCMCFiles
import DCMCRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The report facts of the file store (`docs/store.md`, "Report facts"): one append-only file
/// per UTC day, `facts/YYYY/MM/DD.csv`, of `FactLine`s, derived from each change as it is
/// appended, after its history's append (the commit point) and without an `fsync` of their
/// own, as the state caches are.
///
/// What makes them match the histories after a crash: before a batch's histories are
/// appended, `facts/pending` names its cases (and users, for presence); it is emptied once
/// their facts are written. The next change to the store finds it not empty and writes the
/// facts those histories give that their day files lack (facts are keyed by history, event,
/// kind and task, so writing them again is idempotent). A power loss can lose facts the
/// marker did not outlive: `store verify` finds them, `store rebuild` writes them.
extension FileCaseRepository: ReportFacts {
  static let factsDirectory = StoreID(derived: "facts")
  static let pendingFactsPath = StorePath([factsDirectory, StoreID(derived: "pending")])

  /// `facts/YYYY/MM/DD.csv` for a UTC day (`ReportFact.day(of:)`).
  static func factsPath(day: Int) -> StorePath {
    let date = Timestamp(Instant(secondsSinceEpoch: day * 86_400), utcOffset: 0).date
    func padded(_ number: Int, _ width: Int) -> String {
      let digits = String(number)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return StorePath([
      factsDirectory, StoreID(derived: padded(date.year, 4)), StoreID(derived: padded(date.month, 2)),
      StoreID(derived: padded(date.day, 2) + ".csv"),
    ])
  }

  public func facts(in period: Range<Instant>, _ visit: (ReportFact) -> Void) throws(RepositoryError) {
    guard let days = ReportFact.days(of: period) else { return }
    for day in days {
      guard let bytes = try wrap({ () throws(StoreError) in try store.contents(of: Self.factsPath(day: day)) }) else {
        continue
      }
      FactLine.each(bytes) { fact in if period.contains(fact.at) { visit(fact) } }
    }
  }

  /// Names the histories about to be appended in `facts/pending`, before their appends.
  func markFactsPending(_ names: [String], _ transaction: StoreTransaction) throws(StoreError) {
    try makeFactsDirectory(transaction)
    try transaction.replaceCache(Self.pendingFactsPath, with: Array(names.map { $0 + "\n" }.joined().utf8))
  }

  /// Empties `facts/pending` once the facts of its histories are written.
  func clearFactsPending(_ transaction: StoreTransaction) {
    refresh(Self.pendingFactsPath, with: [], transaction)
  }

  /// Appends `facts` to their day files (no `fsync`: they are derived); a failure is reported
  /// as a derived file's (`derivedFileFailed`), and `facts/pending` then stays for the next
  /// change to redo.
  func writeFacts(_ facts: [ReportFact], _ transaction: StoreTransaction) -> Bool {
    do throws(StoreError) {
      try appendFacts(facts, transaction)
      return true
    } catch {
      derivedFileFailed?(error)
      return false
    }
  }

  /// Appends each day's facts to its file in one write, creating the file and its
  /// directories when missing.
  func appendFacts(_ facts: [ReportFact], _ transaction: StoreTransaction) throws(StoreError) {
    var days: [Int: [UInt8]] = [:]
    var order: [Int] = []
    for fact in facts {
      let day = ReportFact.day(of: fact.at)
      if days[day] == nil { order.append(day) }
      days[day, default: []] += FactLine.encode(fact)
    }
    for day in order { try append(days[day] ?? [], to: Self.factsPath(day: day), transaction) }
  }

  private func append(_ bytes: [UInt8], to path: StorePath, _ transaction: StoreTransaction) throws(StoreError) {
    let absolute = path.absolute(in: store.root)
    let file: FileDescriptor
    do {
      file = try io(store.fileSystem.open(absolute, .lockFile))
    } catch where error.code == ENOENT {
      try makeFactsDirectory(transaction)
      var directory = StorePath([Self.factsDirectory])
      for component in path.components.dropFirst().dropLast() {
        directory = directory.appending(component)
        try transaction.makeDirectory(directory)
      }
      file = try io(store.fileSystem.open(absolute, .lockFile))
    }
    defer { store.fileSystem.close(file) }
    let end = try io(store.fileSystem.size(file))
    try io(store.fileSystem.write(file, bytes, at: end))
  }

  private func makeFactsDirectory(_ transaction: StoreTransaction) throws(StoreError) {
    guard try store.contents(of: Self.pendingFactsPath) == nil else { return }
    try transaction.makeDirectory(StorePath([Self.factsDirectory]))
  }

  /// When `facts/pending` names histories (a change was cut short), writes the facts those
  /// histories give that their day files lack, then empties it. Under the lock, before a change.
  func redoPendingFacts(_ transaction: StoreTransaction) throws(RepositoryError) {
    let bytes = try wrap { () throws(StoreError) in try store.contents(of: Self.pendingFactsPath) }
    guard let bytes, !bytes.isEmpty else { return }
    var facts: [ReportFact] = []
    for line in bytes.split(separator: 10) {
      let name = String(decoding: line, as: UTF8.self)
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
    try wrap { () throws(StoreError) in
      try appendFacts(try missing(facts), transaction)
      try transaction.replaceCache(Self.pendingFactsPath, with: [])
    }
  }

  /// How `facts/pending` names a presence history: `presence ` and the user.
  static let presencePrefix = "presence "

  /// The facts of `facts` their day files do not hold (by key).
  private func missing(_ facts: [ReportFact]) throws(StoreError) -> [ReportFact] {
    var held: Set<FactKey> = []
    for day in Set(facts.map { ReportFact.day(of: $0.at) }) {
      guard let bytes = try store.contents(of: Self.factsPath(day: day)) else { continue }
      FactLine.each(bytes) { held.insert(FactKey($0)) }
    }
    return facts.filter { held.insert(FactKey($0)).inserted }
  }
}

/// What tells facts apart: the history and event that produced it, its kind and task.
struct FactKey: Hashable {
  var subject: String
  var seq: Int
  var kind: ReportFact.Kind
  var task: Int?

  init(_ fact: ReportFact) {
    (subject, seq, kind, task) = (fact.subject, fact.seq, fact.kind, fact.task)
  }
}
