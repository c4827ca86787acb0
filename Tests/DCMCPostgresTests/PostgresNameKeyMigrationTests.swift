import DCMCApplication
import DCMCCalendar
@testable import DCMCPostgres
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Migration 10: the customers' name keys of a version 9 store, made before keys were NFC
/// (`CustomerNameKey`), are composed, so that `customer find` finds a name written decomposed
/// under either spelling.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresNameKeyMigrationTests {
  @Test func version10ComposesTheNameKeysOfAVersion9Store() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    _ = try PostgresCaseRepository.migrate(url: database.url)
    let repository = try PostgresCaseRepository.open(url: database.url)
    let definitions = DefinitionsLoader(repository: repository, zone: TimeZoneDatabase.rules(named:))
    _ = try CaseService(
      repository: repository, queries: repository, definitions: definitions, directory: DeployedDirectory(definitions),
      clock: FixedClock(RepositoryUnderTest.monday)
    ).deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes, by: nil)
    let customers = CustomerService(
      repository: repository, definitions: definitions, directory: DeployedDirectory(definitions),
      clock: FixedClock(RepositoryUnderTest.monday))
    let zoe = try customers.add(name: "Zoe\u{308} Martin", email: nil, phone: nil, fields: [:], request: nil, by: "alice")
    // The key as version 9's code wrote it: lower case, not composed.
    let connection = try PostgresConnection(url: database.url)
    try connection.query(
      "UPDATE dcmc_customers SET name_key = $1 WHERE id = $2", [.string("zoe\u{308} martin"), .string(zoe.id)])
    #expect(try repository.customers(namePrefix: "Zo\u{EB}", limit: 5).isEmpty)

    // Migration 10, as `store upgrade` applies it to a version 9 store.
    try connection.transaction { () throws(PostgresError) in
      for statement in PostgresMigrations.version10 { try connection.query(statement) }
    }
    for spelling in ["Zo\u{EB}", "ZOE\u{308}", "zo\u{EB} m"] {
      #expect(try repository.customers(namePrefix: spelling, limit: 5).map(\.id) == [zoe.id], "\(spelling)")
    }
    try BinaryRunner.verify(store: database.url)
  }
}
