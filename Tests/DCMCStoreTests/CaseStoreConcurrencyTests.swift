import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// Several processes running the runtime's commands on one store at once: 4 children x 100
/// commands (creates, claims and completes on one shared workbin, and ticks). Afterwards every
/// acknowledged command is in the histories, no task was claimed twice, every history is
/// numbered 1, 2, … and the cases 1 to N, and `store verify` finds nothing.
struct CaseStoreConcurrencyTests {
  static let users = ["alice", "bob", "carol", "sam"]

  @Test func fourProcessesLoseNoCommandAndTakeNoTaskTwice() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let (children, commands) = (4, 100)
    var generator = SeededGenerator(seed: 0x4C0C_0C0C)
    var ledger = Ledger()
    var scripts: [[(Int, Ledger.Attempt)]] = []
    for child in 0..<children {
      let user = Self.users[child]
      var script: [(Int, Ledger.Attempt)] = []
      for number in 0..<commands {
        // Every command has an instant of its own; the children's interleave. The second
        // half runs two days on, when the first cases' OLA and SLA timers are due, and
        // ticks race the claims and completes on the same cases.
        let seconds = 1_772_442_000 + (number * children + child) * 10 + (number < commands / 2 ? 0 : 2 * 86_400)
        let roll = number < 3 ? 0 : Int.random(in: 0..<10, using: &generator)
        let attempt =
          roll < 4
          ? Ledger.Attempt(verb: .create, user: user, request: "c\(child)-\(number)")
          : roll == 9 && number >= commands / 2
            ? Ledger.Attempt(verb: .tick)
            : Ledger.Attempt(verb: roll < 7 ? .claim : .complete, user: user)
        script.append((seconds, attempt))
      }
      scripts.append(script)
    }
    let helpers = try scripts.map { script in
      let helper = try HelperProcess(["run", fixture.root, "0"], helper: "CaseStoreTortureHelper")
      helper.send(ledger.script(script))
      helper.closeInput()
      return helper
    }
    for (helper, script) in zip(helpers, scripts) {
      var lines: [String] = []
      while let line = helper.readLine() { lines.append(line) }
      #expect(helper.wait() == 0)
      #expect(try ledger.record(lines, of: script) == commands, "a child did not finish its script")
    }
    let store = try fixture.store()
    #expect(try ledger.audit(store, "after the run") == 0, "a derived state is behind with no crash")
    #expect(try store.verify().problems == [])
    let creates = ledger.acked.values.filter { $0.verb == .create }
    #expect(creates.count == scripts.joined().filter { $0.1.verb == .create }.count, "a create was refused")
    #expect(ledger.acked.values.contains { $0.verb == .tick && !$0.changed.isEmpty }, "no tick fired a timer")
    #expect(try store.store.streams().count == creates.count)
    // The children did run at once: in case-number order, the creating child changes often.
    var creators: [Substring] = []
    for stream in try store.store.streams() {
      let first = try #require(try store.history(of: stream)?.first)
      if case .created(let created) = first.change {
        creators.append(created.request?.split(separator: "-").first ?? "")
      }
    }
    let switches = zip(creators, creators.dropFirst()).filter { $0 != $1 }.count
    #expect(switches >= 10, "the children hardly overlapped: \(switches) switches")
    // No task was taken twice: each claim that succeeded is its task's only assignment.
    var assignments: [String: [String]] = [:]
    for stream in try store.store.streams() {
      for event in try #require(try store.history(of: stream)) {
        if case .taskAssigned(let task, let user) = event.change {
          assignments["\(stream).\(task)", default: []].append(user)
        }
      }
    }
    let claims = ledger.acked.filter { $0.value.verb == .claim }
    #expect(claims.count > 50, "the children claimed little: \(claims.count)")
    for (seconds, claim) in claims {
      let user = ledger.attempted[seconds]?.user
      #expect(assignments[claim.subject ?? ""] == [user].compactMap { $0 }, "\(claim.subject ?? "") was taken twice")
    }
    #expect(assignments.values.allSatisfy { $0.count == 1 })
    #expect(assignments.count == claims.count)
    let completes = ledger.acked.values.filter { $0.verb == .complete }.count
    #expect(completes > 30)
    print(
      "CaseStoreConcurrencyTests: \(creates.count) creates, \(claims.count) claims, \(completes) completes, \(switches) switches"
    )
  }
}
