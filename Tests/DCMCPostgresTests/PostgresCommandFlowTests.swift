import DCMCPostgres
import Foundation
import Testing
import _DCMCTestSupport

/// The built `dcmc` through one representative flow (deploy, presence and push offers, cases
/// and tasks, customers, a tick, the outbox, reports, verify and rebuild) on a PostgreSQL store
/// and on a store directory: every step's `--json` output is the same on both, but for the
/// store's name.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresCommandFlowTests {
  /// One step: the arguments, the acting user and the time.
  typealias Step = (arguments: [String], user: String?, at: String)

  static let flow: [Step] = [
    (["deploy", "definitions"], nil, "2026-03-01T12:00:00Z"),
    (["presence", "set", "ready"], "gary", "2026-03-02T08:00:00Z"),
    (["presence", "set", "ready"], "fiona", "2026-03-02T08:01:00Z"),
    (["case", "create", "finance", "--fields", "samples/fields/finance.json"], "tina", "2026-03-02T08:10:00Z"),
    (["task", "offers"], "gary", "2026-03-02T08:10:10Z"),
    (["task", "accept", "FIN-2026-000001.1"], "gary", "2026-03-02T08:10:20Z"),
    (
      ["case", "create", "technical", "--fields", "samples/fields/technical.json", "--request-id", "web-1"], "alice",
      "2026-03-02T09:00:00+01:00"
    ),
    (
      ["case", "create", "technical", "--fields", "samples/fields/technical.json", "--request-id", "web-1"], "alice",
      "2026-03-02T09:01:00+01:00"
    ),
    (["case", "create", "finance", "--fields", "samples/fields/finance.json"], "tina", "2026-03-02T08:20:00Z"),
    (["case", "list"], nil, "2026-03-02T08:21:00Z"),
    (["task", "next"], "bob", "2026-03-02T09:10:00+01:00"),
    (["task", "open", "TEC-000001.1"], "bob", "2026-03-02T09:11:00+01:00"),
    (["task", "list"], "bob", "2026-03-02T09:12:00+01:00"),
    // The email of the record TEC-000001 added: refused on both stores, then added as shared.
    (
      ["customer", "add", "--name", "Jane Doe", "--email", "Jane.Doe@example.com", "--phone", "+32 2 555 12 34"],
      "alice", "2026-03-02T09:19:00+01:00"
    ),
    (
      [
        "customer", "add", "--name", "Jane Doe", "--email", "Jane.Doe@example.com", "--phone", "+32 2 555 12 34",
        "--shared",
      ],
      "alice", "2026-03-02T09:20:00+01:00"
    ),
    (["customer", "add", "--name", "J. Doe", "--phone", "02 555 12 35"], "bob", "2026-03-02T09:21:00+01:00"),
    (["customer", "find", "j"], "alice", "2026-03-02T09:22:00+01:00"),
    (["customer", "merge", "CUS-000001", "CUS-000002"], "sam", "2026-03-02T09:23:00+01:00"),
    (["customer", "show", "CUS-000001"], "alice", "2026-03-02T09:24:00+01:00"),
    (["customer", "cases", "CUS-000001"], "alice", "2026-03-02T09:25:00+01:00"),
    // A supervisor's new SLA for the case: the event on both stores, verified and rebuilt below.
    (["case", "set", "TEC-000001", "--sla", "3d"], "sam", "2026-03-02T09:26:00+01:00"),
    (["tick"], nil, "2026-03-03T12:59:00+01:00"),
    (["tick"], nil, "2026-03-03T13:00:00+01:00"),
    (["task", "release", "TEC-000001.1"], "bob", "2026-03-03T13:05:00+01:00"),
    (["presence", "list"], "tina", "2026-03-03T13:06:00+01:00"),
    (["case", "show", "TEC-000001"], nil, "2026-03-03T13:06:00+01:00"),
    (["case", "history", "TEC-000001"], nil, "2026-03-03T13:07:00+01:00"),
    (["outbox", "list"], nil, "2026-03-03T13:07:00+01:00"),
    (["outbox", "ack", "TEC-000001/n1"], nil, "2026-03-03T13:08:00+01:00"),
    (["outbox", "deliver", "--via", "cat >/dev/null"], nil, "2026-03-03T13:09:00+01:00"),
    (["outbox", "list"], nil, "2026-03-03T13:10:00+01:00"),
    (["report", "cases", "--from", "2026-03-01T00:00:00Z", "--to", "2026-03-05T00:00:00Z"], nil, "2026-03-04T00:00:00Z"),
    (["report", "advisors", "--from", "2026-03-01T00:00:00Z", "--to", "2026-03-05T00:00:00Z"], nil,
     "2026-03-04T00:00:00Z"),
    (["report", "dashboard"], nil, "2026-03-04T00:00:00Z"),
    (["store", "verify"], nil, "2026-03-04T00:01:00Z"),
    (["store", "rebuild"], nil, "2026-03-04T00:02:00Z"),
    (["store", "verify"], nil, "2026-03-04T00:03:00Z"),
  ]

  /// Each step's exit status and output (the store's name replaced by `STORE`) on `store`.
  static func outputs(on store: String) throws -> [String] {
    try flow.map { step in
      var arguments = step.arguments + ["--store", store, "--at", step.at, "--json"]
      if let user = step.user { arguments += ["--as", user] }
      let result = try BinaryRunner.run(arguments)
      let said = "\(step.arguments.joined(separator: " ")): exit \(result.status)\n\(result.stdout)\(result.stderr)"
      return said.replacingOccurrences(of: store, with: "STORE")
    }
  }

  @Test func theFlowAnswersAsOnAStoreDirectory() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let initialized = try BinaryRunner.run(["store", "init", "--store", database.url])
    #expect(initialized.status == 0, "\(initialized.stderr)")
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let onFiles = try Self.outputs(on: directory.url.appendingPathComponent("store").path)
    let onPostgres = try Self.outputs(on: database.url)
    // Every step succeeds but the one refused on purpose.
    let refused = onFiles.filter { !$0.contains(": exit 0\n") }
    #expect(refused.count == 1 && refused.first?.contains(": exit 1\n") == true, "\(refused)")
    for (files, postgres) in zip(onFiles, onPostgres) {
      #expect(postgres == files)
    }
    #expect(onPostgres.contains { $0.hasPrefix("case history TEC-000001: exit 0") && $0.contains("case.sla_set") })
  }

  @Test func tokensAreKeptAndRevoked() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    _ = try PostgresCaseRepository.migrate(url: database.url)
    let store = ["--store", database.url, "--at", "2026-03-02T09:00:00Z"]
    let created = try BinaryRunner.run(["token", "create", "alice", "--json"] + store)
    #expect(created.status == 0, "\(created.stderr)")
    let token = try #require(
      try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])
    let id = try #require(token["id"] as? String)
    #expect(try BinaryRunner.run(["token", "revoke", id] + store).status == 0)
    let listed = try BinaryRunner.run(["token", "list", "--json"] + store)
    let tokens = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    #expect(tokens.map { $0["id"] as? String } == [id])
    #expect(tokens.first?["revoked"] as? String == "2026-03-02T09:00:00Z")
  }
}
