import Foundation
import Testing
import _DCMCTestSupport

/// The advisors' desk in a real browser (docs/server.md, "Desk"): the built `dcmc serve` on a
/// free loopback port over a fresh file store, driven through headless Chromium by
/// `.ci/desk_browser.py` (Selenium): sign in with an API token, go ready, accept an offer and
/// see the task, an offer made by another request arrives live and counts down, is accepted,
/// completed with an outcome, and the customer's status page shows the case resolved; sign out. Needs Debian's chromium, chromium-driver and
/// python3-selenium; without them the test says so and checks nothing.
@Suite(.serialized) struct DeskBrowserTests {
  @Test(.enabled(if: PagesBrowserTests.available, "needs chromium, chromium-driver and python3-selenium"))
  func anAdvisorSignsInTakesALiveOfferCompletesItAndSignsOut() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let environment = ["DCM_STORE": directory.url.appendingPathComponent("store").path]
    #expect(try BinaryRunner.run(["deploy", "definitions"], environment: environment).status == 0)
    let tokens = try ["fiona", "tina"].map { user in
      let made = try BinaryRunner.run(["token", "create", user], environment: environment)
      return String(made.stdout.split(separator: "\n").first ?? "")
    }
    // The customer the cases are identified as (by email), and their status page's link (the
    // customers' pages need serve's --as).
    #expect(
      try BinaryRunner.run(
        ["customer", "add", "--name", "Els Janssens", "--email", "els.janssens@example.com", "--as", "fiona"],
        environment: environment
      ).status == 0)
    let link = try BinaryRunner.run(["customer", "status-link", "CUS-000001", "--as", "fiona"], environment: environment)
    let statusPath = String(link.stdout.split(separator: "\n").first ?? "")
    #expect(statusPath.hasPrefix("/status/"))
    let output = Pipe()
    let errors = Pipe()
    let server = try BinaryRunner.start(
      ["serve", "--listen", "127.0.0.1:0", "--as", "alice", "--store", environment["DCM_STORE"] ?? ""], output: output, errors: errors)
    let line = ServeCommandTests().firstLine(of: output)
    #expect(line.hasPrefix("listening on http://127.0.0.1:"))
    let base = String(line.dropFirst("listening on ".count))
    let run = try PythonScript.run("desk_browser.py", [base] + tokens + [statusPath], interpreter: PagesBrowserTests.python)
    server.terminate()
    server.waitUntilExit()
    let (status, text) = try #require(run)
    #expect(status == 0, "\(text)")
    #expect(text.contains("ok    the offer of FIN-2026-000002 arrives live") && !text.contains("FAIL"))
    #expect(text.contains("ok    the customer's status page shows the case resolved"))
    #expect(text.contains("ok    signed out, the desk asks to sign in again"))
    let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    // Each desk request is logged with the signed-in user it acted as.
    let completed = log.split(separator: "\n").filter {
      $0.hasPrefix("POST  /desk/tasks/FIN-2026-000002.1/complete  303")
    }
    #expect(completed.count == 1 && completed.allSatisfy { $0.hasSuffix("  fiona") })
    #expect(try BinaryRunner.run(["store", "verify"], environment: environment).status == 0)
  }
}
