import DCMCApplication
import DCMCPostgres
import Testing
import _DCMCTestSupport

/// The PostgreSQL store's claim lock (`PostgresCaseRepository+ClaimLock`): an advisory lock
/// keyed by the user, held on a connection of its own for one claim, its wait bounded by the
/// statement time-out. (`ClaimLockTests` runs the concurrent claims on this store too.)
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresClaimLockTests {
  /// A store whose statements (the lock's wait among them) time out after 300 ms.
  static func store() throws -> (PostgresTestDatabase, PostgresCaseRepository) {
    let database = try PostgresTestDatabase()
    _ = try PostgresSchema.migrate(PostgresPool(url: database.url))
    let repository = try PostgresCaseRepository.open(
      url: database.url, settings: PostgresSettings(statementTimeoutMilliseconds: 300))
    return (database, repository)
  }

  /// A claim of bob made while another connection holds bob's lock is refused when the
  /// server cancels its wait, its body not run; carol's is not; once the first ends (its
  /// transaction committed), bob's runs.
  @Test func aClaimWaitingPastTheStatementTimeOutIsRefusedAndRunsNothing() throws {
    let (database, repository) = try Self.store()
    defer { database.drop() }
    let (ran, refusal) = try ClaimLockCheck.nestedClaims(repository)
    #expect(refusal == .claimBusy(user: "bob"))
    #expect(ran == ["carol", "bob after"])
  }

  /// A claim whose body is refused releases the lock (its transaction rolled back) and
  /// answers the body's refusal, not the store's.
  @Test func aRefusedClaimAnswersItsRefusalAndReleasesTheLock() throws {
    let (database, repository) = try Self.store()
    defer { database.drop() }
    var refused: ServiceRefusal?
    do throws(ServiceError) {
      try repository.exclusively(claimingFor: "bob") { () throws(ServiceError) in
        throw .refused(.nothingToPull(user: "bob"))
      }
    } catch {
      if case .refused(let refusal) = error { refused = refusal }
    }
    #expect(refused == .nothingToPull(user: "bob"))
    #expect(try repository.exclusively(claimingFor: "bob") { () throws(ServiceError) in 1 } == 1)
  }
}
