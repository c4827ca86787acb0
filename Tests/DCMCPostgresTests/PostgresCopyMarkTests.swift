import DCMCApplication
import DCMCPostgres
import Foundation
import Testing
import _DCMCTestSupport

/// `store copy` into a database marks it unfinished (`dcmc_copy_unfinished`, schema version
/// 13) before it writes anything, and unmarks it as its last step: a copy cut off between the
/// two (a fault injected by a trigger on one of the tables it writes, from the first, the
/// bundles, to the last, the tick mark) leaves a store every other opening refuses, in the
/// file store's words, until the copy run again finishes it. Before, a copy cut short left a
/// database that looked whole (audit36 L7's PostgreSQL side).
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresCopyMarkTests {
  @Test func aCopyCutOffIsRefusedUntilARunAgainFinishesIt() throws {
    let source = try RepositoryKind.memory.make()
    defer { source.remove() }
    _ = try source.fillForCopy()
    let expected = try StoreTally(of: source.copyable)
    let tables = [
      "dcmc_bundles", "dcmc_customer_events", "dcmc_attachments", "dcmc_case_events", "dcmc_presence_events",
      "dcmc_tokens", "dcmc_status_links", "dcmc_deliveries", "dcmc_ticks",
    ]
    for table in tables {
      let database = try PostgresTestDatabase()
      defer { database.drop() }
      _ = try PostgresCaseRepository.migrate(url: database.url)
      let connection = try PostgresConnection(url: database.url)
      try connection.query(
        "CREATE FUNCTION dcmc_test_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE 'fault injected'; END $$")
      try connection.query(
        "CREATE TRIGGER dcmc_test_fault BEFORE INSERT OR UPDATE ON \(table) EXECUTE FUNCTION dcmc_test_fault()")
      let cut = try PostgresCaseRepository.open(url: database.url, copying: true)
      #expect(throws: (any Error).self, "\(table)") {
        try StoreCopy(from: source.copyable, to: cut, sourceName: "SOURCE").run()
      }
      do throws(RepositoryError) {
        _ = try PostgresCaseRepository.open(url: database.url)
        Issue.record("cut off at \(table): the unfinished copy was opened")
      } catch {
        guard case .unavailable(let reason) = error, let refusal = reason as? UnfinishedCopy else {
          Issue.record("cut off at \(table): \(error)")
          continue
        }
        #expect(refusal == UnfinishedCopy(store: nil, source: "SOURCE"))
      }
      if table == tables.last {
        // Through the binary: verify, a listing and a copy from it are refused so, exit 2.
        let refusal = "dcmc: \(UnfinishedCopy(store: nil, source: "SOURCE"))\n"
        #expect(
          "\(UnfinishedCopy(store: nil, source: "SOURCE"))"
            == "the database is an unfinished copy (a 'dcmc store copy' into it did not end): run "
            + "'dcmc store copy SOURCE' into it again to finish it; no other command uses it until then")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for arguments in [["store", "verify"], ["case", "list"], ["store", "rebuild"]] {
          let refused = try BinaryRunner.run(arguments + ["--store", database.url])
          #expect(refused.status == 2, "\(arguments): \(refused.stdout)\(refused.stderr)")
          #expect(refused.stderr == refusal, "\(arguments)")
        }
        let copied = try BinaryRunner.run(["store", "copy", database.url, directory.url.path + "/copy"])
        #expect(copied.status == 2, "\(copied.stdout)\(copied.stderr)")
        #expect(copied.stderr == refusal)
      }
      try connection.query("DROP TRIGGER dcmc_test_fault ON \(table)")
      let target = try PostgresCaseRepository.open(url: database.url, copying: true)
      let report = try StoreCopy(from: source.copyable, to: target, sourceName: "SOURCE").run()
      #expect(report.target == expected, "cut off at \(table)")
      #expect(try connection.query("SELECT count(*) FROM dcmc_copy_unfinished").int(0, 0) == 0)
      let finished = try PostgresCaseRepository.open(url: database.url)
      #expect(try finished.verify().problems == [], "cut off at \(table)")
    }
  }
}
