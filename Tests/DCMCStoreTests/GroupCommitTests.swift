import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Synchronization
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Group commit (`GroupCommit`, `docs/store.md`, "Group commit"): creates from many threads
/// share flushes, each is answered only after the flush that covers it, and a failed flush
/// acknowledges none of the requests it covered.
@Suite(.serialized) struct GroupCommitTests {
  static let root = "/store"
  static let now = Instant(secondsSinceEpoch: 1_772_442_000)  // 2026-03-02T09:00:00Z
  static let requests = 32

  /// The acknowledged cases and the failures of `count` creates through `committer`, each on a
  /// thread of its own, all for the customer of a case made first (without the committer: a
  /// customer record a create adds is appended on its own, under the store's lock). The first is alone in the first round: its log's flush is held (`gate`)
  /// until every other create has joined the queue, so they all share the second round.
  static func create(
    _ count: Int, on runtime: FileRuntime, through committer: GroupCommit, gate: HeldLogFlush
  ) throws -> (acknowledged: [CaseState], failed: Int) {
    let first = try runtime.create(type: "technical", fields: technicalForm("g"), requestID: nil, by: "alice", at: now)
    var committing = runtime.at(now)
    committing.committer = committer
    let service = committing
    gate.release = { committer.submitted == count }
    let answers = Mutex<(acknowledged: [CaseState], failed: Int)>(([], 0))
    let done = DispatchGroup()
    for number in 0..<count {
      if number == 1 { while !gate.isHolding { sched_yield() } }
      done.enter()
      Thread.detachNewThread {
        defer { done.leave() }
        do {
          let state = try service.create(type: "technical", fields: technicalForm("g\(number)"), request: nil, customer: first.customer, by: "alice")
          answers.withLock { $0.acknowledged.append(state) }
        } catch {
          answers.withLock { $0.failed += 1 }
        }
      }
    }
    done.wait()
    return answers.withLock { $0 }
  }

  @Test func concurrentCreatesShareFlushesAndEveryAcknowledgedOneSurvivesAPowerLoss() throws {
    let memory = MemoryFileSystem()
    _ = try FileRuntime.openOrCreate(at: Self.root, fileSystem: memory).deploy(
      CaseStoreFixture.compiled.bundle, bytes: CaseStoreFixture.compiled.bytes)
    memory.checkpoint()
    let gate = HeldLogFlush(base: memory)
    let runtime = try FileRuntime.open(at: Self.root, fileSystem: gate)
    let committer = GroupCommit(repository: runtime.repository)
    let (acknowledged, failed) = try Self.create(Self.requests, on: runtime, through: committer, gate: gate)
    #expect(failed == 0)
    #expect(acknowledged.count == Self.requests)
    #expect(Set(acknowledged.map(\.id)).count == Self.requests, "two creates took one reference")
    #expect(committer.rounds == 2)
    #expect(gate.flushes < Self.requests, "\(gate.flushes) flushes for \(Self.requests) creates: \(gate.flushed)")
    // Each waiting request woken once: the one that leads the second round when the first
    // ends, the 30 others when the second answers them (a broadcast at the end of each round
    // woke every waiting request: 31 + 30).
    #expect(committer.wakeups == Self.requests - 1, "\(committer.wakeups) wake-ups")

    // Every acknowledged case is whole after a power loss that keeps only what was flushed.
    let lost = try FileRuntime.open(at: Self.root, fileSystem: MemoryFileSystem(tree: memory.stateLosingEverythingNotDurable()))
    for state in acknowledged { #expect(try lost.history(of: StoreID(state.id))?.count == state.version, "\(state.id) lost") }
    #expect(try lost.verify().problems == [])
    // Before each flush (a round's `syncfs` of its journal line, entries and new logs' bytes,
    // and its commit, the `fsync` of `streams/` after the renames), each case is there whole or
    // not at all, and the store verifies.
    let cuts = memory.cutsBeforeEveryFlush()
    #expect(cuts.count > memory.cutsBeforeFlushingEverything().count, "no commit flush but syncfs")
    for cut in cuts {
      let store = try FileRuntime.open(
        at: Self.root, fileSystem: MemoryFileSystem(tree: memory.stateLosingEverythingNotDurable(afterOperations: cut)))
      for state in acknowledged {
        let count = try store.history(of: StoreID(state.id))?.count
        #expect(count == nil || count == state.version, "\(state.id) half made")
      }
      #expect(try store.verify().problems == [])
    }
  }

  /// A round of creates waits for the disk twice: a `syncfs` for the journal line, the entries
  /// and the new logs' temporary files, then, after the renames, an `fsync` of `streams/`: the
  /// commit point. Either failing fails every request of the round and leaves no case of it.
  @Test(arguments: [EIO, ENOSPC], [false, true])
  func aFailedGroupFlushFailsEveryRequestItCoveredAndAcknowledgesNone(code: Int32, atCommit: Bool) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let root = directory.url.path + "/store"
    _ = try FileRuntime.openOrCreate(at: root).deploy(
      CaseStoreFixture.compiled.bundle, bytes: CaseStoreFixture.compiled.bytes)
    // Each of the first case (made directly), the first round (one create) and the second
    // (every other create) makes one `syncfs` and one `fsync` of `streams/`: the second
    // round's third of either fails.
    let gate = HeldLogFlush(base: PosixFileSystem())
    let failing = FailingFlush(base: gate, directory: atCommit ? root + "/streams" : nil, call: 3, code: code)
    let runtime = try FileRuntime.open(at: root, fileSystem: failing)
    let committer = GroupCommit(repository: runtime.repository)
    let (acknowledged, failed) = try Self.create(Self.requests, on: runtime, through: committer, gate: gate)
    #expect(committer.rounds == 2)
    #expect(failing.failures == 1)
    #expect(acknowledged.count == 1)
    #expect(failed == Self.requests - 1)
    let store = try FileRuntime.open(at: root)
    #expect(try store.cases().count == 2, "a case of the failed round was kept")
    #expect(try acknowledged.allSatisfy { try store.history(of: StoreID($0.id))?.count == $0.version })
    #expect(try store.verify().problems == [])
  }
}

/// A file system that holds the first commit flush of a case log (`fdatasync` or `syncfs`
/// given a log under `streams/`, or the `fsync` of `streams/` that makes new logs' names
/// durable) once `release` is set, until it says so, and counts the flushes since.
final class HeldLogFlush: ForwardingFileSystem, @unchecked Sendable {
  let base: any FileSystem
  private let lock = NSLock()
  private var held = false
  private var holding = false
  private var count = 0
  private var paths: [String] = []
  var flushed: [String] { lock.withLock { paths } }
  private var condition: (@Sendable () -> Bool)?

  init(base: any FileSystem) { self.base = base }

  var release: (@Sendable () -> Bool)? {
    get { lock.withLock { condition } }
    set {
      lock.withLock {
        condition = newValue
        count = 0
        paths = []
      }
    }
  }
  var isHolding: Bool { lock.withLock { holding } }
  var flushes: Int { lock.withLock { count } }

  func willCall(_ kind: OperationKind, _ operation: String, _ path: String) throws(FileError) {
    guard [.synchronize, .synchronizeDirectory, .synchronizeFileSystem].contains(kind) else { return }
    let hold = lock.withLock { () -> (@Sendable () -> Bool)? in
      count += 1
      paths.append(operation + " " + path)
      let commit = kind == .synchronizeDirectory ? path.hasSuffix("/streams") : path.contains("/streams/")
      guard !held, let condition, commit else { return nil }
      held = true
      holding = true
      return condition
    }
    guard let hold else { return }
    while !hold() { sched_yield() }
    lock.withLock { holding = false }
  }
}

/// A file system that fails the `call`-th `syncfs` (or with `directory`, the `call`-th `fsync`
/// of that directory) with `code`, once.
final class FailingFlush: ForwardingFileSystem, @unchecked Sendable {
  let base: any FileSystem
  let directory: String?
  let call: Int
  let code: Int32
  private let lock = NSLock()
  private var count = 0
  private var failed = 0
  var failures: Int { lock.withLock { failed } }

  init(base: any FileSystem, directory: String?, call: Int, code: Int32) {
    (self.base, self.directory, self.call, self.code) = (base, directory, call, code)
  }

  func willCall(_ kind: OperationKind, _ operation: String, _ path: String) throws(FileError) {
    let watched = directory.map { kind == .synchronizeDirectory && path == $0 } ?? (kind == .synchronizeFileSystem)
    guard watched else { return }
    let fails = lock.withLock { () -> Bool in
      count += 1
      if count == call { failed += 1 }
      return count == call
    }
    if fails { throw .system(operation: operation, path: path, code: code) }
  }
}
