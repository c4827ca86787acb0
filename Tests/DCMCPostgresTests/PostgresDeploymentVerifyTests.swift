import DCMCApplication
import DCMCCalendar
import DCMCPostgres
import Foundation
import Testing
import _DCMCTestSupport

/// `store verify` on PostgreSQL reads `dcmc_deployments` and `dcmc_bundles` and names what the
/// file store's verify names in `deployments.jsonl` and `bundles/` (`DeploymentDamage`, one rule
/// for both): a deployment whose user is no user name or whose time no instant, a bundle that
/// is not the one its hash names, a bundle a case runs on missing, no deployment while cases
/// exist. Before, it read neither table, and `store copy` carried a hand-edited `deployed_by`
/// into a file store that verify then called damaged. Against a real server.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresDeploymentVerifyTests {
  static let mending = " (no command rewrites the deployment history: mend the row by hand)"

  /// The store `make()` deploys (by nobody) with one case, clean, and a connection to it.
  static func store() throws -> (RepositoryUnderTest, PostgresCaseRepository, PostgresConnection, String) {
    let store = try RepositoryKind.postgres.make()
    let url = try #require(store.databaseURL)
    let created = try store.technical()
    let repository = try PostgresCaseRepository.open(url: url)
    #expect(try repository.verify().problems == [])
    return (store, repository, try PostgresConnection(url: url), created.id)
  }

  /// A user `deploy --as` refuses, written into the row by hand, is named with the
  /// deployment's number, escaped, as the file store names it in its line.
  @Test(arguments: [
    ("", "'' is empty"), (String(repeating: "u", count: 129), "is longer than 128 bytes"),
    ("a/b", "'a/b' contains '/'"),
    ("ops\n2  forged\u{1b}[2J", "'ops\\u{a}2  forged\\u{1b}[2J' contains a control character"),
    ("..", "'..' is a directory reference"),
  ])
  func aUserThatIsNoUserNameIsNamed(by: String, problem: String) throws {
    let (store, repository, connection, _) = try Self.store()
    defer { store.remove() }
    try connection.query("UPDATE dcmc_deployments SET deployed_by = $1 WHERE number = 1", [.string(by)])
    let problems = try repository.verify().problems
    #expect(problems.count == 1, "\(problems)")
    let found = try #require(problems.first)
    #expect(found.hasPrefix("dcmc_deployments: deployment 1: its user is not a user name: "), "\(found)")
    #expect(found.hasSuffix(problem + Self.mending), "\(found)")
    // A user deploy takes is no damage.
    try connection.query("UPDATE dcmc_deployments SET deployed_by = 'ops' WHERE number = 1")
    #expect(try repository.verify().problems == [])
  }

  /// A time outside the years 1 to 9999 (which no timestamp writes, so the file store's line
  /// would not read) is named.
  @Test func aTimeThatIsNoInstantIsNamed() throws {
    let (store, repository, connection, _) = try Self.store()
    defer { store.remove() }
    try connection.query("UPDATE dcmc_deployments SET deployed_at = 253402300800 WHERE number = 1")
    #expect(
      try repository.verify().problems == [
        "dcmc_deployments: deployment 1: its time (253402300800 seconds since the epoch) is not an instant of the "
          + "years 1 to 9999" + Self.mending
      ])
  }

  /// A bundle's bytes that do not load, or load as another bundle, are named by its hash.
  @Test func aBundleThatIsNotTheOneItsHashNamesIsNamed() throws {
    let (store, repository, connection, _) = try Self.store()
    defer { store.remove() }
    let hash = ReferenceBundle.compiled.bundle.hash
    try connection.query(
      "UPDATE dcmc_bundles SET bytes = $1 WHERE hash = $2", [.bytes(Array("{}".utf8)), .string(hash)])
    let problems = try repository.verify().problems
    #expect(problems.count == 1, "\(problems)")
    #expect(
      problems.first?.hasPrefix("dcmc_bundles: bundle '\(hash)' is not the bundle that was deployed: ") == true,
      "\(problems)")
    let other = ReferenceBundle.renamed
    try connection.query("UPDATE dcmc_bundles SET bytes = $1 WHERE hash = $2", [.bytes(other.bytes), .string(hash)])
    #expect(
      try repository.verify().problems == [
        "dcmc_bundles: bundle '\(hash)' holds bundle '\(other.bundle.hash)', not the one its name gives"
      ])
  }

  /// A bundle a case runs on, its deployment and its row deleted by hand, is named with the
  /// case; a store with cases and no deployment is named.
  @Test func aMissingBundleOrDeploymentIsNamed() throws {
    let (store, repository, connection, id) = try Self.store()
    defer { store.remove() }
    let (a, b) = (ReferenceBundle.compiled.bundle.hash, ReferenceBundle.renamed)
    _ = try repository.deploy(b.bundle, bytes: b.bytes, by: "ops", at: RepositoryUnderTest.monday)
    #expect(try repository.verify().problems == [])
    try connection.query("DELETE FROM dcmc_deployments WHERE bundle = $1", [.string(a)])
    try connection.query("DELETE FROM dcmc_bundles WHERE hash = $1", [.string(a)])
    #expect(try repository.verify().problems == ["dcmc_bundles: bundle '\(a)' is missing: case \(id) run on it"])
    try connection.query("DELETE FROM dcmc_deployments")
    #expect(
      try repository.verify().problems == [
        "dcmc_deployments is empty: no bundle is deployed, and the store holds cases",
        "dcmc_bundles: bundle '\(a)' is missing: case \(id) run on it",
      ])
  }

  /// Through the binary: `store verify --json` names the edited user (exit 1), and `store copy`
  /// refuses the database as a source in verify's words, before the target directory is made
  /// (it used to copy the user into a file store whose verify then called it damage).
  @Test func verifyNamesItAndCopyRefusesTheSource() throws {
    let (store, _, connection, _) = try Self.store()
    let directory = try TemporaryDirectory()
    defer { store.remove(); directory.remove() }
    let url = try #require(store.databaseURL)
    try connection.query("UPDATE dcmc_deployments SET deployed_by = $1 WHERE number = 1", [.string("ops\u{7f}")])
    let expected =
      "dcmc_deployments: deployment 1: its user is not a user name: 'ops\\u{7f}' contains a control character"
      + Self.mending
    let verified = try BinaryRunner.run(["store", "verify", "--json", "--store", url])
    #expect(verified.status == 1, "\(verified.stdout)\(verified.stderr)")
    let report = try #require(JSONSerialization.jsonObject(with: Data(verified.stdout.utf8)) as? [String: Any])
    #expect(report["ok"] as? Bool == false)
    #expect(report["problems"] as? [String] == [expected], "\(verified.stdout)")
    let copy = directory.url.appendingPathComponent("copy").path
    let refused = try BinaryRunner.run(["store", "copy", url, copy])
    #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
    #expect(
      refused.stderr.hasPrefix("dcmc: not copied: \(expected)\ndcmc: the source is damaged (1 problem "),
      "\(refused.stderr)")
    // The remedy is not `store rebuild`, which leaves the deployments as they are (it advised
    // one before 7 December 2026), nor does a deploy write the history again on a database.
    let remedy =
      "nothing was copied: 'dcmc store rebuild' does not mend the bundles or deployments, which are derived from "
      + "nothing: 'dcmc deploy BUNDLE --store \(url)' puts a missing bundle back (deploy the current bundle last); "
      + "mend the rest by hand, or restore it from a backup, then copy again\n"
    #expect(refused.stderr.hasSuffix(remedy), "\(refused.stderr)")
    #expect(!FileManager.default.fileExists(atPath: copy))
  }
}
