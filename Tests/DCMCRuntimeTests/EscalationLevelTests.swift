import DCMCRuntime
import Testing

/// Declared escalation levels and approvals, on the Complaint case type.
@Suite struct EscalationLevelTests {
  let form = [
    "Customer_Name": "Nora", "Customer_Email": "nora@example.com", "Language": "en", "Topic": "billing",
    "Complaint": "Billed twice", "Customer_Segment": "silver",
  ]

  @Test func eachLevelEscalatesOnlyToTheNextAndNeverPastTheLast() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("complaint", form, as: "leo")
    try run.run(.escalate(task: try run.task("investigate").id), as: "leo")
    let expert = try run.task("complaint_expert_review")
    #expect((expert.level, expert.target) == (1, "complaint_experts"))
    try run.run(.claim(task: expert.id), as: "quentin")
    try run.run(.complete(task: expert.id, outcome: "escalate", data: [:]), as: "quentin")
    let supervisor = try run.task("supervisor_review")
    #expect((supervisor.level, supervisor.target) == (2, "team_supervisor"))
    #expect(run.state?.status == .escalated)
    let refusal = run.refusal(.escalate(task: supervisor.id), as: "tina")
    #expect(refusal?.message == "task '\(supervisor.id)' is at the last escalation level (2) and cannot be escalated again")
  }

  @Test func anApprovalSetsItsDecisionAndTheStageMovesOn() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("complaint", form, as: "leo")
    let investigate = try run.task("investigate")
    try run.run(.claim(task: investigate.id), as: "mia")
    try run.run(.complete(task: investigate.id, outcome: "justified", data: [:]), as: "mia")
    let approval = try run.task("goodwill_approval")
    #expect(approval.target == "customer_care_managers")
    try run.run(.claim(task: approval.id), as: "sara")
    #expect(run.refusal(.complete(task: approval.id, outcome: "maybe", data: [:]), as: "sara")?.kind == .notFound)
    try run.run(.complete(task: approval.id, outcome: "approved", data: [:]), as: "sara")
    #expect(run.state?.fields["Goodwill_Granted"] == "true")
    #expect(run.state?.stage != "investigation")
  }

  @Test func rulesApplyInOrderAndTheLastMatchWins() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    var form = self.form
    form["Topic"] = "advisor_behaviour"
    try run.create("complaint", form, as: "leo")
    #expect(run.state?.priority == 100)
    #expect(run.state?.id.hasPrefix("CMP-2026-") == true)
  }
}
