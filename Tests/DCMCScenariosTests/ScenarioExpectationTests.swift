import DCMCModel
import DCMCScenarios
import Testing
import _DCMCTestSupport

/// How a failed `expect` reads: what it compared, in the words of the scenario. A key that the
/// checker refuses (DC8002, an `expect` of a task with a value of the case or the reverse) is
/// named with the keys its form takes when a scenario built without the checker holds one.
@Suite struct ScenarioExpectationTests {
  /// `business_flow_advisor_resolves` cut after its `create`, followed by one `expect` of
  /// `task` (none: of the case) with `values`: the failures of that step.
  static func failures(task: String?, _ values: [(String, String)]) throws -> [String] {
    let id = "business_flow_advisor_resolves"
    var scenario = try #require(ReferenceBundle.scenarios.first { $0.header.id.value == id })
    let create = try #require(scenario.steps.first { $0.action.value == .create })
    let range = create.range
    var expect = ScenarioStep(action: Located(.expect, at: range), range: range)
    expect.task = task.map { Located($0, at: range) }
    expect.expectations = values.map { (Located($0.0, at: range), Located($0.1, at: range)) }
    scenario.steps = [create, expect]
    return ScenarioStoreTests.runner.run(scenario).failures.map { "\($0.expected), found \($0.found)" }
  }

  @Test func aCaseStatusThatDiffersSaysCaseStatus() throws {
    #expect(try Self.failures(task: nil, [("case", "closed")]) == ["case status closed, found open"])
    #expect(try Self.failures(task: nil, [("case", "open")]).isEmpty)
  }

  @Test func aValueOfTheOtherFormIsNamedWithTheKeysOfThisOne() throws {
    #expect(
      try Self.failures(task: "handle", [("resolution", "resolved")]) == [
        "one of the values of a task (status, target, assignee, priority, skill), found 'resolution'"
      ])
    #expect(
      try Self.failures(task: nil, [("case", "open"), ("skill", "technical")]) == [
        "one of the values of the case (case, resolution, priority, customer, identification, customer_status), "
          + "found 'skill'"
      ])
  }
}
