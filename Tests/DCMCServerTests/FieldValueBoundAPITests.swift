import DCMCJSON
import DCMCServer
import Testing
import _DCMCTestSupport

/// A form value is at most 64 KiB of UTF-8 through the API as on the public form: create and
/// update are 422 naming the field, and nothing is written.
@Suite struct FieldValueBoundAPITests {
  static func form(problem: String) -> String {
    """
    {"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com",
     "Product": "internet", "Problem_Description": "\(problem)"}}
    """
  }

  @Test func aValueOver64KiBIsRefusedNamingItsField() throws {
    let harness = try APIHarness()
    let long = String(repeating: "x", count: 65_537)
    let refused = harness.send("POST", "/api/v1/cases", Self.form(problem: long), as: "alice")
    #expect(refused.status == 422)
    #expect(refused.json?["errors"]?.elements.first?.text("field") == "fields.Problem_Description")
    #expect(refused.json?.text("detail")?.contains("is not valid") == true)
    #expect(harness.send("GET", "/api/v1/cases", as: "bob").json?.elements.isEmpty == true)
    let made = harness.send("POST", "/api/v1/cases", Self.form(problem: String(long.dropLast())), as: "alice")
    #expect(made.status == 201)
    let id = try #require(made.json?.text("id"))
    let update = harness.send(
      "PATCH", "/api/v1/cases/\(id)", #"{"fields": {"Problem_Description": "\#(long)"}}"#, as: "sam", at: 120)
    #expect(update.status == 422 && update.json?["errors"]?.elements.first?.text("field") == "fields.Problem_Description")
  }
}
