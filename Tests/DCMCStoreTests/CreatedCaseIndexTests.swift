import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
#if canImport(Glibc)
  import Glibc
#endif
import Synchronization
import Testing
import _DCMCTestSupport

/// The index of the cases by creation (`created/<yyyymmdd>/<hhmm>/<ss>/<case id>`): a page of
/// the case list walked through it is the page a read of every case gives, for any cursor and
/// filter; it reads the cases it passes, not the store; `store verify` names a missing entry
/// and not an extra one under another second (a killed create's, whose number the next create
/// took), `store rebuild` repairs both, and a store made before the index is read
/// case by case until rebuild makes the index whole.
@Suite struct CreatedCaseIndexTests {
  static let root = "/store"
  static let start = Instant(secondsSinceEpoch: 1_772_438_400)

  /// A store in memory with `count` cases created at random seconds of ten days (not in the
  /// order of their ids), a fifth of them in a second another case was created in, some
  /// cancelled or pending.
  static func seeded(count: Int, seed: UInt64, _ fileSystem: any FileSystem = MemoryFileSystem()) throws -> FileRuntime {
    let store = try FileRuntime.openOrCreate(at: root, fileSystem: fileSystem)
    _ = try store.deploy(CaseStoreFixture.compiled.bundle, bytes: CaseStoreFixture.compiled.bytes)
    var random = SeededGenerator(seed: seed)
    var seconds: [Int] = []
    for number in 0..<count {
      let second =
        seconds.isEmpty || random.next() % 5 != 0
        ? Int(random.next() % (10 * 86_400)) - 5 * 86_400 : seconds[Int(random.next() % UInt64(seconds.count))]
      seconds.append(second)
      let at = start.adding(seconds: second)
      let created = try store.create(
        type: "technical", fields: technicalForm("\(number)"), requestID: nil, by: "alice", at: at)
      switch random.next() % 6 {
      case 0: _ = try store.execute(.cancel, onCase: created.id, by: "sam", at: at.adding(seconds: 60))
      case 1: _ = try store.execute(.pend, onCase: created.id, by: "alice", at: at.adding(seconds: 60))
      default: break
      }
    }
    return store
  }

  /// Every page of `filter`, `size` at a time, each after the last case of the one before.
  static func pages(_ repository: FileCaseRepository, _ filter: CaseFilter, size: Int) throws -> [[String]] {
    var pages: [[String]] = []
    var query = filter
    query.limit = size
    for _ in 0..<10_000 {
      let found = try repository.cases(query)
      #expect(found.damaged.isEmpty)
      guard let last = found.cases.last else { break }
      pages.append(found.cases.map(\.id))
      query.after = CasePosition(last)
    }
    return pages
  }

  /// The pages a read of every case gives (the path a store without the index takes).
  static func reference(_ all: [CaseState], _ filter: CaseFilter, size: Int) -> [[String]] {
    let matching = filter.page(all.filter(filter.matches)).map(\.id)
    return stride(from: 0, to: matching.count, by: size).map { Array(matching[$0..<min($0 + size, matching.count)]) }
  }

  @Test(arguments: [1, 2] as [UInt64]) func pagesThroughTheIndexAreThePagesOfEveryCase(seed: UInt64) throws {
    let store = try Self.seeded(count: 1500, seed: seed)
    let all = try store.repository.cases(CaseFilter()).cases
    #expect(all.count == 1500)
    #expect(Set(all.map(\.createdAt)).count < 1500, "no two cases share a second")
    #expect(all.map(\.id) != all.map(\.id).sorted(), "the ids give the listing order")
    let filters = [
      CaseFilter(), CaseFilter(type: "technical"), CaseFilter(type: "none"), CaseFilter(status: .cancelled),
      CaseFilter(status: .pending), CaseFilter(unidentified: true),
    ]
    for filter in filters {
      for size in [1, 7, 100, 1000] where size > 1 || filter == CaseFilter(status: .cancelled) {
        #expect(try Self.pages(store.repository, filter, size: size) == Self.reference(all, filter, size: size))
      }
    }
    // A cursor in the middle of a second many cases were created in, and one no case is at.
    let crowded = Dictionary(grouping: all, by: \.createdAt).values.max { $0.count < $1.count }!
    #expect(crowded.count > 1)
    for after in [CasePosition(crowded[0]), CasePosition(createdAt: crowded[0].createdAt, id: "TEC-0005"),
      CasePosition(createdAt: Self.start.adding(seconds: 1), id: "")]
    {
      let filter = CaseFilter(after: after, limit: 50)
      #expect(try store.repository.cases(filter).cases == filter.page(all.filter(filter.matches)))
    }
    #expect(try store.verify().problems == [])
  }

  /// A page reads the logs of the cases it passes (its page and what its filter skips), not
  /// the store's: one log for a page of one case, of 1,500.
  @Test func aPageReadsTheCasesItPassesNotTheStore() throws {
    let counting = LogReads(base: MemoryFileSystem())
    let store = try Self.seeded(count: 1500, seed: 3, counting)
    let all = try store.repository.cases(CaseFilter()).cases
    let middle = CasePosition(all[700])
    counting.reads.withLock { $0 = 0 }
    let page = try store.repository.cases(CaseFilter(after: middle, limit: 10)).cases
    #expect(page.map(\.id) == all[701..<711].map(\.id))
    #expect(counting.reads.withLock { $0 } == 10)
    counting.reads.withLock { $0 = 0 }
    let cancelled = try store.repository.cases(CaseFilter(status: .cancelled, after: middle, limit: 3)).cases
    let passed = try #require(all.firstIndex { $0.id == cancelled.last?.id }) - 700
    #expect(cancelled.count == 3 && counting.reads.withLock { $0 } == passed)
  }

  @Test func verifyNamesAMissingEntryNotAnExtraOneAndRebuildRepairsBoth() throws {
    let fileSystem = MemoryFileSystem()
    let store = try Self.seeded(count: 30, seed: 4, fileSystem)
    let all = try store.repository.cases(CaseFilter()).cases
    let (first, second) = (all[3], all[20])
    let key = Self.key(first.createdAt)
    let elsewhere = Self.key(second.createdAt)
    try fileSystem.unlink("\(Self.root)/created/\(key)/\(first.id)")
    try? fileSystem.removeDirectory("\(Self.root)/created/\(key)")
    try fileSystem.link("\(Self.root)/created/\(elsewhere)/\(second.id)", as: "\(Self.root)/created/\(elsewhere)/x")
    let misfiled = String(elsewhere.prefix(13)) + "/99"
    try? fileSystem.makeDirectory("\(Self.root)/created/" + misfiled)
    try fileSystem.link("\(Self.root)/created/\(elsewhere)/\(second.id)", as: "\(Self.root)/created/\(misfiled)/\(second.id)")
    try fileSystem.makeDirectory("\(Self.root)/created/x")
    #expect(
      try store.verify().problems.sorted() == [
        "case '\(first.id)': missing from the cases by creation (created/\(key))",
        "created/x: stray directory in the index",
      ].sorted())
    // The page misses the case without its entry, and does not list the extra one twice.
    #expect(try Self.pages(store.repository, CaseFilter(), size: 7).flatMap { $0 } == all.map(\.id).filter { $0 != first.id })
    #expect(
      try store.rebuild().repaired.filter { $0.hasPrefix("created/") }.sorted() == [
        "created/\(key)/\(first.id)", "created/\(misfiled)/\(second.id)", "created/\(elsewhere)/x", "created/x",
      ].sorted())
    #expect(try store.verify().problems == [])
    #expect(try Self.pages(store.repository, CaseFilter(), size: 7).flatMap { $0 } == all.map(\.id))
  }

  /// Without `created/` a store's pages read every case and its creates add no entry; rebuild
  /// makes the index whole, which is no repair. `deploy` (which opens a store or makes it) on
  /// such a store does not make the index empty beside its cases, nor `open/`.
  @Test func aStoreWithoutTheIndexIsReadCaseByCaseUntilRebuildMakesIt() throws {
    let fileSystem = MemoryFileSystem()
    let store = try Self.seeded(count: 40, seed: 5, fileSystem)
    for directory in ["created", "open"] { try Self.removeTree("\(Self.root)/\(directory)", fileSystem) }
    let reopened = try FileRuntime.openOrCreate(at: Self.root, fileSystem: fileSystem)
    _ = try reopened.deploy(CaseStoreFixture.compiled.bundle, bytes: CaseStoreFixture.compiled.bytes)
    _ = try store.create(
      type: "technical", fields: technicalForm("late"), requestID: nil, by: "alice", at: Self.start.adding(seconds: 1))
    #expect(throws: FileError.self) { try fileSystem.list(Self.root + "/created") }
    #expect(throws: FileError.self) { try fileSystem.list(Self.root + "/open") }
    let all = try store.repository.cases(CaseFilter()).cases
    #expect(try Self.pages(store.repository, CaseFilter(), size: 9) == Self.reference(all, CaseFilter(), size: 9))
    #expect(try store.verify().problems == [])
    #expect(try store.rebuild().repaired.filter { $0.hasPrefix("created") || $0.hasPrefix("open") } == [])
    #expect(try fileSystem.list(Self.root + "/created").count > 1)
    #expect(try Self.pages(store.repository, CaseFilter(), size: 9) == Self.reference(all, CaseFilter(), size: 9))
    #expect(try store.verify().problems == [])
  }

  /// A create whose round fails takes its entry back with the directories it made.
  @Test func aFailedCreateLeavesNoEntry() throws {
    let fileSystem = FailingSyncs(base: MemoryFileSystem())
    let store = try Self.seeded(count: 1, seed: 6, fileSystem)
    let before = try fileSystem.base.list(Self.root + "/created").map(\.name)
    fileSystem.failing.withLock { $0 = true }
    #expect(throws: (any Error).self) {
      try store.create(
        type: "technical", fields: technicalForm("lost"), requestID: nil, by: "alice", at: Self.start.adding(seconds: 86_400 * 30))
    }
    fileSystem.failing.withLock { $0 = false }
    #expect(try fileSystem.base.list(Self.root + "/created").map(\.name) == before)
    #expect(try store.verify().problems == [])
  }

  /// Every state a power cut during a create leaves has the case with its entry, or neither
  /// (or an entry without its case, which a page passes over): the pages are those of every
  /// case, and verify names nothing in `created/`.
  @Test func aPowerCutDuringACreateKeepsTheIndexWithTheCases() throws {
    let fileSystem = MemoryFileSystem()
    let prepared = try FileRuntime.openOrCreate(at: Self.root, fileSystem: fileSystem)
    _ = try prepared.deploy(CaseStoreFixture.compiled.bundle, bytes: CaseStoreFixture.compiled.bytes)
    _ = try prepared.create(type: "technical", fields: technicalForm("first"), requestID: nil, by: "alice", at: Self.start)
    fileSystem.checkpoint()
    _ = try prepared.create(
      type: "technical", fields: technicalForm("cut"), requestID: "cut", by: "alice", at: Self.start.adding(seconds: 7))
    var seen: Set<Int> = []
    for state in fileSystem.crashStates() {
      let store = try FileRuntime.open(at: Self.root, fileSystem: MemoryFileSystem(tree: state))
      let all = try store.repository.cases(CaseFilter()).cases
      seen.insert(all.count)
      #expect(try Self.pages(store.repository, CaseFilter(), size: 2) == Self.reference(all, CaseFilter(), size: 2))
      #expect(!(try store.verify().problems.contains { $0.contains("created") }))
    }
    #expect(seen == [1, 2])
  }

  /// `20260303/1200/05`: the key of `instant` as a path.
  static func key(_ instant: Instant) -> String {
    let text = instant.description
    let digits = text.filter(\.isNumber)
    return String(digits.prefix(8)) + "/" + String(digits.dropFirst(8).prefix(4)) + "/" + String(digits.dropFirst(12).prefix(2))
  }

  static func removeTree(_ path: String, _ fileSystem: any FileSystem) throws {
    for entry in try fileSystem.list(path) {
      if entry.isDirectory { try removeTree(path + "/" + entry.name, fileSystem) } else { try fileSystem.unlink(path + "/" + entry.name) }
    }
    try fileSystem.removeDirectory(path)
  }
}

/// Counts the case logs opened.
final class LogReads: ForwardingFileSystem, @unchecked Sendable {
  let base: any FileSystem
  let reads = Mutex(0)
  init(base: any FileSystem) { self.base = base }

  func willCall(_ kind: OperationKind, _ operation: String, _ path: String) throws(FileError) {
    if kind == .open, path.hasSuffix(".log"), path.contains("/streams/") { reads.withLock { $0 += 1 } }
  }
}

/// Fails every flush of the file system (`syncfs`) while `failing`: a round's flush after
/// its index entries and before its appends.
final class FailingSyncs: ForwardingFileSystem, @unchecked Sendable {
  let base: any FileSystem
  let failing = Mutex(false)
  init(base: any FileSystem) { self.base = base }

  func willCall(_ kind: OperationKind, _ operation: String, _ path: String) throws(FileError) {
    guard failing.withLock({ $0 }), kind == .synchronizeFileSystem else { return }
    throw .system(operation: operation, path: path, code: EIO)
  }
}
