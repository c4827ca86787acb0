import Foundation
import Testing
import _DCMCTestSupport

/// `case create` on the reference `connectivity` case type, run as the binary: a second case
/// of the same customer is a repeat contact (CE20), critical, in the experts' workbin, and its
/// one acknowledgement is the `known_contact` template; another customer's first case is not.
@Suite struct CustomerContextCommandTests {
  @Test func aRepeatContactIsRoutedAndAcknowledgedByTheRules() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("store").path
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", store]).status == 0)
    func create(_ email: String, at time: String) throws -> [String: Any] {
      let output = try BinaryRunner.run([
        "case", "create", "connectivity", "--field", "Customer_Name=Jane", "--field", "Customer_Email=\(email)",
        "--field", "Service=internet", "--field", "Problem_Description=no signal", "--json", "--as", "alice",
        "--at", time, "--store", store,
      ])
      #expect(output.status == 0, "\(output.stderr)")
      return try #require(JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }
    func targets(_ state: [String: Any]) -> [String] {
      (state["tasks"] as? [[String: Any]] ?? []).compactMap { $0["target"] as? String }
    }
    let first = try create("jane@example.com", at: "2026-03-02T09:00:00+01:00")
    #expect(first["priority"] as? Int == 50)
    #expect(targets(first) == ["employees_group"])
    let repeated = try create("JANE@example.com", at: "2026-03-05T09:00:00+01:00")
    #expect(repeated["customer"] as? String == first["customer"] as? String)
    #expect(repeated["priority"] as? Int == 100)
    #expect(targets(repeated) == ["expert_group_x"])
    let other = try create("tom@example.com", at: "2026-03-05T09:00:00+01:00")
    #expect(targets(other) == ["employees_group"])
    let outbox = try BinaryRunner.run(["outbox", "list", "--json", "--as", "sam", "--store", store])
    let entries = try #require(JSONSerialization.jsonObject(with: Data(outbox.stdout.utf8)) as? [[String: Any]])
    let templates = entries.filter { $0["event"] as? String == "case_created" }.map {
      "\($0["id"] ?? "") \($0["template"] ?? "")"
    }
    #expect(templates == ["CON-000001/n1 case_created", "CON-000002/n1 known_contact", "CON-000003/n1 case_created"])
  }
}
