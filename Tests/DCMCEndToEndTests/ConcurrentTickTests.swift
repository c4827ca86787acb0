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
  static let late = "2026-03-05T12:00:00+01:00"  // Thursday: every OLA and SLA timer is due

  /// A store with `cases` Technical cases created on Monday morning.
  static func store(in directory: TemporaryDirectory, _ name: String) throws -> String {
    let store = directory.url.appendingPathComponent(name).path
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", store]).status == 0)
    for minute in 1...cases {
      let created = try BinaryRunner.run([
        "case", "create", "technical", "--fields", "samples/fields/technical.json", "--as", "alice",
        "--at", "2026-03-02T09:0\(minute):00+01:00", "--store", store,
      ])
      #expect(created.status == 0, "\(created.stderr)")
    }
    return store
  }

  static func histories(_ store: String) throws -> [String] {
    try (1...cases).map { number in
      let id = "TEC-" + String(repeating: "0", count: 6 - String(number).count) + String(number)
      let history = try BinaryRunner.run(["case", "history", id, "--json", "--store", store])
      #expect(history.status == 0, "\(history.stderr)")
      return history.stdout
    }
  }

  @Test(.enabled(if: FileManager.default.isReadableFile(atPath: "/proc/locks"), "needs Linux's /proc/locks"))
  func fourTicksAtOnceFireEachTimerOnce() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let alone = try Self.store(in: directory, "alone")
    #expect(try BinaryRunner.run(["tick", "--at", Self.late, "--store", alone]).status == 0)
    let expected = try Self.histories(alone)
    #expect(expected.allSatisfy { $0.contains("\"timer.fired\"") }, "no timer was due")

    let shared = try Self.store(in: directory, "shared")
    let lock = open(shared + "/store.lock", O_RDWR | O_CLOEXEC)
    try #require(lock >= 0)
    #expect(flock(lock, LOCK_EX) == 0)
    let ticks = try (1...4).map { _ in try BinaryRunner.start(["tick", "--at", Self.late, "--store", shared]) }
    let pids = Set(ticks.map { String($0.processIdentifier) })
    // (A tick that ends early stops the wait; its status then fails the test.)
    while TaskNextRaceTests.waitingForALock(pids) < pids.count && ticks.allSatisfy({ $0.isRunning }) { sched_yield() }
    #expect(flock(lock, LOCK_UN) == 0)
    close(lock)
    for process in ticks {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
    #expect(try Self.histories(shared) == expected, "a timer fired twice, or one was missed")
    let verify = try BinaryRunner.run(["store", "verify", "--store", shared])
    #expect(verify.status == 0, "\(verify.stdout)")
  }
}
