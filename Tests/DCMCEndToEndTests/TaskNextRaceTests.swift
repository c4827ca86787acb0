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
    let store = try Self.store(in: directory, cases: 2)
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

  /// Stop 26's finding: `task next` by one user in several processes at once took a task in
  /// each, past the user's capacity. The store's lock is held while they start, so that they
  /// all read the waiting tasks and bob's load before any claim is written; each then claims
  /// under bob's claim lock (`claims/bob.lock`), which the first holds through its append: one
  /// takes a task, the others find it in bob's load and are refused.
  @Test(.enabled(if: FileManager.default.isReadableFile(atPath: "/proc/locks"), "needs Linux's /proc/locks"))
  func concurrentTaskNextProcessesOfOneUserStayWithinTheirCapacity() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = try Self.store(in: directory, cases: 3)
    let lock = open(store + "/store.lock", O_RDWR | O_CLOEXEC)
    try #require(lock >= 0)
    #expect(flock(lock, LOCK_EX) == 0)
    let runs = try (1...6).map { _ in
      let (output, error) = (Pipe(), Pipe())
      let process = try BinaryRunner.start(
        ["task", "next", "--json", "--store", store, "--as", "bob", "--at", "2026-03-02T09:05:00Z"], output: output,
        errors: error)
      return (process, output, error)
    }
    let pids = Set(runs.map { String($0.0.processIdentifier) })
    // One claim waits for the store's lock; give the others (without the claim lock: all of
    // them) a bounded while to get there too before the lock is let go.
    var looks = 0
    while Self.waitingForALock(pids) < (looks < 3_000 ? pids.count : 1) && runs.allSatisfy({ $0.0.isRunning }) {
      looks += 1
      sched_yield()
    }
    #expect(flock(lock, LOCK_UN) == 0)
    close(lock)
    var taken = 0
    for (process, output, error) in runs {
      _ = output.fileHandleForReading.readDataToEndOfFile()
      let stderr = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      if process.terminationStatus == 0 {
        taken += 1
      } else {
        #expect(stderr.contains("'bob' holds 1 of capacity 1 in 'employees_group'"), "\(stderr)")
      }
    }
    #expect(taken == 1)
    let held = try BinaryRunner.run([
      "task", "list", "--json", "--as", "bob", "--store", store, "--at", "2026-03-02T09:06:00Z",
    ])
    #expect(held.status == 0, "\(held.stderr)")
    let tasks = try JSONSerialization.jsonObject(with: Data(held.stdout.utf8)) as? [[String: Any]] ?? []
    #expect(tasks.filter { $0["assignee"] as? String == "bob" }.count == 1, "\(held.stdout)")
  }

  /// A store in `directory` with the reference definitions and `cases` technical cases,
  /// made on Monday 2 March 2026 at 09:00.
  static func store(in directory: TemporaryDirectory, cases: Int) throws -> String {
    let store = directory.url.appendingPathComponent("store").path
    func dcmc(_ arguments: [String]) throws -> BinaryRunner.Output {
      try BinaryRunner.run(arguments + ["--store", store, "--at", "2026-03-02T09:00:00Z"])
    }
    #expect(try dcmc(["deploy", "definitions"]).status == 0)
    for _ in 1...cases {
      let created = try dcmc([
        "case", "create", "technical", "--fields", "samples/fields/technical.json", "--as", "alice",
      ])
      #expect(created.status == 0, "\(created.stderr)")
    }
    return store
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
