import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Answers to one offer racing in several `dcmc` processes on the file store (issue 16, "How
/// it is checked"): each command decides on the case it read and appends under the store's
/// lock, so both read the standing offer. The test holds the lock until every process waits
/// for it, then lets them go: whichever appends first wins, and the other is decided again on
/// what it left. gary waited longest, so the finance task is offered to him until 08:10:45Z;
/// fiona is ready too.
@Suite(.enabled(if: FileManager.default.isReadableFile(atPath: "/proc/locks"), "needs Linux's /proc/locks"))
struct OfferRaceTests {
  typealias Session = RuntimeCommandTests.Session

  static let caseID = "FIN-2026-000001"
  static let task = caseID + ".1"

  /// Runs each of `commands` (arguments, then `--at`) in its own process at once, all blocked
  /// on the store's lock until every one waits for it; returns their outputs in order.
  static func race(_ session: Session, _ commands: [(arguments: [String], at: String)]) throws
    -> [BinaryRunner.Output]
  {
    let lock = open(session.store + "/store.lock", O_RDWR | O_CLOEXEC)
    try #require(lock >= 0)
    #expect(flock(lock, LOCK_EX) == 0)
    let runs = try commands.map { command in
      let (output, errors) = (Pipe(), Pipe())
      let process = try BinaryRunner.start(
        command.arguments + ["--store", session.store, "--at", command.at], output: output, errors: errors)
      return (process, output, errors)
    }
    let pids = Set(runs.map { String($0.0.processIdentifier) })
    // (A child that ends early stops the wait; its status then fails the test.)
    while TaskNextRaceTests.waitingForALock(pids) < pids.count && runs.allSatisfy({ $0.0.isRunning }) {
      sched_yield()
    }
    #expect(flock(lock, LOCK_UN) == 0)
    close(lock)
    return runs.map { process, output, errors in
      let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      return BinaryRunner.Output(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
  }

  /// The one winner of `outputs`, after checking the other was refused with one line and
  /// printed nothing; `nil` (a failed expectation) unless exactly one succeeded.
  static func winner(_ outputs: [BinaryRunner.Output]) -> Int? {
    let won = outputs.indices.filter { outputs[$0].status == 0 }
    #expect(won.count == 1, "\(outputs.map(\.stderr))")
    for loser in outputs.indices where !won.contains(loser) {
      #expect(outputs[loser].status == 1 && outputs[loser].stdout.isEmpty)
      let lines = outputs[loser].stderr.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.count == 2 && lines[0].hasPrefix("dcmc: ") && lines[1].isEmpty, "\(outputs[loser].stderr)")
    }
    return won.count == 1 ? won[0] : nil
  }

  /// The types of the case's events, in order.
  static func events(_ session: Session) throws -> [String] {
    let events = try session.json(["case", "history", caseID], as: "tina", at: "2026-03-02T08:20:00Z")
    return ((events as? [[String: Any]]) ?? []).compactMap { $0["type"] as? String }
  }

  /// The task events of `events` past those of `before` (which they must extend).
  static func taskEvents(_ events: [String], after before: [String]) -> [String] {
    #expect(Array(events.prefix(before.count)) == before)
    return events.dropFirst(before.count).filter { $0.hasPrefix("task.") }
  }

  /// The task as `case show --json` has it.
  static func taskNow(_ session: Session) throws -> [String: Any] {
    let shown = try session.json(["case", "show", caseID], as: "tina", at: "2026-03-02T08:20:00Z")
    return ((shown as? [String: Any])?["tasks"] as? [[String: Any]])?.first ?? [:]
  }

  /// A user's presence state and reason, from `presence list --json`.
  static func presence(of user: String, _ session: Session) throws -> (String?, String?) {
    let list = try session.json(["presence", "list"], as: "tina", at: "2026-03-02T08:20:00Z")
    let entry = ((list as? [[String: Any]]) ?? []).first { $0["user"] as? String == user }
    return (entry?["state"] as? String, entry?["reason"] as? String)
  }

  @Test("two processes accepting one offer at once: one wins, the other is refused and changes nothing")
  func twoAcceptsOneWinner() throws {
    let session = try OfferCommandTests.session(ready: ["gary", "fiona"])
    defer { session.directory.remove() }
    let before = try Self.events(session)
    let accept = (arguments: ["task", "accept", Self.task, "--as", "gary"], at: "2026-03-02T08:10:20Z")
    let outputs = try Self.race(session, [accept, accept])
    let winner = try #require(Self.winner(outputs))
    #expect(outputs[winner].stdout.contains("assigned  finances_group  gary"))
    #expect(outputs[1 - winner].stderr == "dcmc: task '\(Self.task)' is assigned, not offered\n")
    #expect(Self.taskEvents(try Self.events(session), after: before) == ["task.offer_accepted"])
    let task = try Self.taskNow(session)
    #expect(task["status"] as? String == "assigned" && task["assignee"] as? String == "gary")
  }

  @Test("an accept racing the tick that expires its offer: either it is assigned and gary stays ready, or RONA")
  func acceptRacingExpiry() throws {
    let session = try OfferCommandTests.session(ready: ["gary", "fiona"])
    defer { session.directory.remove() }
    let outputs = try Self.race(
      session,
      [
        (["task", "accept", Self.task, "--as", "gary"], "2026-03-02T08:10:44Z"),
        (["tick"], "2026-03-02T08:10:46Z"),
      ])
    #expect(outputs[1].status == 0, "\(outputs[1].stderr)")
    let events = try Self.events(session)
    let task = try Self.taskNow(session)
    if outputs[0].status == 0 {
      #expect(!events.contains("task.offer_expired"))
      #expect(task["status"] as? String == "assigned" && task["assignee"] as? String == "gary")
      #expect(try Self.presence(of: "gary", session) == ("ready", nil))
    } else {
      _ = Self.winner(outputs)
      #expect(events.filter { $0 == "task.offer_accepted" }.isEmpty && events.contains("task.offer_expired"))
      #expect(task["status"] as? String == "offered" && task["offered_to"] as? String == "fiona")
      #expect(try Self.presence(of: "gary", session) == ("not_ready", "RONA"))
    }
  }

  @Test("a decline racing an accept of one offer: exactly one lands, and the task follows it")
  func declineRacingAccept() throws {
    let session = try OfferCommandTests.session(ready: ["gary", "fiona"])
    defer { session.directory.remove() }
    let before = try Self.events(session)
    let outputs = try Self.race(
      session,
      [
        (["task", "accept", Self.task, "--as", "gary"], "2026-03-02T08:10:20Z"),
        (["task", "decline", Self.task, "--reason", "busy", "--as", "gary"], "2026-03-02T08:10:20Z"),
      ])
    let winner = try #require(Self.winner(outputs))
    let events = try Self.events(session)
    let task = try Self.taskNow(session)
    if winner == 0 {
      #expect(Self.taskEvents(events, after: before) == ["task.offer_accepted"])
      #expect(task["status"] as? String == "assigned" && task["assignee"] as? String == "gary")
    } else {
      #expect(Self.taskEvents(events, after: before) == ["task.offer_declined", "task.offered"])
      #expect(task["status"] as? String == "offered" && task["offered_to"] as? String == "fiona")
    }
  }
}
