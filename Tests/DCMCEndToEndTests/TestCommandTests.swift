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

  /// A directory with the definitions the Technical case type needs and one scenario.
  func technical(scenario name: String, _ text: String) throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    let definitions = BinaryRunner.repositoryRoot.appendingPathComponent("definitions")
    for name in ["calendars", "workgroups", "templates", "technical"] {
      try FileManager.default.copyItem(
        at: definitions.appendingPathComponent("\(name).yaml"), to: directory.url.appendingPathComponent("\(name).yaml"))
    }
    _ = try directory.write(name, text)
    return directory
  }

  static let create = """
    kind: Scenario
    id: wrong
    case_type: technical
    start: 2026-03-02T09:00:00+01:00
    steps:
      - create: { fields: { Customer_Name: Jane, Customer_Email: jane@example.com, Product: internet, Problem_Description: Slow } }

    """

  @Test("a notification that was not queued fails the run; the one that was passes")
  func wrongNotification() throws {
    let wrong = try technical(
      scenario: "wrong.yaml", Self.create + "  - expect_notification: { template: case_created, to: joe@example.com }\n")
    defer { wrong.remove() }
    let result = try BinaryRunner.run(["test", "."], in: wrong.url)
    #expect(result.status == 1)
    #expect(
      result.stdout == """
        FAIL wrong
          ./wrong.yaml:7:5: step 2: expected a notification with template: case_created, to: joe@example.com, found case_created to jane@example.com (case_created, email)
        0 passed, 1 failed

        """)
    let right = try technical(
      scenario: "right.yaml", Self.create + "  - expect_notification: { template: case_created, to: jane@example.com }\n")
    defer { right.remove() }
    #expect(try BinaryRunner.run(["test", "."], in: right.url).stdout == "PASS wrong\n1 passed, 0 failed\n")
  }

  @Test("a step expected to be refused that succeeds, or is refused for another reason, fails the run")
  func wrongRefusal() throws {
    let succeeds = try technical(
      scenario: "wrong.yaml", Self.create + "  - expect_error: { claim: { task: handle, as: alice } }\n")
    defer { succeeds.remove() }
    let result = try BinaryRunner.run(["test", "."], in: succeeds.url)
    #expect(result.status == 1)
    #expect(result.stdout.contains("./wrong.yaml:7:5: step 2: expected the step to be refused, found it succeeded"))
    let otherReason = try technical(
      scenario: "wrong.yaml",
      Self.create + "  - expect_error: { claim: { task: handle, as: eve }, reason: is queued }\n")
    defer { otherReason.remove() }
    let refused = try BinaryRunner.run(["test", "."], in: otherReason.url)
    #expect(refused.status == 1)
    #expect(
      refused.stdout.contains(
        "step 2: expected a refusal mentioning 'is queued', found the refusal: 'eve' is not a member of 'employees_group' and may not claim its tasks"),
      "\(refused.stdout)")
  }

  @Test("an expected target is compared with the task's")
  func wrongTarget() throws {
    let directory = try technical(
      scenario: "wrong.yaml", Self.create + "  - expect: { task: handle, target: expert_group_x }\n")
    defer { directory.remove() }
    let result = try BinaryRunner.run(["test", "."], in: directory.url)
    #expect(result.status == 1)
    #expect(
      result.stdout.contains(
        "./wrong.yaml:7:5: step 2: expected task 'handle' target expert_group_x, found employees_group"),
      "\(result.stdout)")
  }

  @Test("the clock stops at the step that would take it past 9999; a time in the past reads at the start's offset")
  func clockOutOfRange() throws {
    let directory = try technical(
      scenario: "far.yaml",
      """
      kind: Scenario
      id: far
      case_type: technical
      start: 9999-12-01T00:00:00+01:00
      steps:
        - advance: 1h
        - at: 9999-12-01T00:30:00+01:00
        - advance: 3650d
        - advance: 1h
      ---
      kind: Scenario
      id: late_start
      case_type: technical
      start: 9999-12-31T23:00:00-18:00
      steps:
        - advance: 1h

      """)
    defer { directory.remove() }
    let result = try BinaryRunner.run(["test", "."], in: directory.url)
    #expect(result.status == 1)
    #expect(
      result.stdout == """
        FAIL far
          ./far.yaml:7:5: step 2: expected a time after 9999-12-01T01:00:00+01:00, found 9999-12-01T00:30:00+01:00
          ./far.yaml:8:5: step 3: expected a time in the years 1 to 9999, found 10009-11-28T01:00:00+01:00
        FAIL late_start
          ./far.yaml:14:8: step 0: expected a start in the years 1 to 9999, found 9999-12-31T23:00:00-18:00
        0 passed, 2 failed

        """)
  }

  @Test("a failing expectation names the file, the step's line, the expected and the found")
  func failingScenario() throws {
    let directory = try technical(
      scenario: "late.yaml",
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
    defer { directory.remove() }
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

  /// audit32 finding 16: definitions without a Scenario printed "0 passed, 0 failed" and
  /// exited 0, so a CI job whose scenarios were left out stayed green.
  @Test("definitions without a scenario are no pass: said, exit 1")
  func noScenarioIsNoPass() throws {
    let files = ["workgroups.yaml", "calendars.yaml", "templates.yaml"].map { "definitions/" + $0 }
    let result = try BinaryRunner.run(["test"] + files)
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stdout == "0 passed, 0 failed\n")
    #expect(result.stderr == "dcmc: no scenario run: the definitions hold no Scenario document\n")
  }
}
