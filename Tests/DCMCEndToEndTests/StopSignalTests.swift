import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A one-shot command ends on SIGTERM or SIGINT, whatever signal mask its parent left it
/// (`StopSignals`): before, `dcmc` started from a thread that blocked them (`dcmc serve`'s,
/// `dcmc run`'s, a test runner's) held them pending until it ended by itself. Ended by the
/// signal, it leaves nothing of itself in the store (docs/runtime.md, "Signals").
@Suite struct StopSignalTests {
  /// Whether `/proc/locks` shows process `pid` waiting for a lock (a line `N: -> FLOCK ...`
  /// with its pid), looked at until it does or 20 s passed.
  static func waitsForALock(_ pid: Int32) -> Bool {
    let end = Date().addingTimeInterval(20)
    // Bounded by the 20 s; each turn reads the kernel's table once.
    while Date() < end {
      let table = (try? String(contentsOfFile: "/proc/locks", encoding: .utf8)) ?? ""
      let waiting = table.split(separator: "\n").contains { line in
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        return fields.count > 5 && fields[1] == "->" && fields[5] == Substring(String(pid))
      }
      if waiting { return true }
      sched_yield()
    }
    return false
  }

  /// `case create` waiting for the store's write lock (held here), started with SIGINT and
  /// SIGTERM blocked as a parent may leave them: the signal ends it at once, killed by it,
  /// nothing printed; the store then verifies clean and holds no case.
  @Test(arguments: [SIGTERM, SIGINT])
  func aCreateWaitingForTheStoreEndsOnTheSignalAndLeavesNothing(_ signal: Int32) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("store").path
    let environment = ["DCM_STORE": store]
    #expect(try BinaryRunner.run(["deploy", "definitions"], environment: environment).status == 0)
    let lock = open(store + "/store.lock", O_RDWR)
    #expect(lock >= 0 && flock(lock, LOCK_EX) == 0)
    let output = Pipe()
    let process = try BinaryRunner.start(
      ["case", "create", "technical", "--fields", "samples/fields/technical.json", "--as", "alice"],
      environment: environment, output: output, blocking: [SIGINT, SIGTERM])
    // Inside the command: its write waits for the lock.
    #expect(Self.waitsForALock(process.processIdentifier), "the create waits for the store's lock")
    kill(process.processIdentifier, signal)
    let ended = BinaryRunner.exits(process, within: 20)
    flock(lock, LOCK_UN)
    close(lock)
    #expect(ended, "the command ignored the signal")
    #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
    #expect(output.fileHandleForReading.readDataToEndOfFile().isEmpty, "nothing acknowledged")
    #expect(try BinaryRunner.run(["store", "verify"], environment: environment).status == 0)
    let list = try BinaryRunner.run(["case", "list", "--json"], environment: environment)
    #expect(list.status == 0 && list.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(list.stdout)")
  }
}
