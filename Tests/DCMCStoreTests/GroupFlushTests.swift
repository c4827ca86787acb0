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

/// A batch of several logs (a tick's cases, a tick's presence changes) is written, then made
/// durable by one `syncfs` (`FileSystem.synchronizeFileSystem`) instead of an `fdatasync` per
/// log. What that must keep: every case a cut leaves is its state before or after, never a mix,
/// and recovers; a batch that returned is all there; a failed group flush changes nobody.
struct GroupFlushTests {
  static let root = "/store"
  static let start = Instant(secondsSinceEpoch: 1_772_442_000)  // 2026-03-02T09:00:00Z
  static let ids = ["TEC-000001", "TEC-000002"]

  static func histories(_ store: FileRuntime) throws -> [[CaseEvent]?] {
    try ids.map { try store.history(of: StoreID($0)) }
  }

  /// CrashMonkey's method on a tick firing the OLA warning of two cases, up to its `syncfs`:
  /// in every state a cut before it can leave, each case is before or after the tick (the two
  /// logs reach the disk in any order until the flush), `store verify` finds nothing but derived
  /// files behind, and the retried tick ends in the state after; once the flush is done, both
  /// cases are there, whatever becomes of the derived files written after it (which the
  /// single-case power-loss tests cover).
  @Test func everyStateAPowerCutLeavesInATwoCaseTickHasEachCaseBeforeOrAfter() throws {
    let fileSystem = MemoryFileSystem()
    let prepared = try FileRuntime.openOrCreate(at: Self.root, fileSystem: fileSystem)
    _ = try prepared.deploy(CaseStoreFixture.compiled.bundle, bytes: CaseStoreFixture.compiled.bytes)
    for number in 1...2 {
      _ = try prepared.create(
        type: "technical", fields: technicalForm("r\(number)"), requestID: nil, by: "alice", at: Self.start)
    }
    fileSystem.checkpoint()
    let tick = Self.start.adding(seconds: 86_400 + 3600)
    func copy() throws -> FileRuntime {
      try FileRuntime.open(at: Self.root, fileSystem: MemoryFileSystem(tree: fileSystem.tree()))
    }
    let before = try Self.histories(copy())
    #expect(try FileRuntime.open(at: Self.root, fileSystem: fileSystem).tick(by: nil, at: tick).count == 2)
    let after = try Self.histories(copy())
    // The last `syncfs` is the logs' (the first made the journal and the entries durable).
    let flush = try #require(fileSystem.cutsBeforeFlushingEverything().last, "the tick made no syncfs")
    var seen: Set<[Bool]> = []
    for cut in 0...flush {
      for state in fileSystem.crashStates(afterOperations: cut) {
        let store = try FileRuntime.open(at: Self.root, fileSystem: MemoryFileSystem(tree: state))
        let found = try Self.histories(store)
        for index in found.indices { #expect(found[index] == before[index] || found[index] == after[index], "a mix") }
        seen.insert(found.indices.map { found[$0] == after[$0] })
        // Derived files a cut leaves are behind their histories (`behind`), no damage.
        #expect(try store.verify().problems == [])
        _ = try store.tick(by: nil, at: tick)
        #expect(try Self.histories(store) == after, "the retried tick did not end in the state after")
      }
    }
    // Before the flush the two logs are independent.
    #expect(seen == [[false, false], [true, false], [false, true], [true, true]])
    for state in fileSystem.crashStates(afterOperations: flush + 1) {
      let store = try FileRuntime.open(at: Self.root, fileSystem: MemoryFileSystem(tree: state))
      #expect(try Self.histories(store) == after, "the flush did not make both cases durable")
    }
  }

  /// Two users' presence changes in one batch: the `syncfs` is their one flush (no `fdatasync`
  /// of a presence log), and when it fails neither user's presence changed, `store verify`
  /// finds nothing, and the same batch then goes through.
  @Test(arguments: [EIO, ENOSPC])
  func aPresenceBatchWhoseGroupFlushFailsChangesNobody(code: Int32) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let root = directory.url.path + "/store"
    let runtime = try FileRuntime.openOrCreate(at: root)
    _ = try runtime.deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes)
    let users = ["gary", "hana"]
    let ready = try users.map { user throws -> PresenceState in
      let event = PresenceEvent(seq: 1, at: Self.start, by: user, user: user, status: .ready)
      var after = PresenceState(user: user)
      after.evolve(event)
      let change = PresenceChangeSet(before: PresenceState(user: user), events: [event], after: after)
      #expect(try FileCaseRepository.open(at: root).appendPresence(change) == .appended)
      return after
    }
    let changes = ready.map { before in
      let event = PresenceEvent(
        seq: 2, at: Self.start.adding(seconds: 60), by: nil, user: before.user, status: .notReady(reason: "RONA"))
      var after = before
      after.evolve(event)
      return PresenceChangeSet(before: before, events: [event], after: after)
    }
    let failing = FaultInjectingFileSystem(
      base: PosixFileSystem(), plan: FaultPlan(kind: .synchronizeFileSystem, call: 1, persistent: false, code: code))
    #expect(throws: RepositoryError.self) {
      try FileCaseRepository.open(at: root, fileSystem: failing).appendPresence(changes)
    }
    #expect(failing.failureCount == 1)
    let repository = try FileCaseRepository.open(at: root)
    #expect(try users.map { try repository.loadPresence($0) } == ready, "a user of the failed batch changed")
    #expect(try FileRuntime.open(at: root).verify().problems == [])

    let counting = PresenceLogFlushes()
    let outcomes = try FileCaseRepository.open(at: root, fileSystem: counting).appendPresence(changes)
    #expect(outcomes == [.appended, .appended])
    #expect(counting.counts() == (logs: 0, fileSystem: 1))
    #expect(try users.map { try repository.loadPresence($0) } == changes.map(\.after))
    #expect(try FileRuntime.open(at: root).verify().problems == [])
  }
}

/// The real file system, counting the `fdatasync`s of presence logs and the `syncfs` calls.
final class PresenceLogFlushes: ForwardingFileSystem, @unchecked Sendable {
  let base: any FileSystem = PosixFileSystem()
  private let lock = NSLock()
  private var logs = 0
  private var groups = 0

  func counts() -> (logs: Int, fileSystem: Int) { lock.withLock { (logs, groups) } }

  func willCall(_ kind: OperationKind, _ operation: String, _ path: String) throws(FileError) {
    lock.withLock {
      if kind == .synchronize, path.contains("/presence/") { logs += 1 }
      if kind == .synchronizeFileSystem { groups += 1 }
    }
  }
}
