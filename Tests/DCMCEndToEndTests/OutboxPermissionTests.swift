import Testing
import _DCMCTestSupport

/// The outbox acting as a user is a supervisor's, as through the API; the CLI without an
/// acting user is the store's operator (docs/runtime.md, "Who may use the outbox").
@Suite struct OutboxPermissionTests {
  @Test func aMemberWhoSupervisesNothingIsRefusedTheOutboxAndTheOperatorIsNot() throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let refusals: [([String], String)] = [
      (["outbox", "list"], "read the outbox"), (["outbox", "ack", "TEC-000001/n1"], "acknowledge notifications"),
      (["outbox", "deliver", "--via", "cat >/dev/null"], "deliver the outbox"),
    ]
    for (arguments, action) in refusals {
      let refused = try session.run(arguments, as: "alice", at: "2026-03-02T09:01:00Z")
      #expect(refused.status == 1, "\(arguments)")
      #expect(refused.stderr == "dcmc: 'alice' supervises no workgroup and may not \(action)\n")
    }
    let listed = try session.run(["outbox", "list"], as: "sam", at: "2026-03-02T09:02:00Z")
    #expect(listed.status == 0 && listed.stdout.contains("TEC-000001/n1  pending"), "\(listed.stdout)")
    #expect(try session.run(["outbox", "ack", "TEC-000001/n1"], at: "2026-03-02T09:03:00Z").status == 0)
    #expect(try session.run(["outbox", "list"], at: "2026-03-02T09:04:00Z").stdout.contains("TEC-000001/n1  delivered"))
  }
}
