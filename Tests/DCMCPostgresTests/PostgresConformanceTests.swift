import Testing
import _DCMCTestSupport

/// The store contract (`RepositoryConformance`) runs unchanged on the PostgreSQL store in
/// every suite whose arguments are `RepositoryKind.allCases` (RepositoryConformanceTests and
/// the application's tests): this suite is what says so, or shows as skipped, with the reason,
/// where no server is given.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresConformanceTests {
  @Test func theConformanceSuiteRunsOnThePostgresStore() throws {
    #expect(RepositoryKind.allCases.contains(.postgres))
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    #expect(store.customerRepository != nil)
  }
}
