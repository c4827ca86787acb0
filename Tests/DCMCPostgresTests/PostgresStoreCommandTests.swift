import DCMCPostgres
import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc store init --store postgresql://...` through the built binary, and what it says about
/// a server or a database it cannot use: one line, exit 2.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresStoreCommandTests {
  @Test func storeInitCreatesThenFindsNothingToDo() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let version = PostgresSchema.currentVersion
    let first = try BinaryRunner.run(["store", "init", "--store", database.url])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout == "created the store's schema, version \(version)\n")
    let again = try BinaryRunner.run(["store", "init", "--json"], environment: ["DCM_STORE": database.url])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout == "{\"from\": \(version), \"to\": \(version)}\n")
  }

  @Test func anUnreachableServerIsOneLineAndExit2() throws {
    let result = try BinaryRunner.run(["store", "init", "--store", "postgresql://127.0.0.1:1/dcmc?connect_timeout=2"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("dcmc: cannot connect to postgresql: connection to server at \"127.0.0.1\", port 1"))
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func aNewerSchemaIsOneLineAndExit2() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    _ = try PostgresCaseRepository.migrate(url: database.url)
    try PostgresConnection(url: database.url).query("UPDATE dcmc_schema SET version = version + 1")
    let result = try BinaryRunner.run(["store", "init", "--store", database.url])
    #expect(result.status == 2)
    #expect(
      result.stderr == "dcmc: the store's schema is version \(PostgresSchema.currentVersion + 1), newer than this dcmc's "
        + "(\(PostgresSchema.currentVersion)); use a newer dcmc\n")
  }

  @Test func aCommandOnAnUnreachableServerIsOneLineAndExit2() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let result = try BinaryRunner.run(
      ["case", "list", "--store", "postgresql://127.0.0.1:1/dcmc?connect_timeout=2"], in: directory.url)
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("dcmc: cannot connect to postgresql: connection to server at \"127.0.0.1\", port 1"))
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
  }

  @Test func aCommandOnADatabaseWithoutAStoreSaysToInitialiseIt() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let result = try BinaryRunner.run(["deploy", "definitions", "--store", database.url])
    #expect(result.status == 2)
    #expect(result.stderr == "dcmc: the database holds no dcmc store; run 'dcmc store init' first\n")
  }
}
