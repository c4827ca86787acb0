import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// SQLite's and etcd's crash tests on the runtime's commands: a child runs a random script of
/// creates (with request ids, some retried after a crash), claims, completes and ticks on
/// one store, and is killed with SIGKILL at a random instant: either from outside after it
/// has reported a random number of results, or by itself just before a random call of the
/// file system (any step of any command). After each kill, Jepsen's set rule (`Ledger`):
/// every acknowledged command is in the histories, whole; nothing appears that was never
/// attempted; a request makes one case; and `store verify` finds nothing but derived
/// states behind their histories.
struct CaseStoreCrashTests {
  /// Iterations: 200 by default; `DCMC_CRASH_ITERATIONS` sets more for a longer run.
  static var iterations: Int {
    ProcessInfo.processInfo.environment["DCMC_CRASH_ITERATIONS"].flatMap { Int($0) } ?? 200
  }

  /// Iterations share one store for this many, then start a fresh one, so that the checks
  /// after each kill (which read every case) stay cheap as the run grows.
  static let iterationsPerStore = 20

  static let users = ["alice", "bob", "carol"]

  @Test func everyAcknowledgedRuntimeCommandSurvivesAKillAtARandomInstant() throws {
    var generator = SeededGenerator(seed: 0xCA5E_C8A5)
    var fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    var ledger = Ledger()
    var unknown: [String] = []  // requests whose outcome is unknown: retried later, or not
    var clock = 1_772_442_000  // 2026-03-02T09:00:00Z, a Monday
    var requests = 0
    var (killed, selfKilled, behindSeen, firingTicks) = (0, 0, 0, 0)
    for iteration in 1...Self.iterations {
      if iteration > 1 && (iteration - 1) % Self.iterationsPerStore == 0 {
        fixture.remove()
        fixture = try CaseStoreFixture()
        (ledger, unknown) = (Ledger(), [])
      }
      var commands: [(Int, Ledger.Attempt)] = []
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        // Now and then the clock jumps hours ahead, so OLA and SLA timers fall due for ticks.
        clock += Int.random(in: 0..<6, using: &generator) == 0 ? 3600 * Int.random(in: 4...30, using: &generator) : 60
        let user = Self.users.randomElement(using: &generator)!
        let roll = Int.random(in: 0..<20, using: &generator)
        let attempt: Ledger.Attempt
        if roll < 7 {
          let retry = !unknown.isEmpty && Int.random(in: 0..<3, using: &generator) == 0
          let request: String
          if retry {
            request = unknown.remove(at: Int.random(in: 0..<unknown.count, using: &generator))
          } else {
            requests += 1
            request = "r\(requests)"
          }
          attempt = Ledger.Attempt(verb: .create, user: user, request: request)
        } else if roll < 11 {
          attempt = Ledger.Attempt(verb: .claim, user: user)
        } else if roll < 14 {
          attempt = Ledger.Attempt(verb: .complete, user: user)
        } else {
          attempt = Ledger.Attempt(verb: .tick)
        }
        commands.append((clock, attempt))
      }
      // Half the children kill themselves before a random file-system call (a create makes
      // about 40, the others fewer), half are killed after a random number of results.
      let selfKill = Bool.random(using: &generator)
      let crashAt = selfKill ? Int.random(in: 1...(30 * commands.count), using: &generator) : 0
      let results = Int.random(in: 0..<commands.count, using: &generator)
      let child = try HelperProcess(["run", fixture.root, "\(crashAt)"], helper: "CaseStoreTortureHelper")
      child.send(ledger.script(commands))
      child.closeInput()
      var lines: [String] = []
      if !selfKill {
        while lines.filter({ !$0.hasPrefix("try") }).count < results, let line = child.readLine() { lines.append(line) }
        child.kill()
      }
      while let line = child.readLine() { lines.append(line) }
      let status = child.wait()
      #expect(status == 0 || status == 128 + SIGKILL, "iteration \(iteration): the child ended with \(status)")
      if status == 128 + SIGKILL { if selfKill { selfKilled += 1 } else { killed += 1 } }
      try ledger.record(lines, of: commands)
      firingTicks +=
        commands.filter { ledger.acked[$0.0].map { $0.verb == .tick && !$0.changed.isEmpty } ?? false }.count
      for (seconds, attempt) in commands where attempt.verb == .create {
        if ledger.acked[seconds] == nil && ledger.refused.contains(seconds) == false, let request = attempt.request {
          unknown.append(request)
        }
      }
      behindSeen += try ledger.audit(try fixture.store(), "iteration \(iteration) (crash at \(crashAt))")
    }
    // The children did die at many places, and some left a derived state behind.
    #expect(killed + selfKilled > Self.iterations / 2)
    #expect(firingTicks > 0, "no tick fired a timer")
    print(
      "CaseStoreCrashTests: \(killed) killed, \(selfKilled) killed themselves, \(behindSeen) states seen behind, \(firingTicks) ticks fired timers"
    )
  }
}
