import Foundation
import Testing
import _DCMCTestSupport

/// Issue 14's business rules through the binary: the exit status and the words of each refusal.
@Suite struct BusinessRuleCommandTests {
  typealias Session = RuntimeCommandTests.Session

  /// Items 9 and 11: a request id reused for other data, and a command dated before the case's
  /// last event, exit 1 naming the case or the time; the history is unchanged.
  @Test func aReusedRequestIDAndABackdatedCommandExitOne() throws {
    let session = try Session()
    defer { session.directory.remove() }
    #expect(try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z").status == 0)
    let form = ["--field", "Customer_Name=Jane", "--field", "Customer_Email=jane@example.com", "--field",
      "Problem_Description=Slow"]
    let create = ["case", "create", "technical", "--request-id", "web-1"] + form
    for time in ["2026-03-02T09:00:00Z", "2026-03-02T09:01:00Z"] {
      #expect(try session.run(create + ["--field", "Product=internet"], as: "alice", at: time).status == 0)
    }
    let reused = try session.run(create + ["--field", "Product=mobile"], as: "alice", at: "2026-03-02T09:02:00Z")
    #expect(reused.status == 1)
    #expect(reused.stderr.contains("request 'web-1' created case 'TEC-000001'"), "\(reused.stderr)")
    // A request id is its user's (audit33 finding 7): bob's create with alice's id, her very
    // form, is refused and shown nothing of her case; until 7 December 2026 it printed it.
    let bobs = try session.run(create + ["--field", "Product=internet"], as: "bob", at: "2026-03-02T09:03:00Z")
    #expect(bobs.status == 1 && bobs.stdout.isEmpty)
    #expect(bobs.stderr == "dcmc: request 'web-1' was used by another user; give a request id of your own\n")
    #expect(try session.run(["task", "claim", "TEC-000001.1"], as: "bob", at: "2026-03-02T10:00:00Z").status == 0)
    let history = try session.run(["case", "history", "TEC-000001"], at: "2026-03-02T10:00:00Z").stdout
    let backdated = try session.run(["task", "release", "TEC-000001.1"], as: "bob", at: "2026-03-02T09:30:00Z")
    #expect(backdated.status == 1)
    #expect(
      backdated.stderr.contains("case 'TEC-000001' last changed at 2026-03-02T10:00:00Z"), "\(backdated.stderr)")
    #expect(try session.run(["case", "history", "TEC-000001"], at: "2026-03-02T10:00:00Z").stdout == history)
    #expect(try session.run(["case", "list"], at: "2026-03-02T10:00:00Z").stdout.contains("TEC-000002") == false)
  }
}
