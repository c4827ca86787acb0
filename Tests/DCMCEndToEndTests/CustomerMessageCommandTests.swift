import Foundation
import Testing
import _DCMCTestSupport

/// The reference definitions' messages to the customer, through the built binary's outbox:
/// the customer reads the status page's words, never the internal codes (docs/customers.md,
/// "The customer's words in messages").
@Suite struct CustomerMessageCommandTests {
  typealias Session = RuntimeCommandTests.Session

  /// The notifications of `caseID` in the outbox, as `outbox list --json` gives them.
  static func messages(of caseID: String, in session: Session) throws -> [[String: Any]] {
    let listed = try #require(try session.json(["outbox", "list"], at: "2026-03-02T12:00:00+01:00") as? [[String: Any]])
    return listed.filter { ($0["id"] as? String)?.hasPrefix(caseID + "/") == true }
  }

  /// Jane's finance case went pending at 11:00 (`need_documents`): the `case_status` email
  /// says so in her words, with what to do, as docs/customers.md shows it. Until 7 December
  /// 2026 it read "The status of your request FIN-2026-000001 changed to pending".
  @Test func thePendingCasesStatusEmailReadsTheCustomersWords() throws {
    let session = try CustomerCasesCommandTests.janesCases()
    defer { session.directory.remove() }
    let messages = try Self.messages(of: "FIN-2026-000001", in: session)
    let status = try #require(messages.last { $0["template"] as? String == "case_status" }, "\(messages)")
    #expect(status["event"] as? String == "case_status_changed")
    #expect(status["to"] as? String == "jane@example.com")
    let body = try #require(status["body"] as? String)
    #expect(body == (try CustomerCasesCommandTests.documented(after: "## The customer's words in messages")))
    #expect(body.contains("Waiting for your documents.\nReply to our email about this request with the documents"))
  }

  /// No message the reference definitions send Jane holds a status, a workgroup or a user id.
  @Test func noMessageToTheCustomerHoldsAnInternalCode() throws {
    let session = try CustomerCasesCommandTests.janesCases()
    defer { session.directory.remove() }
    let messages = try Self.messages(of: "FIN-2026-000001", in: session)
    // The acknowledgement (SMS), the assignment, open to in_progress, in_progress to pending.
    #expect(messages.map { $0["template"] as? String ?? "?" } == ["case_created", "case_assigned", "case_status", "case_status"])
    for message in messages {
      let text = "\(message["subject"] as? String ?? "")\n\(message["body"] as? String ?? "")"
      for code in ["pending", "in_progress", "fiona", "finances_group", "need_documents"] {
        #expect(!text.contains(code), "\(message["template"] ?? "?") holds '\(code)':\n\(text)")
      }
    }
  }
}
