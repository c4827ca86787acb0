import DCMCApplication
import DCMCJSON
import DCMCServer
import Testing
import _DCMCTestSupport

/// A field cleared over the API: `null` (or `""`) in a task's form data or a case's `fields`
/// clears an optional field the case has, recorded with the value it had (`case.updated`);
/// a required one is refused, 422 naming it, nothing recorded. Before 7 December 2026 (stop
/// 35) the completion dropped the empty value and answered 200 with the value kept.
@Suite struct FormClearAPITests {
  static let replacement = """
    {"type": "replacement", "fields": {"Customer_Name": "Ann", "Customer_Email": "ann@example.com",
     "Customer_Phone": "+32470000000", "Device": "modem", "Serial_Number": "SN-4F7K22QX",
     "Purchase_Date": "2025-12-01", "Delivery_Address": "Rue 1, Bruxelles", "Membership_No": "M12345678"}}
    """

  /// A replacement whose first delivery report was sent back with notes, its second held by
  /// hugo: the case's id.
  static func secondReport(_ harness: APIHarness) throws -> String {
    let id = try #require(harness.send("POST", "/api/v1/cases", replacement, as: "hugo").json?.text("id"))
    func done(_ task: Int, _ body: String, at seconds: Int) {
      _ = harness.send("POST", "/api/v1/tasks/\(id).\(task)/claim", as: "hugo", at: seconds)
      let completed = harness.send("POST", "/api/v1/tasks/\(id).\(task)/complete", body, as: "hugo", at: seconds + 1)
      #expect(completed.status == 200, "\(task): \(completed.status) \(String(describing: completed.json))")
    }
    done(1, #"{"outcome": "shipped"}"#, at: 100)
    let absent = #"{"Visit_Date": "2026-03-04", "Device_Delivered": false, "Technician_Notes": "Nobody home"}"#
    done(2, #"{"outcome": "customer_absent", "data": \#(absent)}"#, at: 200)
    done(3, #"{"outcome": "shipped"}"#, at: 300)
    _ = harness.send("POST", "/api/v1/tasks/\(id).4/claim", as: "hugo", at: 400)
    let shown = harness.send("GET", "/api/v1/cases/\(id)", as: "hugo", at: 401)
    #expect(shown.json?["fields"]?.text("Technician_Notes") == "Nobody home")
    return id
  }

  @Test(arguments: ["null", #""""#])
  func aCompletionClearsAnOptionalFieldGivenNullOrEmpty(empty: String) throws {
    let harness = try APIHarness(users: ["hugo", "oscar"])
    let id = try Self.secondReport(harness)
    let data = #"{"Visit_Date": "2026-03-05", "Device_Delivered": true, "Technician_Notes": \#(empty)}"#
    let completed = harness.send(
      "POST", "/api/v1/tasks/\(id).4/complete", #"{"outcome": "delivered", "data": \#(data)}"#, as: "hugo", at: 500)
    #expect(completed.status == 200, "\(completed.status) \(String(describing: completed.json))")
    let shown = harness.send("GET", "/api/v1/cases/\(id)", as: "hugo", at: 501)
    #expect(shown.json?["fields"]?["Technician_Notes"] == nil)
    #expect(shown.json?["fields"]?.text("Visit_Date") == "2026-03-05")
    let history = harness.send("GET", "/api/v1/cases/\(id)/history", as: "hugo", at: 502).json?.elements ?? []
    let cleared = try #require(history.last { $0.text("type") == "case.updated" })
    #expect(cleared["fields"]?["Technician_Notes"]?.text("before") == "Nobody home")
    #expect(cleared["fields"]?["Technician_Notes"]?.text("after") == "null")
    #expect(cleared.text("by") == "hugo")
  }

  @Test func aCaseUpdateClearsAnOptionalFieldGivenNullAndRefusesARequiredOne() throws {
    let harness = try APIHarness(users: ["hugo", "oscar"])
    let id = try #require(harness.send("POST", "/api/v1/cases", Self.replacement, as: "hugo").json?.text("id"))
    let before = harness.send("GET", "/api/v1/cases/\(id)/history", as: "oscar", at: 90).json?.elements.count
    let required = harness.send(
      "PATCH", "/api/v1/cases/\(id)", #"{"fields": {"Delivery_Address": null}}"#, as: "oscar", at: 100)
    #expect(required.status == 422)
    let errors = required.json?["errors"]?.elements ?? []
    #expect(errors.map { $0.text("field") } == ["fields.Delivery_Address"])
    #expect(errors.first?.text("detail") == "'Delivery_Address' is required")
    #expect(harness.send("GET", "/api/v1/cases/\(id)/history", as: "oscar", at: 101).json?.elements.count == before)
    let cleared = harness.send(
      "PATCH", "/api/v1/cases/\(id)", #"{"fields": {"Membership_No": null}}"#, as: "oscar", at: 110)
    #expect(cleared.status == 200)
    #expect(cleared.json?["fields"]?["Membership_No"] == nil)
    let last = harness.send("GET", "/api/v1/cases/\(id)/history", as: "oscar", at: 111).json?.elements.last
    #expect(last?["fields"]?["Membership_No"]?.text("before") == "M12345678")
  }
}
