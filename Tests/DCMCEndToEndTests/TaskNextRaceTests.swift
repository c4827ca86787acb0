import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `task next` in several processes at once: each lists the waiting tasks without the lock
/// and then claims under it, so the task it chose may have been taken in between.
@Suite struct TaskNextRaceTests {
  /// Two `task next` that both chose the same task while the lock was held: the one that
  /// gets the lock second must take the next task, not fail.
  @Test(.enabled(if: FileManager.default.isReadableFile(atPath: "/proc/locks"), "needs Linux's /proc/locks"))
  func aTaskTakenSinceTheListingMakesTaskNextTakeTheNextOne() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("store").path
    func dcmc(_ arguments: [String]) throws -> BinaryRunner.Output {
      try BinaryRunner.run(arguments + ["--store", store, "--at", "2026-03-02T09:00:00Z"])
    }
    #expect(try dcmc(["deploy", "definitions"]).status == 0)
    for _ in 1...2 {
      let created = try dcmc([
        "case", "create", "technical", "--fields", "samples/fields/technical.json", "--as", "alice",
      ])
      #expect(created.status == 0, "\(created.stderr)")
    }
    // Hold the store's lock, as another command would, while both list and choose.
    let lock = open(store + "/store.lock", O_RDWR | O_CLOEXEC)
    try #require(lock >= 0)
    #expect(flock(lock, LOCK_EX) == 0)
    let runs = try ["bob", "carol"].map { user in
      let (output, error) = (Pipe(), Pipe())
      let process = try BinaryRunner.start(
        ["task", "next", "--json", "--store", store, "--as", user, "--at", "2026-03-02T09:05:00Z"], output: output,
        errors: error)
      return (process, output, error)
    }
    // Both wait for the lock (the kernel lists them as blocked on it) before it is let go.
    let pids = Set(runs.map { String($0.0.processIdentifier) })
    // (A child that ends early stops the wait; its status then fails the test.)
    while Self.waitingForALock(pids) < pids.count && runs.allSatisfy({ $0.0.isRunning }) { sched_yield() }
    #expect(flock(lock, LOCK_UN) == 0)
    close(lock)
    var claimed: [String] = []
    for (process, output, error) in runs {
      let stdout = output.fileHandleForReading.readDataToEndOfFile()
      let stderr = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "\(stderr)")
      if let task = try? JSONSerialization.jsonObject(with: stdout) as? [String: Any], let id = task["id"] as? String {
        claimed.append(id)
      }
    }
    #expect(claimed.sorted() == ["TEC-000001.1", "TEC-000002.1"])
  }

  /// How many of `pids` wait for a `flock` (`/proc/locks` marks waiters with `->`).
  static func waitingForALock(_ pids: Set<String>) -> Int {
    let text = (try? String(contentsOfFile: "/proc/locks", encoding: .utf8)) ?? ""
    return text.split(separator: "\n").filter { line in
      let words = line.split(separator: " ")
      guard words.count > 5, words[1] == "->", words[2] == "FLOCK" else { return false }
      return pids.contains(String(words[5]))
    }.count
  }
}
