import DCMCJSON
import DCMCServer
import Foundation
import Testing
import _DCMCTestSupport

/// audit37 L5: a `string` field takes what a customer record's name takes (one line of plain
/// text): NUL, ESC, a tab or a bidirectional override is 422 naming the field as the body holds
/// it, at a create, an update (PATCH) and an outcome's data, and nothing is made. Before
/// 7 December 2026 `"P\u0000Q"` and `"\u202eevil\u202c Zed"` were 201, and the customer record
/// made from the case was named without them.
@Suite struct OneLineFieldAPITests {
  static let rule = "a string field is one line of plain text"

  static func refused(_ answer: (status: Int, json: JSONValue?, response: HTTPResponse), _ field: String, _ named: String) {
    let body = String(decoding: answer.response.body, as: UTF8.self)
    #expect(answer.status == 422, "\(body)")
    #expect(answer.json?["errors"]?.elements.compactMap { $0.text("field") } == [field], "\(body)")
    #expect(body.contains("holds \(named); \(rule)"), "\(body)")
  }

  @Test(arguments: [
    (#""P\u0000Q""#, "U+0000 (a control character)"), (#""A\u001b[31m B""#, "U+001B (a control character)"),
    (#""\u202eevil\u202c Zed""#, "U+202E (a bidirectional embedding or override)"),
  ])
  func aStringFieldRefusesWhatACustomersNameRefuses(literal: String, named: String) throws {
    let harness = try APIHarness(users: APIEndpointTests.users)
    let body = APIEndpointTests.finance.replacingOccurrences(of: #""Els Janssens""#, with: literal)
    #expect(body != APIEndpointTests.finance)
    Self.refused(harness.send("POST", "/api/v1/cases", body, as: "tina"), "fields.Customer_Name", named)
    let made = harness.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 61)
    let id = try #require(made.json?.text("id"))
    #expect(id.hasSuffix("-000001"), "no case was made before")
    let update = harness.send("PATCH", "/api/v1/cases/\(id)", #"{"fields": {"Customer_Name": \#(literal)}}"#, as: "tina", at: 62)
    Self.refused(update, "fields.Customer_Name", named)
    let shown = harness.send("GET", "/api/v1/cases/\(id)", as: "tina", at: 63)
    #expect(shown.json?["fields"]?.text("Customer_Name") == "Els Janssens")
  }

  @Test func anOutcomesStringFieldRefusesAControlCharacter() throws {
    let harness = try APIHarness(users: APIEndpointTests.users)
    let url = BinaryRunner.repositoryRoot.appendingPathComponent("samples/fields/address_change.json")
    let fields = try String(contentsOf: url, encoding: .utf8).replacing(#""nl""#, with: #""en""#)
    let made = harness.send("POST", "/api/v1/cases", #"{"type": "address_change", "fields": \#(fields)}"#, as: "alice")
    let id = try #require(made.json?.text("id"))
    #expect(harness.send("POST", "/api/v1/tasks/next", as: "alice", at: 61).json?.text("id") == "\(id).1")
    func body(_ municipality: String) -> String {
      #"{"outcome": "updated", "data": {"Postal_Code": "9000", "Municipality": \#(municipality), "#
        + #""Address_Checked": true, "Transfer_Date": "2026-04-01"}}"#
    }
    let complete = harness.send("POST", "/api/v1/tasks/\(id).1/complete", body(#""Gent\tCentrum""#), as: "alice", at: 62)
    Self.refused(complete, "data.Municipality", "U+0009 (a tab)")
    let done = harness.send("POST", "/api/v1/tasks/\(id).1/complete", body(#""Gent""#), as: "alice", at: 63)
    #expect(done.status == 200, "\(String(decoding: done.response.body, as: UTF8.self))")
  }
}
