import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A tick fires all its due cases as one batch under one lock: the index entries of every
/// case first (one `syncfs` with the facts journal), then every case's log written and one
/// `syncfs` for all. These tests hold it to what that promises: fewer flushes, entries that move without
/// new files, and a batch whose flush fails changing no case, the retry firing each once.
struct CaseStoreTickTests {
  static let start = Instant(secondsSinceEpoch: 1_772_442_000)  // 2026-03-02T09:00:00Z
  /// Three days on, every case's OLA and SLA timers are due.
  static let late = start.adding(seconds: 3 * 86_400)

  /// A store with `count` Technical cases created at the same instant: their timers share
  /// every minute of the timer index.
  static func prepared(cases count: Int) throws -> CaseStoreFixture {
    let fixture = try CaseStoreFixture()
    let store = try fixture.store()
    for number in 1...count {
      _ = try store.create(
        type: "technical", fields: technicalForm("r\(number)"), requestID: nil, by: "alice", at: start)
    }
    return fixture
  }

  static let ids = ["TEC-000001", "TEC-000002", "TEC-000003"]

  static func histories(_ store: FileRuntime) throws -> [[CaseEvent]?] {
    try ids.map { try store.history(of: StoreID($0)) }
  }

  @Test func aTickFlushesTheEntriesOfAllItsCasesOnceThenTheirLogsOnce() throws {
    let fixture = try Self.prepared(cases: 5)
    defer { fixture.remove() }
    let counting = CountingFileSystem()
    let changed = try fixture.store(counting).tick(by: nil, at: Self.start.adding(seconds: 86_400 + 3600))
    #expect(changed.count == 5)
    // One case at a time, the minute directory of their next timer was flushed five times; then
    // each directory once after the journal; now one `syncfs` covers the journal and every
    // directory, and one more the five logs. The one directory flushed is the root, after the
    // tick mark (`tick.json`) is replaced.
    #expect(counting.directoryFlushes() == [fixture.root: 1])
    #expect(counting.fileSystemFlushes() == 2)
    #expect(try fixture.store().verify().problems.isEmpty)
  }

  @Test func aTimerEntryThatMovesKeepsItsFile() throws {
    let fixture = try Self.prepared(cases: 1)
    defer { fixture.remove() }
    let store = try fixture.store()
    func entry() throws -> (path: String, inode: UInt64) {
      let timers = fixture.root + "/timers"
      let day = try #require(try FileManager.default.contentsOfDirectory(atPath: timers).sorted().first)
      let minute = try #require(try FileManager.default.contentsOfDirectory(atPath: timers + "/" + day).sorted().first)
      let path = "\(timers)/\(day)/\(minute)/TEC-000001"
      var status = stat()
      #expect(stat(path, &status) == 0, "no entry at \(path)")
      return (path, UInt64(status.st_ino))
    }
    let first = try entry()
    // The OLA warning fires; the case's next timer is its OLA breach, in another minute.
    let changed = try store.tick(by: nil, at: Self.start.adding(seconds: 86_400 + 3600))
    #expect(changed.map(\.id) == ["TEC-000001"])
    let second = try entry()
    #expect(second.path != first.path)
    #expect(second.inode == first.inode, "the moved entry is a new file")
    #expect(!FileManager.default.fileExists(atPath: first.path))
    #expect(try store.verify().problems.isEmpty)
  }

  /// The batch's journal line and entries are made durable by one `syncfs` (call 1), then its
  /// logs are written and made durable by another (call 2): when either fails, no case of the
  /// batch changed (every log cut back, every index entry taken back), and the retry fires
  /// every timer once.
  @Test(arguments: [EIO, ENOSPC], [1, 2])
  func aTickWhoseGroupFlushFailsChangesNoCaseAndTheRetryFiresEachOnce(code: Int32, call: Int) throws {
    let control = try Self.prepared(cases: 3)
    defer { control.remove() }
    #expect(try control.store().tick(by: nil, at: Self.late).map(\.id) == Self.ids)
    let expected = try Self.histories(control.store())

    let fixture = try Self.prepared(cases: 3)
    defer { fixture.remove() }
    let before = try Self.histories(fixture.store())
    let plan = FaultPlan(kind: .synchronizeFileSystem, call: call, persistent: false, code: code)
    let failing = FaultInjectingFileSystem(base: PosixFileSystem(), plan: plan)
    #expect(throws: ServiceError.self) { try fixture.store(failing).tick(by: nil, at: Self.late) }
    #expect(failing.failureCount == 1)
    let store = try fixture.store()
    #expect(try Self.histories(store) == before, "a case of the failed batch changed")
    #expect(try store.verify().problems.isEmpty)

    let counting = CountingFileSystem()
    #expect(try fixture.store(counting).tick(by: nil, at: Self.late).map(\.id) == Self.ids)
    #expect(counting.fileSystemFlushes() == 2, "the batch's entries or logs were not flushed together")
    #expect(try Self.histories(store) == expected, "the retry fired a timer twice or missed one")
    #expect(try store.tick(by: nil, at: Self.late).isEmpty)
    #expect(try store.verify().problems.isEmpty)
  }
}

/// The real file system, counting the directory flushes by path, and the `syncfs` calls.
final class CountingFileSystem: ForwardingFileSystem, @unchecked Sendable {
  let base: any FileSystem = PosixFileSystem()
  private let lock = NSLock()
  private var flushes: [String: Int] = [:]
  private var groupFlushes = 0

  func directoryFlushes() -> [String: Int] { lock.withLock { flushes } }

  func fileSystemFlushes() -> Int { lock.withLock { groupFlushes } }

  func synchronizeFileSystem(_ file: FileDescriptor) throws(FileError) {
    lock.withLock { groupFlushes += 1 }
    try base.synchronizeFileSystem(file)
  }

  func synchronizeDirectory(_ path: String) throws(FileError) {
    lock.withLock { flushes[path, default: 0] += 1 }
    try base.synchronizeDirectory(path)
  }
}
