import DCMCJSON
import DCMCServer
import Foundation
import Testing
import _DCMCTestSupport

/// A 422's `errors` name each value as the body holds it (audit35 L5): a form's field under the
/// member that held the form (`fields.Invoice_Number` of a case, `data.Postal_Code` of an
/// outcome), a customer record's problem by its member (`email`, `phone`, `name`,
/// `fields.ID`). Before 7 December 2026 (stop 35) a value the form refused was named
/// `Invoice_Number` while a number out of range in the same form was `fields.Amount`, and a
/// record's problems named nothing.
@Suite struct FieldPathAPITests {
  static func fields(_ answer: (status: Int, json: JSONValue?, response: HTTPResponse)) -> [String] {
    #expect(answer.status == 422, "\(String(decoding: answer.response.body, as: UTF8.self))")
    return answer.json?["errors"]?.elements.compactMap { $0.text("field") } ?? []
  }

  @Test func aCaseFormsFieldsAreNamedUnderFields() throws {
    let harness = try APIHarness(users: APIEndpointTests.users)
    let invoice = APIEndpointTests.finance.replacingOccurrences(of: #""INV-204311""#, with: #""bad""#)
    #expect(invoice != APIEndpointTests.finance)
    #expect(Self.fields(harness.send("POST", "/api/v1/cases", invoice, as: "tina")) == ["fields.Invoice_Number"])
    let made = harness.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 61)
    let id = try #require(made.json?.text("id"))
    let update = harness.send("PATCH", "/api/v1/cases/\(id)", #"{"fields": {"Invoice_Number": "x"}}"#, as: "tina", at: 62)
    #expect(Self.fields(update) == ["fields.Invoice_Number"])
  }

  @Test func anOutcomesFormIsNamedUnderData() throws {
    let harness = try APIHarness(users: APIEndpointTests.users)
    let url = BinaryRunner.repositoryRoot.appendingPathComponent("samples/fields/address_change.json")
    let fields = try String(contentsOf: url, encoding: .utf8).replacing(#""nl""#, with: #""en""#)
    let made = harness.send("POST", "/api/v1/cases", #"{"type": "address_change", "fields": \#(fields)}"#, as: "alice")
    let id = try #require(made.json?.text("id"))
    let pulled = harness.send("POST", "/api/v1/tasks/next", as: "alice", at: 61)
    #expect(pulled.json?.text("id") == "\(id).1")
    let body = #"{"outcome": "updated", "data": {"Postal_Code": "abc", "Municipality": "Gent", "#
      + #""Address_Checked": true, "Transfer_Date": "2026-04-01"}}"#
    let complete = harness.send("POST", "/api/v1/tasks/\(id).1/complete", body, as: "alice", at: 62)
    #expect(Self.fields(complete) == ["data.Postal_Code"])
  }

  @Test func aCustomerRecordsProblemsNameTheirMembers() throws {
    let harness = try APIHarness(users: APIEndpointTests.users)
    let body = #"{"name": "Jo", "email": "not an address", "phone": "12", "fields": {"Nope": "x"}}"#
    let refused = harness.send("POST", "/api/v1/customers", body, as: "alice")
    #expect(Set(Self.fields(refused)) == ["email", "phone", "fields.Nope"])
  }
}
