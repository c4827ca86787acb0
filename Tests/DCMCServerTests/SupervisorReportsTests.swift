import DCMCApplication
import DCMCServer
import Testing
import _DCMCTestSupport

/// `/supervisor/reports` (docs/server.md "Supervisor page"): the reports of SPEC section 16
/// chosen by a GET form, shown as DCMCReports draws them, and their CSV as a download that is
/// what `dcmc report --format csv` (and the API) gives for the same store and arguments.
@Suite struct SupervisorReportsTests {
  static let query = ["report": "cases", "from": "2026-03-01", "to": "2026-04-01", "zone": "Europe/Brussels"]

  @Test func aReportIsShownWithItsChartsAndTablesAndLinksItsCSV() throws {
    let harness = try SupervisorHarness()
    try harness.technical()
    let response = harness.get("/supervisor/reports", as: try harness.signIn(), query: Self.query)
    #expect(response.status == 200)
    let document = try PagesHarness.document(response)
    let report = try #require(document.element(id: "report"))
    #expect(report.all.contains { $0.name == "svg" && $0["role"] == "img" })
    let tables = report.all.filter { $0.name == "table" }
    #expect(!tables.isEmpty && tables.allSatisfy { table in table.all.contains { $0.name == "caption" } })
    #expect(document.elements("script").isEmpty && document.elements("style").isEmpty)
    #expect(document.elements("h1").count == 1)
    let link = try #require(document.element(id: "csv-link")?["href"])
    #expect(link == "/supervisor/reports.csv?zone=Europe/Brussels&report=cases&from=2026-03-01&to=2026-04-01")
    let form = try #require(document.elements("form").first { $0["class"] == "report-form" })
    #expect(form["method"] == "get")
    #expect(document.element(id: "field-report")?.all.first { $0["selected"] != nil }?.text == "cases")
  }

  @Test func theCSVIsADownloadOfWhatTheCommandAndTheAPIGive() throws {
    let harness = try SupervisorHarness()
    try harness.technical()
    try harness.technical(minutes: 2)
    let csv = harness.get("/supervisor/reports.csv", as: try harness.signIn(), query: Self.query)
    #expect(csv.status == 200)
    #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
    #expect(csv.header("Content-Disposition") == "attachment; filename=\"cases-2026-03-01.csv\"")
    var query = Self.query
    query["report"] = nil
    query["format"] = "csv"
    let api = harness.pages.api.send(
      "GET", "/api/v1/reports/cases", as: "sam", query: query, at: SupervisorHarness.tuesday)
    #expect(api.status == 200 && csv.body == api.response.body)
    #expect(String(decoding: csv.body, as: UTF8.self).contains("technical"))
  }

  @Test func aWrongArgumentIsShownNextToItsFieldWithTheValuesKept() throws {
    let harness = try SupervisorHarness()
    var query = Self.query
    query["from"] = "yesterday"
    let sam = try harness.signIn()
    let response = harness.get("/supervisor/reports", as: sam, query: query)
    #expect(response.status == 422)
    let document = try PagesHarness.document(response)
    let input = try #require(document.element(id: "field-from"))
    #expect(input["value"] == "yesterday" && input["aria-invalid"] == "true")
    let error = try #require(input["aria-describedby"]?.split(separator: " ").last.map(String.init))
    #expect(document.element(id: error)?.text == "'yesterday' is not a day (2026-03-01) or a time with an offset")
    query["from"] = "2026-03-01"
    query["target"] = "nowhere"
    let unknown = try PagesHarness.document(harness.get("/supervisor/reports", as: sam, query: query))
    #expect(unknown.root.all.first { $0["role"] == "alert" }?.text.contains("'nowhere'") == true)
    #expect(harness.get("/supervisor/reports.csv", as: sam, query: query).status == 422)
  }
}
