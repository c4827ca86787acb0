import DCMCApplication
import DCMCPostgres
import Foundation
import Testing
import _DCMCTestSupport

/// The schema's versions: migrations applied in order and once, a newer schema or another
/// application's database refused with nothing written.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresSchemaTests {
  @Test func initCreatesTheSchemaOnceAndAgainChangesNothing() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    #expect(throws: RepositoryError.self) { try PostgresCaseRepository.open(url: database.url) }
    #expect(try PostgresCaseRepository.migrate(url: database.url) == (0, PostgresSchema.currentVersion))
    #expect(try PostgresCaseRepository.migrate(url: database.url) == (PostgresSchema.currentVersion, PostgresSchema.currentVersion))
    let repository = try PostgresCaseRepository.open(url: database.url)
    #expect(try repository.deployedBundle() == nil)
  }

  @Test func concurrentInitsApplyEachMigrationOnce() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let outcomes = Results()
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      do {
        let (from, to) = try PostgresCaseRepository.migrate(url: database.url)
        outcomes.add("\(from)-\(to)")
      } catch {
        outcomes.add("\(error)")
      }
    }
    let current = PostgresSchema.currentVersion
    // Each ends at the current version, without an error (a migration applied twice would
    // create a table that exists); one applied the first, others may have applied later ones.
    #expect(outcomes.values.allSatisfy { $0.hasSuffix("-\(current)") && $0.count < 8 }, "\(outcomes.values)")
    #expect(outcomes.values.filter { $0.hasPrefix("0-") }.count == 1)
    let rows = try PostgresConnection(url: database.url).query("SELECT application, version FROM dcmc_schema")
    #expect(rows.rows.count == 1)
    #expect(rows.int(0, 1) == current)
  }

  @Test func aNewerSchemaIsRefusedByInitAndByOpen() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    _ = try PostgresCaseRepository.migrate(url: database.url)
    let connection = try PostgresConnection(url: database.url)
    try connection.query("UPDATE dcmc_schema SET version = $1", [.int(PostgresSchema.currentVersion + 1)])
    let newer = "the store's schema is version \(PostgresSchema.currentVersion + 1), newer than this dcmc's "
      + "(\(PostgresSchema.currentVersion)); use a newer dcmc"
    let refused = try #require(throws: RepositoryError.self) { try PostgresCaseRepository.migrate(url: database.url) }
    #expect(refused.description == newer)
    let refusedOpen = try #require(throws: RepositoryError.self) { try PostgresCaseRepository.open(url: database.url) }
    #expect(refusedOpen.description == newer)
    #expect(try connection.query("SELECT version FROM dcmc_schema").int(0, 0) == PostgresSchema.currentVersion + 1)
  }

  @Test func anotherApplicationsDatabaseIsRefusedWithNothingWritten() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let connection = try PostgresConnection(url: database.url)
    try connection.query("CREATE TABLE invoices (id integer PRIMARY KEY)")
    let refused = try #require(throws: RepositoryError.self) { try PostgresCaseRepository.migrate(url: database.url) }
    #expect(refused.description == "schema 'public' holds tables of another application, and no dcmc store")
    #expect(try connection.query("SELECT to_regclass('dcmc_schema') IS NULL").string(0, 0) == "t")
    try connection.query("DROP TABLE invoices")
    try connection.query("CREATE TABLE dcmc_schema (application text NOT NULL, version integer NOT NULL)")
    try connection.query("INSERT INTO dcmc_schema VALUES ('billing', 3)")
    let other = try #require(throws: RepositoryError.self) { try PostgresCaseRepository.migrate(url: database.url) }
    #expect(other.description == "table 'dcmc_schema' is not a dcmc store's: it names another application")
  }
}
