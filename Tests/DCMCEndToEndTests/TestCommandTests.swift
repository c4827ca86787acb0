import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc test` through the built binary: the reference scenarios, and a failing one.
@Suite struct TestCommandTests {
  @Test("every reference scenario passes, and the last line counts them")
  func referenceScenariosPass() throws {
    let result = try BinaryRunner.run(["test", "--strict", "definitions"])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    let scenarios = lines.filter { $0.hasPrefix("PASS ") }.count
    #expect(scenarios >= 14)
    #expect(lines.last == "\(scenarios) passed, 0 failed")
    #expect(!result.stdout.contains("FAIL"))
  }

  @Test("a failing expectation names the file, the step's line, the expected and the found")
  func failingScenario() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let definitions = BinaryRunner.repositoryRoot.appendingPathComponent("definitions")
    for name in ["calendars", "workgroups", "templates", "technical"] {
      try FileManager.default.copyItem(
        at: definitions.appendingPathComponent("\(name).yaml"), to: directory.url.appendingPathComponent("\(name).yaml"))
    }
    _ = try directory.write(
      "late.yaml",
      """
      kind: Scenario
      id: escalates_too_early
      case_type: technical
      start: 2026-03-02T09:00:00+01:00
      steps:
        - create: { fields: { Customer_Name: Jane, Customer_Email: jane@example.com, Product: internet, Problem_Description: Slow } }
        - advance: 1d 3h 59m
        - expect: { task: expert_review, target: expert_group_x }
        - advance: 1m
        - expect: { task: expert_review, target: expert_group_x }

      """)
    let result = try BinaryRunner.run(["test", "."], in: directory.url)
    #expect(result.status == 1)
    #expect(
      result.stdout == """
        FAIL escalates_too_early
          ./late.yaml:8:5: step 3: expected a task 'expert_review', found tasks ["handle"]
        0 passed, 1 failed

        """)
  }

  @Test("definitions with errors run no scenario and exit 1")
  func invalidDefinitions() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try directory.write("bad.yaml", "kind: Scenario\nid: s\ncase_type: nowhere\nstart: 2026-03-02T09:00:00Z\nsteps: []\n")
    let result = try BinaryRunner.run(["test", "."], in: directory.url)
    #expect(result.status == 1)
    #expect(result.stderr.contains("no scenario run"))
  }
}
