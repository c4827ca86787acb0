import DCMCApplication
import DCMCCalendar
import DCMCPostgres
import Testing
import _DCMCTestSupport

/// `claimTimers` on PostgreSQL: a claim holds its cases until it commits, and a claim made
/// meanwhile on another connection skips them and takes the next due cases, without waiting.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresClaimTests {
  static let late = Instant(secondsSinceEpoch: 1_772_708_400)  // TechnicalCases.late

  @Test func aClaimMadeWhileAnotherHoldsItsCasesTakesTheNextOnes() throws {
    let database = try TechnicalCases.postgresStore(4)
    defer { database.drop() }
    let repository = try PostgresCaseRepository.open(url: database.url)
    var inner: [String] = []
    let outer = try repository.claimTimers(dueBy: Self.late, limit: 2, excluding: [], tick: nil) {
      (_) throws(ServiceError) in
      inner = try repository.claimTimers(dueBy: Self.late, limit: 10, excluding: [], tick: nil) { _ in [] }.claimed
      return []
    }
    #expect(outer.claimed == [TechnicalCases.id(1), TechnicalCases.id(2)])
    #expect(inner == [TechnicalCases.id(3), TechnicalCases.id(4)])
    let after = try repository.claimTimers(dueBy: Self.late, limit: 10, excluding: [TechnicalCases.id(1)], tick: nil) {
      _ in []
    }
    #expect(after.claimed == [2, 3, 4].map(TechnicalCases.id), "a claim that committed holds nothing")
  }

  @Test func aDecisionThatFailsAppendsNothingAndRecordsNoTick() throws {
    let database = try TechnicalCases.postgresStore(1)
    defer { database.drop() }
    let repository = try PostgresCaseRepository.open(url: database.url)
    let state = try #require(try repository.load(TechnicalCases.id(1)))
    #expect(throws: ServiceError.self) {
      try repository.claimTimers(dueBy: Self.late, limit: 10, excluding: [], tick: Self.late) {
        (_) throws(ServiceError) -> [CaseChangeSet] in
        throw .refused(.busy(case: state.id))
      }
    }
    #expect(try repository.load(state.id)?.version == state.version)
    #expect(try repository.lastTick() == nil)
  }
}
