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

  @Test func fourTicksAtOnceFireEachTimerOnce() throws {
    let alone = try TechnicalCases.postgresStore(Self.cases)
    defer { alone.drop() }
    #expect(try BinaryRunner.run(["tick", "--at", TechnicalCases.late, "--store", alone.url]).status == 0)
    let expected = try TechnicalCases.histories(Self.cases, store: alone.url)
    #expect(expected.allSatisfy { $0.contains("\"timer.fired\"") }, "no timer was due")

    let shared = try TechnicalCases.postgresStore(Self.cases)
    defer { shared.drop() }
    let ticks = try (1...4).map { _ in
      try BinaryRunner.start(["tick", "--at", TechnicalCases.late, "--store", shared.url])
    }
    for process in ticks {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
    #expect(try TechnicalCases.histories(Self.cases, store: shared.url) == expected, "a timer fired twice, or one was missed")
    try BinaryRunner.verify(store: shared.url)
  }
}
