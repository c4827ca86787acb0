import DCMCCalendar
import DCMCRuntime
import Testing

/// Issue 16 item 5: `case update` changes form values, checked as the creation form checks
/// them, and reclassifies the tasks nobody holds where the creation rules now say otherwise,
/// in one `case.updated` event with before and after.
@Suite struct ReclassifyTests {
  static let complaintForm = [
    "Customer_Name": "Jeanne", "Customer_Email": "jeanne@example.com", "Language": "en", "Topic": "billing",
    "Complaint": "Charged twice",
  ]
  static let connectivityForm = [
    "Customer_Name": "Jan", "Customer_Email": "jan@example.com", "Service": "internet",
    "Problem_Description": "No sync",
  ]

  /// The one `case.updated` of the last command.
  func update(of run: EngineFixture) throws -> CaseUpdate {
    let updates = run.history.compactMap { event in if case .updated(let update) = event.change { update } else { nil }
    }
    return try #require(updates.last)
  }

  @Test func aRuleThatNowMatchesRaisesTheCaseAndItsQueuedTask() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm.merging(["Customer_Segment": "silver"]) { $1 })
    let before = run.history.count
    try run.run(.update(fields: ["Customer_Segment": "gold"]), as: "sam")
    #expect(run.history.count == before + 1, "one event")
    let update = try update(of: run)
    #expect(update.fields == ["Customer_Segment": CaseUpdate.Change("silver", "gold")])
    #expect(update.priority == CaseUpdate.Change(50, 75) && update.skill == nil)
    let handle = try run.task("handle")
    #expect(update.tasks == [TaskReclassification(task: handle.number, priority: CaseUpdate.Change(50, 75))])
    #expect(run.state?.priority == 75 && handle.priority == 75 && run.state?.fields["Customer_Segment"] == "gold")
  }

  @Test func aTaskInHandKeepsItsPriorityTargetAndAssignee() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("complaint", Self.complaintForm.merging(["Customer_Segment": "silver"]) { $1 })
    try run.run(.claim(task: try run.task("investigate").id), as: "leo")
    try run.run(.update(fields: ["Language": "fr", "Customer_Segment": "gold"]), as: "leo")
    let update = try update(of: run)
    #expect(update.priority == CaseUpdate.Change(50, 75) && update.tasks.isEmpty)
    let task = try run.task("investigate")
    #expect(task.target == "complaints_group" && task.assignee == "leo" && task.priority == 50)
  }

  @Test func aConditionalTargetMovesTheQueuedTaskToAnotherWorkbin() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("complaint", Self.complaintForm)
    try run.run(.update(fields: ["Language": "fr"]), as: "sam")
    let task = try run.task("investigate")
    #expect(task.target == "complaints_fr" && task.status == .queued)
    #expect(
      try update(of: run).tasks
        == [TaskReclassification(task: task.number, target: CaseUpdate.Change("complaints_group", "complaints_fr"))])
  }

  @Test func aRuleSkillChangesTheSkillTheQueuedTaskIsOfferedBy() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("connectivity", Self.connectivityForm)
    let restore = try run.task("restore")
    let engine = EngineFixture.engine
    #expect(engine.mayPull(restore, of: try #require(run.state), user: "alice"))
    try run.run(.update(fields: ["Spoken_Language": "nl"]), as: "sam")
    let update = try update(of: run)
    #expect(update.skill == CaseUpdate.Change(nil, "dutch"))
    #expect(
      update.tasks == [TaskReclassification(task: restore.number, skill: CaseUpdate.Change("technical", "dutch"))])
    let state = try #require(run.state)
    #expect(state.skill == "dutch")
    #expect(!engine.mayPull(try run.task("restore"), of: state, user: "alice"))
    #expect(engine.mayPull(try run.task("restore"), of: state, user: "bob"))
    // Clearing the value clears the rule's skill: the task's own again.
    try run.run(.update(fields: ["Spoken_Language": ""]), as: "sam")
    #expect(run.state?.skill == nil && run.state?.fields["Spoken_Language"] == nil)
    #expect(try self.update(of: run).fields == ["Spoken_Language": CaseUpdate.Change("nl", nil)])
  }

  @Test func aValueTheRulesDoNotReadLeavesASupervisorsPriority() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    let id = try run.task("handle").id
    try run.run(.setPriority(task: id, priority: 90), as: "sam")
    try run.run(.update(fields: ["Problem_Description": "Drops at night"]), as: "sam")
    let update = try update(of: run)
    #expect(update.priority == nil && update.tasks.isEmpty)
    #expect(try run.task("handle").priority == 90)
  }

  @Test func anUpdateThatChangesNothingRecordsNothing() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    let events = try EngineFixture.engine.decide(
      .update(fields: ["Product": "internet"]), on: run.state, by: "sam", at: run.now
    ).get()
    #expect(events.isEmpty)
  }

  @Test func everyProblemOfTheValuesIsListedAndNothingChanges() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    let refusal = try #require(
      run.refusal(
        .update(fields: ["Customer_Segment": "platinum", "Shoe_Size": "42", "Customer_Email": ""]), as: "sam"))
    #expect(refusal.kind == .invalidInput)
    #expect(refusal.message == "the update of case 'TEC-000001' is not valid")
    #expect(refusal.problems.count == 3)
    #expect(refusal.problems.contains("'Customer_Email' is required"))
    #expect(refusal.problems.contains("'Shoe_Size' is not a field of case type 'technical'"))
    #expect(refusal.problems.contains { $0.hasPrefix("'Customer_Segment' ") })
    #expect(run.refusal(.update(fields: [:]), as: "sam")?.message == "no field to update")
    try run.run(.cancel, as: "sam")
    #expect(run.refusal(.update(fields: ["Product": "mobile"]), as: "sam")?.kind == .wrongState)
  }
}
