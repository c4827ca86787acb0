import Testing
import _DCMCTestSupport

/// The outbox acting as a user is a supervisor's, as through the API; the CLI without an
/// acting user is the store's operator (docs/runtime.md, "Who may use the outbox").
@Suite struct OutboxPermissionTests {
  typealias Session = RuntimeCommandTests.Session

  @Test func aMemberWhoSupervisesNothingIsRefusedTheOutboxAndTheOperatorIsNot() throws {
    let session = try Session()
    defer { session.directory.remove() }
    #expect(try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z").status == 0)
    let form = [
      "--field", "Customer_Name=Jane", "--field", "Customer_Email=jane@example.com", "--field", "Product=internet",
      "--field", "Problem_Description=Slow",
    ]
    #expect(
      try session.run(["case", "create", "technical"] + form, as: "alice", at: "2026-03-02T09:00:00Z").status == 0)
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
