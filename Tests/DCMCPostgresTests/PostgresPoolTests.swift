import DCMCApplication
@testable import DCMCPostgres
import Testing
import _DCMCTestSupport

/// The pool's checkout (`PostgresPool.withConnection`): an idle connection the server ended
/// meanwhile (a restart, `pg_terminate_backend`, `idle_session_timeout`) is found dead before
/// use and replaced by a new one, so the next request does not fail on it.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresPoolTests {
  /// Ends every backend of this database but `other`'s, each waited for until it is gone
  /// (`pg_terminate_backend` with a time-out); answers how many it ended.
  static func terminateOthers(_ other: PostgresConnection) throws -> Int {
    let ended = try other.query(
      """
      SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000)) FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()
      """)
    return ended.int(0, 0) ?? -1
  }

  /// Two idle connections in the pool, both backends ended: the next call gets a new
  /// connection (a backend not ended), and the dead ones are gone from the pool.
  @Test func anIdleConnectionTheServerEndedIsReplacedAtCheckout() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let pool = PostgresPool(url: database.url, keptIdle: 2)
    let before = try pool.withConnection { (first) throws(PostgresError) in
      try pool.withConnection { (second) throws(PostgresError) in
        [try first.query("SELECT pg_backend_pid()").int(0, 0), try second.query("SELECT pg_backend_pid()").int(0, 0)]
      }
    }
    #expect(pool.idleCount == 2)
    let other = try PostgresConnection(url: database.url)
    #expect(try Self.terminateOthers(other) == 2)
    let after = try pool.withConnection { (connection) throws(PostgresError) in
      try connection.query("SELECT pg_backend_pid()").int(0, 0)
    }
    #expect(after != nil && !before.contains(after))
    #expect(pool.idleCount == 1)
  }

  /// The store's next request after its pool's idle backends were ended succeeds: a case is
  /// read, then a task claimed (the claim's lock takes a pooled connection too).
  @Test func theStoresNextRequestAfterItsBackendsWereEndedSucceeds() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let created = try store.technical(0)
    let url = try #require(store.databaseURL)
    #expect(try Self.terminateOthers(PostgresConnection(url: url)) >= 1)
    #expect(try store.repository.load(created.id)?.id == created.id)
    #expect(try Self.terminateOthers(PostgresConnection(url: url)) >= 1)
    #expect(try store.at(60).claimNext(by: "bob").task.id == created.id + ".1")
  }
}
