import Foundation
import Testing
import _DCMCTestSupport

/// `--request-id` on the commands a second run would do again (`case attach`, `case link
/// --interaction`, `task next`): each run is its own process, as a retry after a crash is.
extension CaseExtrasCommandTests {
  @Test func aCommandRetriedWithItsRequestIDRecordsNothingTwice() throws {
    let session = try Self.sessionWithACase()
    defer { session.directory.remove() }
    _ = try session.run(
      ["case", "create", "technical", "--fields", "samples/fields/technical.json"], as: "alice", at: "2026-03-02T09:01:00Z")
    let photo = try session.directory.write("modem.txt", "the modem's lights\n")
    let attach = ["case", "attach", "TEC-000001", photo.path, "--request-id", "att-1"]
    let link = ["case", "link", "TEC-000001", "--interaction", "phone:call-42", "--request-id", "link-1"]
    let next = ["task", "next", "--request-id", "next-1"]
    var answers: [[String: Any]] = []
    for (minute, arguments) in [attach, attach, link, link, next, next].enumerated() {
      let answer = try session.json(arguments, as: "alice", at: "2026-03-02T09:\(10 + minute):00Z")
      answers.append(try #require(answer as? [String: Any]))
    }
    #expect((answers[1]["attachments"] as? [Any])?.count == 1)
    #expect(answers[3]["interactions"] as? [String] == ["phone:call-42"])
    #expect(answers[5]["id"] as? String != nil && answers[5]["id"] as? String == answers[4]["id"] as? String)
    // The id with other arguments is refused, exit 1; with --customer it is a usage error.
    let other = try session.run(
      ["case", "link", "TEC-000001", "--interaction", "phone:call-43", "--request-id", "link-1"], as: "alice",
      at: "2026-03-02T09:20:00Z")
    #expect(other.status == 1 && other.stderr.contains("request 'link-1'"), "\(other.stderr)")
    let withCustomer = try session.run(
      ["case", "link", "TEC-000001", "--customer", "CUS-000001", "--request-id", "link-2"], as: "alice",
      at: "2026-03-02T09:21:00Z")
    #expect(withCustomer.status == 2, "\(withCustomer.stderr)")
    let shown = try #require(try session.json(["case", "show", "TEC-000001"], at: "2026-03-02T09:22:00Z") as? [String: Any])
    #expect((shown["attachments"] as? [Any])?.count == 1)
    #expect(shown["interactions"] as? [String] == ["phone:call-42"])
  }

  /// `task next --request-id` run again once the task it claimed was completed: it answers
  /// that task, completed, and claims no other (the second case's task stays queued); the
  /// store's request index names the claim's case, `store verify` is clean. Before, the retry
  /// pulled the next task.
  @Test func aPullRetriedAfterItsTaskWasCompletedClaimsNothing() throws {
    let session = try Self.sessionWithACase()
    defer { session.directory.remove() }
    _ = try session.run(
      ["case", "create", "technical", "--fields", "samples/fields/technical.json"], as: "alice", at: "2026-03-02T09:01:00Z")
    let next = ["task", "next", "--request-id", "next-1"]
    let first = try #require(try session.json(next, as: "alice", at: "2026-03-02T09:10:00Z") as? [String: Any])
    let task = try #require(first["id"] as? String)
    let done = try session.run(["task", "complete", task, "--outcome", "resolved"], as: "alice", at: "2026-03-02T09:11:00Z")
    #expect(done.status == 0, "\(done.stderr)")
    let again = try #require(try session.json(next, as: "alice", at: "2026-03-02T09:12:00Z") as? [String: Any])
    #expect(again["id"] as? String == task)
    #expect(again["status"] as? String == "completed")
    let mine = try session.json(["task", "list", "--mine"], as: "alice", at: "2026-03-02T09:13:00Z") as? [Any]
    #expect(mine?.count == 0, "\(String(describing: mine))")
    // Bob's retry of alice's id is refused, exit 1, and claims nothing.
    let bobs = try session.run(next, as: "bob", at: "2026-03-02T09:14:00Z")
    #expect(bobs.status == 1 && bobs.stderr.contains("was used by another user"), "\(bobs.stderr)")
    let verified = try session.run(["store", "verify"], at: "2026-03-02T09:15:00Z")
    #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
  }
}
