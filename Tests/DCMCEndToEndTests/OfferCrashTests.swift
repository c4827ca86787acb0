import Foundation
import Testing
import _DCMCTestSupport

/// Answers to an offer killed at any instant (`BinaryCrashTests`' kill, issue 16): from one
/// store where the finance task stands offered to gary until 08:10:45Z (fiona ready too), each
/// iteration copies the store, runs `task accept`, `task decline` or the `tick` that expires the
/// offer (RONA), and kills it with SIGKILL after a random number of its reads and writes. Then
/// `store verify` finds no damage (exit 0: derived files behind their histories at most), the
/// store verifies clean once rebuilt too, and
/// the task is in exactly one of the states its history allows: still offered to gary, assigned
/// to him, or queued again (offered to fiona or waiting). A killed tick is followed by the next
/// tick at the same instant, and gary's presence follows: RONA whenever the offer expired (the
/// RONA a tick killed between the expiry and the RONA noted is made by the next tick).
@Suite struct OfferCrashTests {
  static let iterations = Int(ProcessInfo.processInfo.environment["DCMC_BINARY_CRASH_ITERATIONS"] ?? "") ?? 30

  typealias Session = RuntimeCommandTests.Session

  @Test func killingAnAnswerOrTheExpiryLeavesTheOfferInOneConsistentState() throws {
    let template = try OfferCommandTests.session(ready: ["gary", "fiona"])
    defer { template.directory.remove() }
    var generator = SeededGenerator(seed: 20_261_204)
    let commands: [(verb: String, arguments: [String], at: String)] = [
      ("accept", ["task", "accept", OfferRaceTests.task, "--as", "gary"], "2026-03-02T08:10:20Z"),
      (
        "decline", ["task", "decline", OfferRaceTests.task, "--reason", "busy", "--as", "gary"], "2026-03-02T08:10:20Z"
      ),
      ("tick", ["tick"], "2026-03-02T08:11:00Z"),
    ]
    var killed = 0
    for iteration in 1...Self.iterations {
      let session = try Session()
      defer { session.directory.remove() }
      try FileManager.default.copyItem(atPath: template.store, toPath: session.store)
      let command = commands[iteration % commands.count]
      let ending = try BinaryCrashTests.run(
        command.arguments + ["--at", command.at, "--store", session.store],
        killAfter: Int.random(in: 0..<120, using: &generator))
      if case .killed = ending { killed += 1 }
      let label = "\(command.verb) (iteration \(iteration))"

      // What a kill leaves (a state cache or numbering file behind its history) is no damage.
      let verify = try session.run(["store", "verify"], at: "2026-03-02T08:20:00Z")
      #expect(verify.status == 0, "\(label): \(verify.stdout)\(verify.stderr)")
      #expect(try session.run(["store", "rebuild"], at: "2026-03-02T08:20:00Z").status == 0, "\(label)")
      let verified = try session.run(["store", "verify"], at: "2026-03-02T08:20:00Z")
      #expect(verified.status == 0, "\(label): \(verified.stdout)")
      if command.verb == "tick", case .killed = ending {
        let next = try session.run(["tick"], at: command.at)
        #expect(next.status == 0, "\(label): \(next.stderr)")
      }

      let events = try OfferRaceTests.events(session)
      let task = try OfferRaceTests.taskNow(session)
      let (status, to) = (task["status"] as? String, (task["offered_to"] as? String) ?? (task["assignee"] as? String))
      let gary = try OfferRaceTests.presence(of: "gary", session)
      if case .succeeded = ending {
        let expected = [
          "accept": "task.offer_accepted", "decline": "task.offer_declined", "tick": "task.offer_expired",
        ]
        #expect(events.contains(expected[command.verb] ?? ""), "\(label): acknowledged but not in the history")
      }
      if events.contains("task.offer_accepted") {
        #expect(status == "assigned" && to == "gary", "\(label)")
      } else if events.contains("task.offer_declined") || events.contains("task.offer_expired") {
        // Queued again, and offered to fiona unless the process died before the offer.
        #expect(status == "queued" || (status == "offered" && to == "fiona"), "\(label): \(status ?? "-") \(to ?? "-")")
      } else {
        #expect(status == "offered" && to == "gary", "\(label)")
      }
      if events.contains("task.offer_expired") {
        // The RONA is a second append, to gary's presence history, after the case's: a tick
        // killed between the two noted it first, and the next tick made it.
        #expect(gary == ("not_ready", "RONA"), "\(label): \(gary)")
      } else {
        #expect(gary == ("ready", nil), "\(label): \(gary)")
      }
    }
    #expect(killed > Self.iterations / 5, "too few commands were killed to test anything")
    #expect(killed < Self.iterations, "no command ever finished")
  }
}
