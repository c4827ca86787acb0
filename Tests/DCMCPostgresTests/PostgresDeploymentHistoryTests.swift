import DCMCApplication
import DCMCCalendar
import DCMCPostgres
import Foundation
import Testing
import _DCMCTestSupport

/// The deployment history on PostgreSQL (schema version 11): through the binary it is the file
/// store's, `store copy` carries it both ways, and the deployments of a store made before
/// version 11 are listed with no user or time.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresDeploymentHistoryTests {
  /// A, A again (nothing recorded), B by `$DCM_USER`, A by nobody; then the history's JSON.
  static func deployments(on store: String, _ directory: TemporaryDirectory) throws -> String {
    let a = try directory.write("a.json", String(decoding: ReferenceBundle.compiled.bytes, as: UTF8.self)).path
    let b = try directory.write("b.json", String(decoding: ReferenceBundle.renamed.bytes, as: UTF8.self)).path
    let steps: [([String], String)] = [
      (["deploy", a, "--as", "ops", "--at", "2026-03-02T08:30:00Z"], ""),
      (["deploy", a, "--as", "eve", "--at", "2026-03-02T08:40:00Z"], ""),
      (["deploy", b, "--at", "2026-03-03T10:00:00+01:00"], "release-bot"),
      (["deploy", a, "--at", "2026-03-04T07:00:00Z"], ""),
    ]
    for (arguments, user) in steps {
      let result = try BinaryRunner.run(arguments + ["--store", store], environment: ["DCM_USER": user])
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
    }
    let listed = try BinaryRunner.run(
      ["deploy", "--history", "--json", "--store", store], environment: ["DCM_USER": ""])
    #expect(listed.status == 0, "\(listed.stderr)")
    return listed.stdout
  }

  static func history(_ store: String) throws -> String {
    try BinaryRunner.run(["deploy", "--history", "--json", "--store", store]).stdout
  }

  @Test func theHistoryIsTheFileStoresAndStoreCopyCarriesItBothWays() throws {
    let database = try PostgresTestDatabase()
    let other = try PostgresTestDatabase()
    let directory = try TemporaryDirectory()
    defer { database.drop(); other.drop(); directory.remove() }
    #expect(try BinaryRunner.run(["store", "init", "--store", database.url]).status == 0)
    let files = directory.url.appendingPathComponent("files").path
    let expected = try Self.deployments(on: files, directory)
    #expect(try Self.deployments(on: database.url, directory) == expected)
    let entries = try #require(JSONSerialization.jsonObject(with: Data(expected.utf8)) as? [[String: Any]])
    #expect(entries.map { $0["number"] as? Int } == [1, 2, 3])
    #expect(entries.map { $0["deployed_by"] as? String } == ["ops", "release-bot", nil])
    #expect(entries.map { $0["current"] as? Bool } == [false, false, true])

    let back = directory.url.appendingPathComponent("back").path
    for (from, to) in [(database.url, back), (files, other.url)] {
      let copied = try PostgresStoreCopyTests.copy(from, to)
      #expect(copied.status == 0, "\(copied.stderr)")
      #expect(copied.aggregates.allSatisfy { $0["same"] as? Bool == true }, "\(copied.aggregates)")
      #expect(try Self.history(to) == expected)
      try BinaryRunner.verify(store: to, [])
    }
    // Run again: nothing to write, the history unchanged.
    let again = try PostgresStoreCopyTests.copy(files, other.url)
    #expect(again.status == 0 && again.aggregates.allSatisfy { ($0["written"] as? Int) == 0 }, "\(again.aggregates)")
    #expect(try Self.history(other.url) == expected)
  }

  /// `deploy --history --limit N --after NUMBER` on PostgreSQL (the page in SQL) prints what it
  /// prints on the file store, the next page's command on standard error included.
  @Test func theHistoryPagesAsOnTheFileStore() throws {
    let database = try PostgresTestDatabase()
    let directory = try TemporaryDirectory()
    defer { database.drop(); directory.remove() }
    #expect(try BinaryRunner.run(["store", "init", "--store", database.url]).status == 0)
    let files = directory.url.appendingPathComponent("files").path
    _ = try Self.deployments(on: files, directory)
    _ = try Self.deployments(on: database.url, directory)
    func page(_ store: String, _ arguments: [String]) throws -> BinaryRunner.Output {
      try BinaryRunner.run(["deploy", "--history"] + arguments + ["--store", store])
    }
    let pages = [
      ["--limit", "2", "--json"], ["--limit", "2", "--after", "2", "--json"], ["--limit", "1", "--after", "1"],
      ["--after", "1"], ["--after", "3"],
    ]
    for arguments in pages {
      let (onFiles, onDatabase) = (try page(files, arguments), try page(database.url, arguments))
      #expect(onDatabase.status == 0 && onFiles.status == 0, "\(arguments): \(onDatabase.stderr)")
      #expect(onDatabase.stdout == onFiles.stdout, "\(arguments)")
      #expect(onDatabase.stderr == onFiles.stderr, "\(arguments)")
    }
    let first = try page(database.url, ["--limit", "2", "--json"])
    let entries = try #require(JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]])
    #expect(entries.map { $0["number"] as? Int } == [1, 2])
    #expect(first.stderr == "dcmc: later deployments follow: deploy --history --limit 2 --after 2\n")
    let bad = try page(database.url, ["--limit", "101"])
    #expect(bad.status == 2 && bad.stderr.contains("--limit takes a whole number from 1 to 100"), "\(bad.stderr)")
  }

  /// A target whose history is not the start of the source's is refused, nothing written.
  @Test func aTargetWithAnotherHistoryIsRefused() throws {
    let database = try PostgresTestDatabase()
    let directory = try TemporaryDirectory()
    defer { database.drop(); directory.remove() }
    let files = directory.url.appendingPathComponent("files").path
    _ = try Self.deployments(on: files, directory)
    _ = try PostgresCaseRepository.migrate(url: database.url)
    let repository = try PostgresCaseRepository.open(url: database.url)
    _ = try repository.deploy(
      ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes, by: "mallory",
      at: Instant(secondsSinceEpoch: 0))
    let copied = try PostgresStoreCopyTests.copy(files, database.url)
    #expect(copied.status != 0)
    #expect(copied.stderr.contains("its deployment history is not the start of the source's"), "\(copied.stderr)")
    #expect(try repository.deployments().count == 1)
  }

  /// Migration 11 on a version 10 store: its deployments (a redeploy among them, which those
  /// versions recorded) are listed by nobody at no time; the next is recorded with both, and a
  /// redeploy of the current bundle is no longer a row.
  @Test func version11KeepsTheDeploymentsMadeBeforeWithoutUserOrTime() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    #expect(try PostgresSchema.migrate(PostgresPool(url: database.url), upTo: 10) == (0, 10))
    let connection = try PostgresConnection(url: database.url)
    let a = ReferenceBundle.compiled
    try connection.query(
      "INSERT INTO dcmc_bundles (hash, bytes) VALUES ($1, $2)", [.string(a.bundle.hash), .bytes(a.bytes)])
    try connection.query("INSERT INTO dcmc_deployments (bundle) VALUES ($1), ($1)", [.string(a.bundle.hash)])
    #expect(try PostgresCaseRepository.migrate(url: database.url) == (10, PostgresSchema.currentVersion))
    let repository = try PostgresCaseRepository.open(url: database.url)
    let old = [1, 2].map { DeploymentRecord(number: $0, bundle: a.bundle.hash, by: nil, at: nil) }
    #expect(try repository.deployments() == old)
    let at = Instant(secondsSinceEpoch: 1_772_440_200)
    let b = ReferenceBundle.renamed
    #expect(try repository.deploy(b.bundle, bytes: b.bytes, by: "ops", at: at))
    #expect(try repository.deploy(b.bundle, bytes: b.bytes, by: "eve", at: at.adding(seconds: 60)) == false)
    #expect(
      try repository.deployments() == old + [DeploymentRecord(number: 3, bundle: b.bundle.hash, by: "ops", at: at)])
  }
}
