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
/// per UTC day, `facts/YYYY/MM/DD.facts`, of `FactRecord`s, derived from each change as it is
/// appended, after its history's append (the commit point) and without an `fsync` of their
/// own at that point. A store written by an earlier dcmc may also hold `DD.csv` day files of
/// `FactLine`s: they are read with the day's records until `store rebuild` converts them.
///
/// A store keeps facts when it has `facts/`: a new store is made with it, and a store made
/// before dcmc kept facts gets it, with every fact, from `store rebuild`.
///
/// What makes them match the histories after a crash or a power loss is `facts/pending`
/// (`FileCaseRepository+FactsPending`): it names a change's histories, flushed, before their
/// appends, and is emptied only after the day files it covers are flushed. Facts are keyed by
/// history, event, kind and task, so writing them again is idempotent.
extension FileCaseRepository: ReportFacts {
  static let factsDirectory = StoreID(derived: "facts")
  static let pendingFactsPath = StorePath([factsDirectory, StoreID(derived: "pending")])

  /// `facts/YYYY/MM/DD.facts` for a UTC day (`ReportFact.day(of:)`).
  static func factsPath(day: Int) -> StorePath { dayPath(day: day, suffix: ".facts") }

  /// `facts/YYYY/MM/DD.csv`: a day's facts as an earlier dcmc wrote them (`FactLine`).
  static func legacyFactsPath(day: Int) -> StorePath { dayPath(day: day, suffix: ".csv") }

  static func dayPath(day: Int, suffix: String) -> StorePath {
    let date = Timestamp(Instant(secondsSinceEpoch: day * 86_400), utcOffset: 0).date
    func padded(_ number: Int, _ width: Int) -> String {
      let digits = String(number)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return StorePath([
      factsDirectory, StoreID(derived: padded(date.year, 4)), StoreID(derived: padded(date.month, 2)),
      StoreID(derived: padded(date.day, 2) + suffix),
    ])
  }

  /// Settles `facts/pending` first when a change in it is not (`settlePendingFacts`, under the
  /// lock), so a crash's missing facts are written before they are counted. The next day's
  /// file is read and decoded on another thread while `visit` counts the day's facts
  /// (`FactsReadAhead`): at most two days' facts are held.
  public func facts(in period: Range<Instant>, _ visit: (ReportFact) -> Void) throws(RepositoryError) {
    guard let days = ReportFact.days(of: period) else { return }
    if try !pendingFactsSettled() {
      try locked { transaction throws(RepositoryError) in try settlePendingFacts(transaction, checkingLogs: true) }
    }
    let store = store
    func readAhead(_ day: Int) -> FactsReadAhead<[ReportFact]> {
      FactsReadAhead { () throws(StoreError) in
        var facts: [ReportFact] = []
        if let lines = try store.contents(of: Self.legacyFactsPath(day: day)) { FactLine.each(lines) { facts.append($0) } }
        if let records = try store.contents(of: Self.factsPath(day: day)) {
          facts.reserveCapacity(facts.count + records.count / 64)
          FactRecord.each(records) { facts.append($0) }
        }
        return facts
      }
    }
    // The days of the period that have a day file, in order (`eachFactFile`).
    var found: [Int] = []
    let years = LocalDate(dayNumber: days.lowerBound).year...LocalDate(dayNumber: days.upperBound).year
    try wrap { () throws(StoreError) in
      try eachFactFile(years: years) { day, kind throws(StoreError) in
        if kind != .rollup, days.contains(day), found.last != day { found.append(day) }
      }
    }
    guard let first = found.first else { return }
    var next = readAhead(first)
    for (position, day) in found.enumerated() {
      let current = next
      if position + 1 < found.count { next = readAhead(found[position + 1]) }
      for fact in try wrap({ () throws(StoreError) in try current.value() }) where period.contains(fact.at) {
        visit(fact)
      }
    }
  }

  /// Appends `facts` to their day files (no `fsync`: `facts/pending` covers them until they
  /// are flushed) and returns where they went; a failure is reported as a derived file's
  /// (`derivedFileFailed`), and the change then stays unsettled for the next one to redo.
  func writeFacts(_ facts: [ReportFact], to days: DayFiles, _ transaction: StoreTransaction) -> [PendingFacts.Range]? {
    do throws(StoreError) {
      return try appendFacts(facts, to: days, transaction)
    } catch {
      derivedFileFailed?(error)
      return nil
    }
  }

  /// `writeFacts` of a batch's case changes, each with the facts encoded already when it was
  /// prepared (`PreparedCaseChange`; `nil`: encoded here), all written at once
  /// (`appendFacts(of:to:_:)`): the ranges, in the changes' order, are those the changes'
  /// appends one after the other would give.
  func writeFacts(
    of changes: [(change: CaseChangeSet, prepared: [FactRecords]?)], to days: DayFiles, _ transaction: StoreTransaction
  ) -> [PendingFacts.Range]? {
    var batch: [[FactRecords]] = []
    batch.reserveCapacity(changes.count)
    for (change, prepared) in changes {
      if let prepared = prepared ?? Self.preparedFacts(of: change) {
        batch.append(prepared)
        continue
      }
      guard let before = change.before, let events = try? history(of: change.after.id) else { return nil }
      batch.append(Self.factRecords(ReportFact.facts(of: events, after: nil).filter { $0.seq > before.version }))
    }
    do throws(StoreError) {
      return try appendFacts(of: batch, to: days, transaction)
    } catch {
      derivedFileFailed?(error)
      return nil
    }
  }

  /// A change's facts encoded for their day files, when they come from the change alone;
  /// `nil` otherwise: a state from a cache written before states recorded when their
  /// statuses began (`statusSince`) cannot time the statuses it leaves, and the facts then
  /// come from the case's whole history, of which the change's events are the end, read
  /// under the lock (`writeFacts(of:prepared:to:_:)`).
  static func preparedFacts(of change: CaseChangeSet) -> [FactRecords]? {
    if let before = change.before, before.statusSince == nil || before.tasks.contains(where: {
      $0.status.isActive && $0.statusSince == nil
    }) {
      return nil
    }
    return factRecords(ReportFact.facts(of: change))
  }

  /// `appendFacts(_:to:_:)` through day files opened for it, then closed.
  func appendFacts(_ facts: [ReportFact], _ transaction: StoreTransaction) throws(StoreError) -> [PendingFacts.Range] {
    let days = dayFiles(writing: true)
    defer { days.close() }
    return try appendFacts(facts, to: days, transaction)
  }

  /// Appends each day's facts to its file in one write, creating the file and its
  /// directories when missing; returns the bytes each day's file gained.
  func appendFacts(_ facts: [ReportFact], to days: DayFiles, _ transaction: StoreTransaction)
    throws(StoreError) -> [PendingFacts.Range]
  {
    try appendFacts(Self.factRecords(facts), to: days, transaction)
  }

  /// `appendFacts(_:to:_:)` of facts encoded already (`factRecords`).
  func appendFacts(_ groups: [FactRecords], to days: DayFiles, _ transaction: StoreTransaction)
    throws(StoreError) -> [PendingFacts.Range]
  {
    try appendFacts(of: [groups], to: days, transaction)
  }

  /// The encoded facts of several changes appended with one write per day (`DayFiles.append`),
  /// where the changes' appends one after the other would put them (a round of 32 creates of
  /// one day: one `pwrite`, not 32); returns each change's ranges, in the changes' order. A
  /// failed write throws, the days written before it written.
  func appendFacts(of changes: [[FactRecords]], to days: DayFiles, _ transaction: StoreTransaction)
    throws(StoreError) -> [PendingFacts.Range]
  {
    var order: [Int] = []
    var parts: [Int: [[UInt8]]] = [:]
    for groups in changes {
      for (day, bytes) in groups {
        if parts[day] == nil { order.append(day) }
        parts[day, default: []].append(bytes)
      }
    }
    var placed: [Int: ArraySlice<PendingFacts.Range>] = [:]
    for day in order { placed[day] = try days.append(parts[day] ?? [], day: day, transaction)[...] }
    var ranges: [PendingFacts.Range] = []
    for groups in changes {
      for (day, _) in groups { if let range = placed[day]?.popFirst() { ranges.append(range) } }
    }
    return ranges
  }

  /// Facts encoded for their day files: each day's records, in the order of the days' first
  /// facts. Depends on nothing but the facts, so a change's are encoded before the lock
  /// (`PreparedCaseChange`).
  typealias FactRecords = (day: Int, bytes: [UInt8])

  static func factRecords(_ facts: [ReportFact]) -> [FactRecords] {
    // A command's facts are of one day: a day is found by its position only once a second
    // one appears.
    var groups: [FactRecords] = []
    var positions: [Int: Int] = [:]
    for fact in facts {
      let day = ReportFact.day(of: fact.at)
      let index: Int
      if let last = groups.indices.last, groups[last].day == day {
        index = last
      } else if let known = positions[day] {
        index = known
      } else {
        if groups.count == 1 { positions[groups[0].day] = 0 }
        index = groups.count
        if index > 0 { positions[day] = index }
        groups.append((day, []))
      }
      FactRecord.encode(fact, into: &groups[index].bytes)
    }
    return groups
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
