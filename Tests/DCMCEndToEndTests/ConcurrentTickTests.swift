import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 7: two ticks at once never fire one timer twice. Four `dcmc tick` processes, at the
/// same instant, on a store whose cases all have timers due, are let go together: the test
/// holds the store's lock until the kernel shows all four waiting for it. Afterwards every
/// case's history is exactly what one tick alone makes of it.
@Suite struct ConcurrentTickTests {
  static let cases = 6

  /// A store with `cases` Technical cases created on Monday morning.
  static func store(in directory: TemporaryDirectory, _ name: String) throws -> String {
    let store = directory.url.appendingPathComponent(name).path
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", store]).status == 0)
    try TechnicalCases.create(cases, store: store)
    return store
  }

  @Test(.enabled(if: FileManager.default.isReadableFile(atPath: "/proc/locks"), "needs Linux's /proc/locks"))
  func fourTicksAtOnceFireEachTimerOnce() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let alone = try Self.store(in: directory, "alone")
    #expect(try BinaryRunner.run(["tick", "--at", TechnicalCases.late, "--store", alone]).status == 0)
    let expected = try TechnicalCases.histories(Self.cases, store: alone)
    #expect(expected.allSatisfy { $0.contains("\"timer.fired\"") }, "no timer was due")

    let shared = try Self.store(in: directory, "shared")
    let lock = open(shared + "/store.lock", O_RDWR | O_CLOEXEC)
    try #require(lock >= 0)
    #expect(flock(lock, LOCK_EX) == 0)
    let ticks = try (1...4).map { _ in try BinaryRunner.start(["tick", "--at", TechnicalCases.late, "--store", shared]) }
    let pids = Set(ticks.map { String($0.processIdentifier) })
    // (A tick that ends early stops the wait; its status then fails the test.)
    while TaskNextRaceTests.waitingForALock(pids) < pids.count && ticks.allSatisfy({ $0.isRunning }) { sched_yield() }
    #expect(flock(lock, LOCK_UN) == 0)
    close(lock)
    for process in ticks {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
    #expect(try TechnicalCases.histories(Self.cases, store: shared) == expected, "a timer fired twice, or one was missed")
    let verify = try BinaryRunner.run(["store", "verify", "--store", shared])
    #expect(verify.status == 0, "\(verify.stdout)")
  }
}
