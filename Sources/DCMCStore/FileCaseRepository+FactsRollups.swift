public import DCMCApplication
public import DCMCCalendar
import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The rollups of the day files (`docs/store.md`, "Report facts"): `facts/YYYY/MM/DD.rollup`
/// holds the `FactsRollup` of `DD.facts` as it was when the rollup was written (`RollupFile`),
/// so a report over whole days reads about 30 rollups instead of decoding every fact.
///
/// A rollup is a cache of its day file, never the source: it is used only when the day file
/// still has the length and the last bytes it was made from; any other rollup (stale after
/// later appends, torn, damaged, or of a day file written again) is ignored and the day file
/// decoded. A report writes the rollup of each whole day it had to decode (under the lock,
/// replaced atomically and durably), `store rebuild` writes every day's, and `store verify`
/// reports one that disagrees with its day file.
extension FileCaseRepository {
  /// `facts/YYYY/MM/DD.rollup` for a UTC day.
  static func rollupPath(day: Int) -> StorePath { dayPath(day: day, suffix: ".rollup") }

  /// A day as a report needs it: its rollup, and the rollup file to write when the one kept
  /// was missing or stale.
  struct DayRollup: Sendable {
    var rollup: FactsRollup
    var write: [UInt8]?
  }

  /// Settles `facts/pending` first when a change in it is not, as `facts(in:)`. Each day
  /// the period covers whole is read from its rollup when that holds; a day the period cuts,
  /// or with facts in the old CSV format, is decoded and rolled up from its facts in the period.
  /// The next day is read on another thread while `visit` counts the day (`FactsReadAhead`).
  public func rollups(in period: Range<Instant>, _ visit: (FactsRollup) -> Void) throws(RepositoryError) {
    guard let days = ReportFact.days(of: period) else { return }
    if try !pendingFactsSettled() {
      try locked { transaction throws(RepositoryError) in try settlePendingFacts(transaction, checkingLogs: true) }
    }
    let store = store
    func readAhead(_ day: Int) -> FactsReadAhead<DayRollup> {
      FactsReadAhead { () throws(StoreError) in try Self.dayRollup(day, in: period, store: store) }
    }
    var writes: [(day: Int, bytes: [UInt8])] = []
    var next = readAhead(days.lowerBound)
    for day in days {
      let current = next
      if day < days.upperBound { next = readAhead(day + 1) }
      let found = try wrap { () throws(StoreError) in try current.value() }
      visit(found.rollup)
      if let bytes = found.write { writes.append((day, bytes)) }
    }
    guard !writes.isEmpty else { return }
    do throws(StoreError) {
      try writing { transaction throws(StoreError) in
        for (day, bytes) in writes { try transaction.replace(Self.rollupPath(day: day), with: bytes) }
      }
    } catch {
      derivedFileFailed?(error)
    }
  }

  /// `day`'s rollup in `period`: the kept one when it holds (and `keeping`), else made from
  /// the facts (and, for a whole day without CSV facts, the rollup file to keep).
  static func dayRollup(
    _ day: Int, in period: Range<Instant>, store: Store, keeping: Bool = true
  ) throws(StoreError) -> DayRollup {
    let start = Instant(secondsSinceEpoch: day * 86_400)
    let whole = period.lowerBound <= start && start.adding(seconds: 86_400) <= period.upperBound
    let legacy = try store.contents(of: legacyFactsPath(day: day))
    if keeping, whole, legacy == nil, let kept = try keptRollup(day, store: store) { return DayRollup(rollup: kept) }
    var facts: [ReportFact] = []
    if let legacy { FactLine.each(legacy) { if period.contains($0.at) { facts.append($0) } } }
    let records = try store.contents(of: factsPath(day: day)) ?? []
    FactRecord.each(records) { if period.contains($0.at) { facts.append($0) } }
    let rollup = FactsRollup(from: max(start, period.lowerBound), facts: facts)
    guard whole, legacy == nil, !records.isEmpty else { return DayRollup(rollup: rollup) }
    return DayRollup(rollup: rollup, write: RollupFile.encode(rollup, cover: RollupFile.Cover(of: records)))
  }

  /// The rollup kept for `day` when its file is whole and its day file still is what it was
  /// made from; `nil` otherwise.
  static func keptRollup(_ day: Int, store: Store) throws(StoreError) -> FactsRollup? {
    guard let bytes = try store.contents(of: rollupPath(day: day)), let (rollup, cover) = RollupFile.decode(bytes)
    else { return nil }
    return try cover == currentCover(day, length: cover.length, store: store) ? rollup : nil
  }

  /// The cover of the first `length` bytes of `day`'s file, read from its last bytes only;
  /// `nil` when the file is missing or has another length.
  static func currentCover(_ day: Int, length: Int, store: Store) throws(StoreError) -> RollupFile.Cover? {
    let file: FileDescriptor
    do {
      file = try io(store.fileSystem.open(factsPath(day: day).absolute(in: store.root), .read))
    } catch where error.code == ENOENT {
      return nil
    }
    defer { store.fileSystem.close(file) }
    guard try io(store.fileSystem.size(file)) == length else { return nil }
    let tailStart = max(0, length - RollupFile.tailSize)
    let tail = try io(store.fileSystem.read(file, at: tailStart, count: length - tailStart))
    guard tail.count == length - tailStart else { return nil }
    return RollupFile.Cover(length: length, tail: CRC32C.checksum(tail))
  }
}

extension FileCaseRepository {
  /// What `store verify` finds in the rollups of `days`: one that is not a whole rollup file,
  /// or that covers its day file as it is but differs from the rollup of its facts. One left
  /// behind by later appends is no problem: reports decode that day until it is written again.
  func rollupProblems(_ days: Set<Int>) throws(StoreError) -> [String] {
    var problems: [String] = []
    for day in days.sorted() {
      let path = Self.rollupPath(day: day)
      guard let (rollup, cover) = RollupFile.decode(try store.contents(of: path) ?? []) else {
        problems.append("\(path): damaged rollup (reports decode the day file): store rebuild rewrites it")
        continue
      }
      guard try cover == Self.currentCover(day, length: cover.length, store: store) else { continue }
      let start = Instant(secondsSinceEpoch: day * 86_400)
      if try Self.dayRollup(day, in: start..<start.adding(seconds: 86_400), store: store, keeping: false).rollup != rollup {
        problems.append("\(path) differs from its day file (reports would count other figures): store rebuild rewrites it")
      }
    }
    return problems
  }

  /// Writes the rollup of each of `days` with a day file and no CSV facts, and removes the
  /// others' (`store rebuild`, after the day files are rewritten).
  func rewriteRollups(days: Set<Int>, _ transaction: StoreTransaction) throws(StoreError) {
    for day in days.sorted() {
      let start = Instant(secondsSinceEpoch: day * 86_400)
      if let bytes = try Self.dayRollup(day, in: start..<start.adding(seconds: 86_400), store: store, keeping: false).write {
        try transaction.replace(Self.rollupPath(day: day), with: bytes)
      } else {
        try transaction.remove(Self.rollupPath(day: day))
      }
    }
  }
}
