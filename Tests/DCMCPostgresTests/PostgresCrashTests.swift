import DCMCPostgres
import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 20's crash check: `dcmc` commands on a PostgreSQL store (a create with a request id, a
/// claim, a release or a tick), each cut at a random point by one of three blows: SIGKILL
/// after a random number of the process's reads and writes (from start-up to loading libpq
/// and connecting), SIGKILL of the process once its backend is connected (after a random
/// number of looks at it), or `pg_terminate_backend` of that backend (likewise). Afterwards
/// every acknowledged command is in the store, a create retried with its request id gives
/// the one case it made, and `store verify` is clean: on PostgreSQL a change is one
/// transaction, so nothing may be behind, not even a derived row.
@Suite(
  .enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresCrashTests {
  /// The commands to cut: the test runs commands until this many were cut (killed, or failed
  /// because their backend was), at most three times as many.
  static let iterations =
    Int(ProcessInfo.processInfo.environment["DCMC_POSTGRES_CRASH_ITERATIONS"] ?? "") ?? 200
  static let form = "samples/fields/technical.json"

  enum Blow: CaseIterable {
    case killWhileStarting
    case killWhileConnected
    case terminateBackend
  }

  /// How a command that may be cut ended.
  enum Ending {
    case succeeded(stdout: String)
    /// Exited with `status`: 1 a refusal (a claim of a task taken), 2 the store unavailable.
    case failed(status: Int32)
    case killed
  }

  /// The store's database seen from the test's own connection (which `pid <> pg_backend_pid()`
  /// leaves out of its looks at the dcmc backends).
  struct Observer {
    let connection: PostgresConnection
    let database: String

    /// The backends of dcmc processes on the store's database.
    func backends() throws -> [Int] {
      let rows = try connection.query(
        """
        SELECT pid FROM pg_stat_activity
        WHERE datname = $1 AND application_name = 'dcmc' AND pid <> pg_backend_pid()
        """, [.string(database)])
      return rows.rows.indices.compactMap { rows.int($0, 0) }
    }

    func strings(_ sql: String, _ parameters: [PostgresValue?] = []) throws -> [[String]] {
      let rows = try connection.query(sql, parameters)
      return rows.rows.indices.map { row in
        rows.rows[row].indices.map { rows.string(row, $0) ?? "" }
      }
    }
  }

  /// Runs `dcmc arguments` and deals it `blow` at a point drawn from `generator`, unless it
  /// ended before; without a blow, lets it finish.
  static func run(
    _ arguments: [String], blow: Blow?, observer: Observer, using generator: inout SeededGenerator
  ) throws -> Ending {
    let output = Pipe()
    let process = try BinaryRunner.start(arguments, output: output)
    switch blow {
    case nil: break
    case .killWhileStarting:
      // A debug dcmc makes about 60 reads and writes before its first statement (loading its
      // libraries, then libpq's), and none after: the kill falls anywhere from exec to connecting.
      let calls = Int.random(in: 0..<64, using: &generator)
      while process.isRunning, let made = CrashClock.readsAndWrites(of: process.processIdentifier), made < calls {
        sched_yield()
      }
      kill(process.processIdentifier, SIGKILL)
    case .killWhileConnected, .terminateBackend:
      // Its backend lives from connecting to the process's exit, some 10 to 200 looks of the
      // test's connection: the blow falls anywhere in it, after the commit, or not at all.
      var looks = Int.random(in: 0..<100, using: &generator)
      var backends: [Int] = []
      while process.isRunning {
        backends = try observer.backends()
        if !backends.isEmpty {
          if looks == 0 { break }
          looks -= 1
        }
      }
      if blow == .killWhileConnected {
        kill(process.processIdentifier, SIGKILL)
      } else {
        for pid in backends {
          _ = try observer.connection.query("SELECT pg_terminate_backend($1)", [.int(pid)])
        }
      }
    }
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationReason == .exit else { return .killed }
    guard process.terminationStatus == 0 else { return .failed(status: process.terminationStatus) }
    return .succeeded(stdout: String(decoding: stdout, as: UTF8.self))
  }

  @Test func cuttingCommandsAndTheirBackendsLosesNothingAcknowledged() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    _ = try PostgresCaseRepository.migrate(url: database.url)
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", database.url]).status == 0)
    let observer = Observer(
      connection: try PostgresConnection(url: database.url), database: database.name)
    let store = ["--store", database.url]
    var generator = SeededGenerator(seed: 20_261_205)
    var clock = CrashClock()
    var requests: [String] = []
    var acknowledgedCreates: [String: String] = [:]
    var acknowledged: [(case: String, event: String, at: String)] = []
    var cut: [Blow: Int] = [:]
    var iteration = 0
    while cut.values.reduce(0, +) < Self.iterations, iteration < 3 * Self.iterations {
      iteration += 1
      // The backends of the commands cut before have ended: no transaction of theirs is open.
      while try !observer.backends().isEmpty { sched_yield() }
      if iteration % 50 == 1, iteration > 1 {
        try BinaryRunner.verify(store: database.url, [], "after \(iteration - 1) commands")
      }
      let time = clock.next()
      let known = try observer.strings("SELECT id FROM dcmc_cases ORDER BY id").map { $0[0] }
      let command = CrashCommand.random(known: known, request: "crash-\(iteration)", using: &generator)
      if let request = command.request { requests.append(request) }
      // Every fifth command is let finish, so acknowledged commands are checked however a busy
      // machine times the blows (under load nearly every blow lands before the commit).
      let blow =
        iteration % 5 == 0 ? nil : Blow.allCases[Int.random(in: 0..<Blow.allCases.count, using: &generator)]
      let ending = try Self.run(
        command.arguments + ["--at", time] + store, blow: blow, observer: observer, using: &generator)
      switch ending {
      case .killed, .failed(status: 2): if let blow { cut[blow, default: 0] += 1 }
      default: break
      }
      guard case .succeeded(let stdout) = ending else { continue }
      if let caseID = command.caseID, let event = command.event { acknowledged.append((caseID, event, time)) }
      if let request = command.request {
        let id = try #require(
          stdout.split(separator: " ").dropFirst().first.map(String.init), "\(stdout)")
        acknowledgedCreates[request] = id
        acknowledged.append((id, "case.created", time))
      }
    }
    // Each blow cut commands, and commands were also acknowledged.
    #expect(
      cut.values.reduce(0, +) == Self.iterations,
      "too few commands were cut in \(iteration): \(cut)")
    #expect(
      Blow.allCases.allSatisfy { cut[$0, default: 0] >= Self.iterations / 10 },
      "a blow seldom cut: \(cut)")
    #expect(
      acknowledged.count >= Self.iterations / 20, "too few commands finished: \(acknowledged.count)"
    )

    // Every acknowledged change is there, as it was acknowledged.
    let made = Dictionary(
      uniqueKeysWithValues: try observer.strings("SELECT request, case_id FROM dcmc_requests").map {
        ($0[0], $0[1])
      })
    for (request, id) in acknowledgedCreates {
      #expect(made[request] == id, "acknowledged \(request) (\(id)) is lost")
    }
    for (caseID, event, time) in acknowledged {
      let events = try observer.strings(
        "SELECT event FROM dcmc_case_events WHERE case_id = $1", [.string(caseID)]
      )
      .compactMap { try JSONSerialization.jsonObject(with: Data($0[0].utf8)) as? [String: Any] }
      #expect(
        events.contains { ($0["type"] as? String) == event && ($0["at"] as? String) == time },
        "\(caseID): an acknowledged \(event) at \(time) is lost")
    }
    // A create cut short and retried with its request gives the case it made, if it made one.
    for request in requests where acknowledgedCreates[request] == nil {
      let retried = try BinaryRunner.run(
        [
          "case", "create", "technical", "--fields", Self.form, "--request-id", request, "--as",
          "alice", "--at", clock.next(),
        ]
          + store)
      #expect(retried.status == 0, "\(retried.stderr)")
      if let id = made[request] {
        #expect(retried.stdout.contains(id), "\(request) made \(id), retried: \(retried.stdout)")
      }
    }
    let cases = try observer.strings(
      "SELECT count(*), (SELECT count(*) FROM dcmc_requests) FROM dcmc_cases")
    #expect(
      cases == [[String(requests.count), String(requests.count)]],
      "a request made two cases, or none")
    try BinaryRunner.verify(store: database.url)
  }
}
