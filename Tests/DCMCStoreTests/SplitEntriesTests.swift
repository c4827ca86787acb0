import DCMCApplication
import DCMCFiles
import DCMCRuntime
@testable import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Issue 18: a round's index entries are made on two threads (`insertEntries`,
/// `HelperThread`), the indexes in two halves, one on the repository's helper thread while
/// the lock's holder makes the other. What is written is what one thread writes; a failure of
/// either half undoes the round whole.
@Suite struct SplitEntriesTests {
  static let root = "/store"
  /// The runtime's index directories, whose entry files `IndexCalls` watches.
  static let indexes: Set<String> = ["timers", "workbins", "queues", "holders", "open", "created", "by-customer"]

  /// A file system in memory that records which thread made each index entry (a `link` or an
  /// `open` of a file in an index, not a hidden one), and, once armed (`arm`), fails the first
  /// such call made on the thread `failing` picks (`nil`: none). With `helperFirst`, the
  /// caller's first entry waits (at most 10 s from the file system's making, once) until another thread made one: the helper then
  /// runs its half however late the machine schedules it (else the caller takes it back).
  final class IndexCalls: ForwardingFileSystem, @unchecked Sendable {
    let base: any FileSystem
    let caller = pthread_self()
    /// true: fail the caller's first entry; false: the first made on another thread.
    let failing: Bool?
    let helperFirst: Bool
    private let lock = NSCondition()
    private var onCaller = 0
    private var elsewhere = 0
    private var armed = true
    private var failed = false
    /// When the caller's wait for another thread's entry ends (`helperFirst`), and whether it did.
    private let deadline = Date().addingTimeInterval(10)
    private var timedOut = false

    init(_ base: any FileSystem, failing: Bool? = nil, helperFirst: Bool) {
      self.base = base
      self.failing = failing
      self.helperFirst = helperFirst
    }

    /// How many entries were made (or tried) on the calling thread and on others.
    var counts: (caller: Int, elsewhere: Int) { lock.withLock { (onCaller, elsewhere) } }
    var didFail: Bool { lock.withLock { failed } }
    /// Waits and failures only from now on (`arm`).
    func disarm() { lock.withLock { armed = false } }
    func arm() { lock.withLock { armed = true } }

    func willCall(_ kind: OperationKind, _ operation: String, _ path: String) throws(FileError) {
      let parts = path.dropFirst(SplitEntriesTests.root.count + 1).split(separator: "/")
      guard kind == .link || kind == .open, let first = parts.first, SplitEntriesTests.indexes.contains(String(first)),
        parts.count > 1, let last = parts.last, !last.hasPrefix(".")
      else { return }
      let here = pthread_equal(pthread_self(), caller) != 0
      let fails = lock.withLock { () -> Bool in
        // Bounded by one deadline for the whole test: each turn is woken by another thread's
        // entry or times out, and after a time-out no entry waits again (without a helper,
        // each of a round's entries would otherwise wait its own 10 s).
        while here, helperFirst, armed, elsewhere == 0, !timedOut {
          if !lock.wait(until: deadline) { timedOut = true }
        }
        if here { onCaller += 1 } else {
          elsewhere += 1
          lock.broadcast()
        }
        guard let failing, failing == here, armed, !failed else { return false }
        failed = true
        return true
      }
      if fails { throw .system(operation: operation, path: path, code: EIO) }
    }
  }

  /// A deployed store in memory, and its repository on `calls` over it.
  static func store(failing: Bool? = nil, helperFirst: Bool = false, helper: HelperThread = HelperThread())
    throws -> (MemoryFileSystem, IndexCalls, FileCaseRepository)
  {
    let memory = MemoryFileSystem()
    let runtime = try FileRuntime.openOrCreate(at: root, fileSystem: memory)
    _ = try runtime.deploy(CaseStoreFixture.compiled.bundle, bytes: CaseStoreFixture.compiled.bytes)
    let calls = IndexCalls(memory, failing: failing, helperFirst: helperFirst)
    var repository = try FileCaseRepository.open(at: root, fileSystem: calls)
    repository.helperThread = helper
    return (memory, calls, repository)
  }

  /// A helper whose thread cannot be made.
  static var noThread: HelperThread {
    HelperThread(starter: ThreadStarter { name, _ throws(NamedThreadError) in throw NamedThreadError(name: name, code: EAGAIN) })
  }

  @Test func aRoundOfCreatesMakesItsEntriesOnTwoThreadsAndWritesWhatOneThreadWrites() throws {
    let creations = try CreateRoundFilesTests.creations(8)
    let (split, calls, repository) = try Self.store(helperFirst: true)
    #expect(try repository.append(creations, tick: nil) == Array(repeating: .appended, count: 8))
    // Six entries a create (a timer, a workbin, a queue, open, created, by-customer): three
    // indexes on each thread.
    let counts = calls.counts
    #expect(counts.caller > 0 && counts.elsewhere > 0, "\(counts)")
    #expect(repository.helperThread.jobsRun == 1)
    // The same round on one thread (the helper's cannot be made): the same tree, the same bytes.
    let (alone, aloneCalls, aloneRepository) = try Self.store(helper: Self.noThread)
    #expect(try aloneRepository.append(creations, tick: nil) == Array(repeating: .appended, count: 8))
    #expect(aloneCalls.counts.caller == counts.caller + counts.elsewhere && aloneCalls.counts.elsewhere == 0)
    #expect(aloneRepository.helperThread.jobsRun == 0)
    #expect(split.tree() == alone.tree())
    #expect(try FileRuntime(repository).verify().problems == [])
  }

  /// A change or two (a tick's, the CLI's) has too few entries to pay for waking the helper.
  @Test func aSmallRoundStaysOnTheCallersThread() throws {
    let (_, calls, repository) = try Self.store()
    #expect(try repository.append(try CreateRoundFilesTests.creations(2), tick: nil) == [.appended, .appended])
    #expect(calls.counts.elsewhere == 0 && calls.counts.caller > 0)
    #expect(repository.helperThread.jobsRun == 0)
  }

  /// A helper not scheduled before the caller ended its own half (a busy machine) is not
  /// waited for: the caller makes the helper's half too, and the helper skips the job when it
  /// wakes.
  @Test func aHelperScheduledLateIsNotWaitedFor() throws {
    let gate = Handoff<Bool>()
    let late = HelperThread(
      starter: ThreadStarter { name, body throws(NamedThreadError) in
        try NamedThread.start(named: name) {
          _ = gate.take()
          body()
        }
      })
    let creations = try CreateRoundFilesTests.creations(8)
    let (memory, calls, repository) = try Self.store(helper: late)
    #expect(try repository.append(creations, tick: nil) == Array(repeating: .appended, count: 8))
    #expect(calls.counts.elsewhere == 0 && calls.counts.caller > 0)
    #expect(late.jobsRun == 0)
    let written = memory.tree()
    // The helper wakes, finds its job taken and makes nothing.
    gate.give(true)
    let (_, aloneCalls, alone) = try Self.store(helper: Self.noThread)
    _ = try alone.append(creations, tick: nil)
    #expect(calls.counts.caller == aloneCalls.counts.caller)
    #expect(memory.tree() == written)
    #expect(try FileRuntime(repository).verify().problems == [])
  }

  @Test(arguments: [false, true])
  func aRoundWhoseHalfFailsIsUndoneWhole(callersHalf: Bool) throws {
    let creations = try CreateRoundFilesTests.creations(9)
    let (memory, calls, repository) = try Self.store(failing: callersHalf, helperFirst: true)
    calls.disarm()
    // A case first (alone, on the caller's thread: it makes its entries), so the indexes'
    // directories hold one and stay (a failed round takes back an index directory it leaves
    // empty, `undoEntries`).
    #expect(try repository.append([creations[0]], tick: nil) == [.appended])
    let round = Array(creations[1...])
    let before = memory.tree()
    calls.arm()
    #expect(throws: RepositoryError.self) { try repository.append(round, tick: nil) }
    #expect(calls.didFail)
    // Both halves ran (the other half made its entries), and nothing of either is left: no
    // entry, no log, no state, the facts journal as it was.
    #expect(calls.counts.caller > 0 && calls.counts.elsewhere > 0, "\(calls.counts)")
    let after = memory.tree()
    #expect(after.keys.sorted() == before.keys.sorted())
    for (path, entry) in before where after[path] != entry { Issue.record("\(path) changed") }
    // The round again, on a file system that no longer fails: made whole.
    #expect(try repository.append(round, tick: nil) == Array(repeating: .appended, count: 8))
    #expect(try FileRuntime(repository).verify().problems == [])
  }
}
