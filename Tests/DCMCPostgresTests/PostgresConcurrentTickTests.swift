import DCMCPostgres
import Foundation
import Testing
import _DCMCTestSupport

/// Four `dcmc tick` processes at once, each with its own connection, on one PostgreSQL store
/// whose cases all have timers due: every case's history is afterwards exactly what one tick
/// alone makes of it (no timer fired twice, none missed), and the store verifies clean.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresConcurrentTickTests {
  static let cases = 6
  static let late = "2026-03-05T12:00:00+01:00"  // Thursday: every OLA and SLA timer is due

  /// A store in a fresh database with `cases` Technical cases created on Monday morning.
  static func store() throws -> PostgresTestDatabase {
    let database = try PostgresTestDatabase()
    _ = try PostgresCaseRepository.migrate(url: database.url)
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", database.url]).status == 0)
    for minute in 1...Self.cases {
      let created = try BinaryRunner.run([
        "case", "create", "technical", "--fields", "samples/fields/technical.json", "--as", "alice",
        "--at", "2026-03-02T09:0\(minute):00+01:00", "--store", database.url,
      ])
      #expect(created.status == 0, "\(created.stderr)")
    }
    return database
  }

  @Test func fourTicksAtOnceFireEachTimerOnce() throws {
    let alone = try Self.store()
    defer { alone.drop() }
    #expect(try BinaryRunner.run(["tick", "--at", Self.late, "--store", alone.url]).status == 0)
    let expected = try Self.histories(alone.url)
    #expect(expected.allSatisfy { $0.contains("\"timer.fired\"") }, "no timer was due")

    let shared = try Self.store()
    defer { shared.drop() }
    let ticks = try (1...4).map { _ in
      try BinaryRunner.start(["tick", "--at", Self.late, "--store", shared.url])
    }
    for process in ticks {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
    #expect(try Self.histories(shared.url) == expected, "a timer fired twice, or one was missed")
    let verify = try BinaryRunner.run(["store", "verify", "--store", shared.url])
    #expect(verify.status == 0, "\(verify.stdout)")
  }

  /// Each case's history as `case history --json` prints it.
  static func histories(_ store: String) throws -> [String] {
    try (1...cases).map { number in
      let id = "TEC-" + String(repeating: "0", count: 6 - String(number).count) + String(number)
      let history = try BinaryRunner.run(["case", "history", id, "--json", "--store", store])
      #expect(history.status == 0, "\(history.stderr)")
      return history.stdout
    }
  }
}
