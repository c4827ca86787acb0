import Testing
import _DCMCTestSupport

/// The store contract (`RepositoryConformance`), unchanged, on the PostgreSQL store: the
/// case repository and its queries, deployments and the outbox's leases.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresConformanceTests {
  @Test func appendsExtendTheHistory() throws { try RepositoryConformance.appendsExtendTheHistory(.postgres) }
  @Test func aStaleExpectedVersionIsRefused() throws { try RepositoryConformance.aStaleExpectedVersionIsRefused(.postgres) }
  @Test func requestIDsAndNumbering() throws { try RepositoryConformance.requestIDsAndNumbering(.postgres) }
  @Test func timersAndTicks() throws { try RepositoryConformance.timersAndTicks(.postgres) }
  @Test func workbinsAndLists() throws { try RepositoryConformance.workbinsAndLists(.postgres) }
  @Test func deployments() throws { try RepositoryConformance.deployments(.postgres) }
  @Test func attachmentCopiesNeverReplaceOneAnother() throws {
    try RepositoryConformance.attachmentCopiesNeverReplaceOneAnother(.postgres)
  }
  @Test func concurrentWritersLoseNothing() throws { try RepositoryConformance.concurrentWritersLoseNothing(.postgres) }
  @Test func notificationLeases() throws { try RepositoryConformance.notificationLeases(.postgres) }
  @Test func concurrentLeasesTakeEachOnce() throws { try RepositoryConformance.concurrentLeasesTakeEachOnce(.postgres) }
  @Test func aDamagedCaseIsReportedAndTheRestServed() throws {
    try RepositoryConformance.aDamagedCaseIsReportedAndTheRestServed(.postgres)
  }
}
