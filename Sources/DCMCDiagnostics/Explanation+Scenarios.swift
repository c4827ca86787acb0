/// DC8xxx: scenarios.
extension Explanation {
  /// A scenario of the complaint case type whose steps are `steps` (items of `steps:`).
  private static func scenario(_ steps: String) -> String {
    """
    kind: Scenario
    id: complaint_resolved
    case_type: complaint
    start: 2026-03-02T09:00:00+01:00
    steps:
      - create: { fields: { Customer_Name: Jane } }
    \(steps)
      - expect: { case: closed, resolution: resolved }
    ---
    \(complaintCaseType)
    """
  }

  static let unknownStep = Explanation(
    title: "unknown scenario step",
    summary: """
      A scenario step starts with a key that is not a step. The steps are create, advance, at, claim, open, \
      release, complete, escalate, assign, reassign, pend, resume, expect, expect_notification and \
      expect_error.
      """,
    wrong: scenario("  - completes: { task: handle, outcome: resolved }"),
    right: scenario("  - complete: { task: handle, outcome: resolved }"))

  static let invalidStep = Explanation(
    title: "malformed scenario step",
    summary: """
      A scenario step does not have the shape of its kind: two steps written in one list item, a step \
      without the keys it needs (such as the `task` of `complete`), or an `expect_error` that does not hold \
      exactly one acting step. Only a step that acts on the case can be refused: `advance`, `at`, an \
      expectation or another `expect_error` inside `expect_error` would pass while testing nothing. An \
      `expect` checks a task (`task` and its status, target, assignee, priority, skill) or the case (`case` \
      and its resolution, priority, customer, identification, customer_status), never values of both; an \
      `expect_notification` gives at least one value.
      """,
    wrong: scenario("  - claim: { task: handle }\n    complete: { task: handle, outcome: resolved }"),
    right: scenario("  - claim: { task: handle }\n  - complete: { task: handle, outcome: resolved }"))
}
