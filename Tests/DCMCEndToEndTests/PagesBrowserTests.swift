import Foundation
import Testing
import _DCMCTestSupport

/// The customers' pages in a real browser (SPEC section 17, docs/server.md "Pages"): the
/// built `dcmc serve` on a free loopback port over a fresh file store, driven through headless
/// Chromium by `.ci/pages_browser.py` (Selenium): a validation error first, then the case sent
/// with a hostile name and file name, the status link followed, no alert anywhere, every input
/// labelled. Needs Debian's chromium, chromium-driver and python3-selenium (`.ci/run` installs
/// them); without them the test says so and checks nothing.
@Suite(.serialized) struct PagesBrowserTests {
  static let python = "/usr/bin/python3"
  static let available =
    FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
    && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
    && FileManager.default.isExecutableFile(atPath: python)

  @Test(.enabled(if: available, "needs chromium, chromium-driver and python3-selenium"))
  func aCustomerSendsTheFormAfterAnErrorAndFollowsTheStatusLink() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("store").path
    #expect(try BinaryRunner.run(["deploy", "definitions"], environment: ["DCM_STORE": store]).status == 0)
    let server = try PagesServer(store: store)
    let run = try PythonScript.run("pages_browser.py", [server.base], interpreter: Self.python)
    let log = server.stop()
    let (status, text) = try #require(run)
    #expect(status == 0, "\(text)")
    #expect(text.contains("ok    every input has a label") && text.contains("ok    the status page shows the case"))
    #expect(!text.contains("FAIL"))
    #expect(log.contains("POST  /forms/technical  422") && log.contains("POST  /forms/technical  201"))
    // The status link was followed, and its secret is not in the log.
    let followed = log.split(separator: "\n").filter { $0.hasPrefix("GET  /status/") }
    #expect(followed.count == 1 && followed.allSatisfy { $0.contains("-…  200  ") })
    try BinaryRunner.verify(store: store)
  }
}
