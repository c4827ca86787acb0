import DCMCCalendar
import DCMCRuntime
import Testing

/// Cases of the reference types driven through the engine: creation, tasks, outcomes.
@Suite struct CaseLifecycleTests {
  @Test func creatingATechnicalCaseQueuesTheFirstTaskAndConfirmsByEmail() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm, sequence: 42)
    let state = try #require(run.state)
    #expect(state.id == "TEC-000042")
    #expect(state.status == .open)
    #expect(state.priority == 50)
    // SLA 16 h of open office time from Monday 09:00: Tuesday 17:00.
    #expect(run.local(state.slaDue) == "2026-03-03T17:00:00+01:00")
    let handle = try run.task("handle")
    #expect(handle.id == "TEC-000042.1")
    #expect(handle.status == .queued)
    #expect(handle.target == "employees_group")
    // OLA 12 h: Tuesday 13:00.
    #expect(run.local(handle.olaDue) == "2026-03-03T13:00:00+01:00")
    let confirmation = try #require(run.notifications.first)
    #expect(confirmation.event == "case_created")
    #expect(confirmation.channel == "email")
    #expect(confirmation.to == "jane@example.com")
    #expect(confirmation.body.contains("TEC-000042"))
    #expect(!confirmation.body.contains("{{"))
  }

  @Test func creationRulesRaiseThePriority() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm.merging(["Customer_Segment": "gold"]) { $1 })
    #expect(run.state?.priority == 75)
    #expect(try run.task("handle").priority == 75)
  }

  @Test func theFormIsCheckedAndEveryProblemListed() {
    let run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    let refusal = run.refusal(
      .create(
        type: "technical",
        fields: ["Customer_Email": "not-an-email", "Membership_No": "X1", "Product": "radio", "Colour": "red"],
        sequence: 1), as: "alice")
    #expect(refusal?.kind == .invalidInput)
    #expect(
      refusal?.problems == [
        "'Customer_Name' is required", "'Problem_Description' is required", "'Colour' is not a field of case type 'technical'",
        "'Customer_Email' is not an email address", "'Membership_No' does not match the pattern '^M[0-9]{8}$'",
        "'Product' is not one of: internet, television, mobile, landline",
      ])
  }

  @Test func theAdvisorPullsWorksAndResolves() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    let handle = try run.task("handle")
    try run.run(.claim(task: handle.id), as: "bob")
    #expect(run.state?.status == .inProgress)
    try run.run(.open(task: handle.id), as: "bob")
    #expect(try run.task("handle").status == .working)
    try run.run(.complete(task: handle.id, outcome: "resolved", data: [:]), as: "bob")
    #expect(run.state?.status == .closed)
    #expect(run.state?.resolution == "resolved")
    #expect(try run.task("handle").status == .completed)
    #expect(run.notifications.map(\.event) == ["case_created", "case_closed"])
  }

  @Test func theExpertSendsBackToTheOriginalAdvisor() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    try run.run(.claim(task: try run.task("handle").id), as: "alice")
    try run.run(.complete(task: try run.task("handle").id, outcome: "escalate", data: [:]), as: "alice")
    #expect(try run.task("handle").status == .escalated)
    #expect(run.state?.status == .escalated)
    let review = try run.task("expert_review")
    #expect(review.target == "expert_group_x")
    #expect(review.level == 1)
    try run.run(.claim(task: review.id), as: "eve")
    try run.run(.complete(task: review.id, outcome: "send_back", data: [:]), as: "eve")
    let verify = try run.task("verify")
    #expect(verify.assignee == "alice")
    #expect(verify.status == .assigned)
    #expect(run.state?.status == .inProgress)
    try run.run(.complete(task: verify.id, outcome: "confirmed", data: [:]), as: "alice")
    #expect(run.state?.resolution == "resolved")
  }

  @Test func anEscalationTaskCannotEscalateWithoutAFurtherLevel() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    try run.run(.escalate(task: try run.task("handle").id), as: "carol")
    let review = try run.task("expert_review")
    let refusal = run.refusal(.escalate(task: review.id), as: "eve")
    #expect(refusal?.kind == .wrongState)
    #expect(refusal?.message.contains("last escalation level") == true)
  }

  @Test func assigningAndMovingATaskChangeItsAssigneeAndWorkbin() throws {
    // Who may do it is the application's to check (DCMCApplicationTests' PermissionTests).
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    let handle = try run.task("handle")
    try run.run(.assign(task: handle.id, to: "bob"), as: "sam")
    #expect(try run.task("handle").assignee == "bob")
    let claimed = run.refusal(.claim(task: handle.id), as: "alice")
    // Who holds it, in words that cannot be read as bob having assigned it (audit33, 3).
    #expect(claimed?.kind == .wrongState && claimed?.message == "task '\(handle.id)' is assigned to 'bob'")
    #expect(run.refusal(.assign(task: handle.id, to: "eve"), as: "sam")?.kind == .notFound)
    try run.run(.reassign(task: handle.id, target: "expert_group_x"), as: "sam")
    #expect(try run.task("handle").target == "expert_group_x")
    #expect(try run.task("handle").status == .queued)
  }

  /// The user who has the task in hand, or the workbin it is in, given again, is no change:
  /// no event and no notification, and the task as it was: an assigned task keeps its assignee
  /// (a move puts a task back in the queue), an open one stays open (audit34, 9).
  @Test func assigningTheHolderOrMovingToTheSameWorkbinEmitsNothing() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    let id = try run.task("handle").id
    try run.run(.assign(task: id, to: "bob"), as: "sam")
    let assigned = run.history.count
    try run.run(.assign(task: id, to: "bob"), as: "sam")
    try run.run(.reassign(task: id, target: "employees_group"), as: "sam")
    #expect(run.history.count == assigned)
    let held = try run.task("handle")
    #expect(held.status == .assigned && held.assignee == "bob" && held.target == "employees_group")
    try run.run(.open(task: id), as: "bob")
    let opened = run.history.count
    try run.run(.assign(task: id, to: "bob"), as: "sam")
    try run.run(.reassign(task: id, target: "employees_group"), as: "sam")
    #expect(run.history.count == opened)
    let working = try run.task("handle")
    #expect(working.status == .working && working.assignee == "bob")
    // Another user or another workbin is refused while bob works on it.
    let taken = run.refusal(.assign(task: id, to: "alice"), as: "sam")
    #expect(taken?.message == "task '\(id)' is being worked on by 'bob'")
    #expect(run.refusal(.reassign(task: id, target: "expert_group_x"), as: "sam")?.kind == .wrongState)
  }

  @Test func pendingMovesTheSLAByTheBusinessTimeSpentPending() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    try run.run(.claim(task: try run.task("handle").id), as: "alice")
    run.advance(2 * 3600)  // Monday 11:00: 14 h of the SLA left.
    try run.run(.pend, as: "alice")
    #expect(run.state?.status == .pending)
    run.advance(24 * 3600)  // Tuesday 11:00: 8 business hours spent pending.
    try run.run(.resume, as: "alice")
    #expect(run.state?.status == .inProgress)
    // 14 h from Tuesday 11:00: 6 h on Tuesday, 8 h on Wednesday: Wednesday 17:00.
    #expect(run.local(run.state?.slaDue) == "2026-03-04T17:00:00+01:00")
  }

  @Test func cancellingEndsEveryActiveTask() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    try run.run(.cancel, as: "sam")
    #expect(run.state?.status == .cancelled)
    #expect(try run.task("handle").status == .cancelled)
    #expect(run.refusal(.claim(task: try run.task("handle").id), as: "alice")?.kind == .wrongState)
  }

  @Test func replayingTheHistoryGivesTheSameState() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    try run.run(.claim(task: try run.task("handle").id), as: "alice")
    try run.run(.complete(task: try run.task("handle").id, outcome: "escalate", data: [:]), as: "alice")
    #expect(CaseState.replay(run.history) == run.state)
    #expect(run.history.map(\.seq) == Array(1...run.history.count))
  }
}
