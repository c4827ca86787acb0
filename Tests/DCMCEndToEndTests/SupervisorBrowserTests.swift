import Foundation
import Testing
import _DCMCTestSupport

/// The supervisor's page in a real browser (SPEC section 17, docs/server.md "Supervisor
/// page"): the built `dcmc serve` on a free loopback port over a fresh file store with three
/// Technical cases (one from a customer with a 200-character name, one escalated past its
/// OLA), driven through headless
/// Chromium by `.ci/supervisor_browser.py`: sign in as sam, see the task in its workbin, move
/// it to another, assign a task to alice and re-plan its OLA, set its case's SLA on the case page, open a report, download its CSV
/// (which must be what `dcmc report --format csv` writes for the same store and arguments),
/// then sign in as alice and see the new OLA on the desk. Needs Debian's chromium, chromium-driver and
/// python3-selenium; without them the test says so and checks nothing.
@Suite(.serialized) struct SupervisorBrowserTests {
  @Test(.enabled(if: PagesBrowserTests.available, "needs chromium, chromium-driver and python3-selenium"))
  func aSupervisorSignsInMovesATaskOpensAReportAndDownloadsItsCSV() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("store").path
    let environment = ["DCM_STORE": store]
    #expect(try BinaryRunner.run(["deploy", "definitions"], environment: environment).status == 0)
    let long = directory.url.appendingPathComponent("long.json")
    let name = String(repeating: "Maximiliana-Theodora-", count: 9) + "<b>Vandenberghe</b>"
    try Data(
      """
      {"Customer_Name": "\(name)", "Customer_Email": "max@example.com", "Product": "television",
       "Problem_Description": "no picture"}
      """.utf8
    ).write(to: long)
    for fields in ["samples/fields/technical.json", long.path] {
      let created = try BinaryRunner.run(
        ["case", "create", "technical", "--fields", fields, "--as", "alice"], environment: environment)
      #expect(created.status == 0, "\(created.stderr)")
    }
    // A third case three days old, whose task the tick escalates past its OLA (an expert
    // review, breached in its turn), and a board with someone ready and someone on a break.
    let formatter = ISO8601DateFormatter()
    let old = formatter.string(from: Date().addingTimeInterval(-3 * 86_400))
    let commands = [
      ["case", "create", "technical", "--fields", "samples/fields/technical.json", "--as", "alice", "--at", old],
      ["tick"], ["presence", "set", "ready", "--as", "alice"],
      ["presence", "set", "not_ready", "--reason", "break", "--as", "bob"],
    ]
    for command in commands {
      let ran = try BinaryRunner.run(command, environment: environment)
      #expect(ran.status == 0, "\(command) \(ran.stderr)")
    }
    let (sam, alice) = (try token(for: "sam", environment), try token(for: "alice", environment))
    let server = try PagesServer(store: store)
    let downloads = directory.url.appendingPathComponent("downloads")
    try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
    let screenshots = ProcessInfo.processInfo.environment["DCMC_SCREENSHOTS"].map { ["--screenshots", $0] } ?? []
    let run = try PythonScript.run(
      "supervisor_browser.py", [server.base, sam, alice, "TEC-000001.1", "TEC-000002", downloads.path] + screenshots,
      interpreter: PagesBrowserTests.python)
    let log = server.stop()
    let (status, text) = try #require(run)
    #expect(status == 0, "\(text)")
    #expect(!text.contains("FAIL") && text.contains("ok    the desk shows the new due time"))
    #expect(log.contains("POST  /supervisor/tasks/TEC-000001.1/reassign  303"), "\(log)")
    #expect(log.contains("POST  /supervisor/tasks/TEC-000002.1/ola  303"), "\(log)")
    #expect(log.contains("POST  /supervisor/cases/TEC-000002/sla  303"), "\(log)")
    let history = try BinaryRunner.run(["case", "history", "TEC-000002"], environment: environment)
    #expect(history.stdout.contains("sam  case.sla_set  sla=5d"), "\(history.stdout)")
    let shown = try BinaryRunner.run(["case", "show", "TEC-000001", "--json"], environment: environment)
    #expect(shown.status == 0 && shown.stdout.contains("expert_group_x"), "\(shown.stdout)")
    let path = try #require(text.split(separator: "\n").first { $0.hasPrefix("csv ") }.map { String($0.dropFirst(4)) })
    let report = try BinaryRunner.run(
      [
        "report", "cases", "--from", "2026-01-01", "--to", "2027-01-01", "--zone", "Europe/Brussels", "--format", "csv",
      ],
      environment: environment)
    #expect(report.status == 0)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == report.stdout)
    #expect(try BinaryRunner.run(["store", "verify"], environment: environment).status == 0)
  }

  /// A new API token of `user`.
  func token(for user: String, _ environment: [String: String]) throws -> String {
    let issued = try BinaryRunner.run(["token", "create", user, "--json"], environment: environment)
    let json = try JSONSerialization.jsonObject(with: Data(issued.stdout.utf8)) as? [String: Any]
    return try #require(json?["token"] as? String)
  }
}
