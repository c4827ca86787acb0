import DCMCCalendar
import DCMCRuntime
import Testing

/// OLA and SLA timers fired by `tick`, on the domain's escalation table.
@Suite struct TimerTests {
  func at(_ text: String) -> Instant { Timestamp(text)!.instant }

  mutating func tick(_ run: inout EngineFixture, at time: String) throws {
    run.now = at(time)
    try run.run(.tick, as: "scheduler")
  }

  @Test mutating func technicalEscalatesAtTuesday1300NotAMinuteBefore() throws {
    // OLA 12 h of open office time from Monday 09:00: 8 h on Monday, 4 h on Tuesday.
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    try tick(&run, at: "2026-03-03T12:59:59+01:00")
    #expect(try run.task("handle").status == .queued)
    // The warning (75%, 9 h) was due at Tuesday 10:00, fired by this tick, and told the
    // supervisor.
    let warning = try #require(run.history.first { if case .timerFired = $0.change { true } else { false } })
    guard case .timerFired(let timer) = warning.change else { return }
    #expect(run.local(timer.due) == "2026-03-03T10:00:00+01:00")
    #expect(run.local(warning.at) == "2026-03-03T12:59:59+01:00")
    #expect(run.notifications.last?.to == "sam")
    #expect(run.notifications.last?.event == "ola_at_risk")
    try tick(&run, at: "2026-03-03T13:00:00+01:00")
    #expect(try run.task("handle").status == .escalated)
    let review = try run.task("expert_review")
    #expect(review.target == "expert_group_x")
    #expect(run.local(review.createdAt) == "2026-03-03T13:00:00+01:00")
    #expect(run.state?.status == .escalated)
  }

  @Test mutating func aSecondTickFiresNothingAgain() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    try tick(&run, at: "2026-03-03T13:00:00+01:00")
    let count = run.history.count
    try tick(&run, at: "2026-03-03T13:00:00+01:00")
    #expect(run.history.count == count)
  }

  /// Item 10: each fired timer is stamped with the tick that fired it and names the due time
  /// it was for; the deadlines its actions make count from that due time.
  @Test mutating func aLateTickFiresEverythingInOrderEachNamingItsDueTime() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    let created = run.history.count
    try tick(&run, at: "2026-03-05T12:00:00+01:00")  // Thursday: two days late
    #expect(run.history.dropFirst(created).allSatisfy { run.local($0.at) == "2026-03-05T12:00:00+01:00" })
    let fired = run.history.compactMap { event -> String? in
      guard case .timerFired(let timer) = event.change else { return nil }
      return "\(timer.kind.rawValue)@\(run.local(timer.due)!)"
    }
    #expect(
      fired == [
        "ola_warning@2026-03-03T10:00:00+01:00", "ola_breach@2026-03-03T13:00:00+01:00",
        "sla_warning@2026-03-03T13:00:00+01:00", "ola_breach@2026-03-03T17:00:00+01:00",
        "sla_breach@2026-03-03T17:00:00+01:00",
      ])
    #expect(run.history.map(\.at) == run.history.map(\.at).sorted())
    // The expert review's OLA breach raised its priority by 20, the SLA breach by 25 more.
    #expect(try run.task("expert_review").priority == 95)
    #expect(CaseState.replay(run.history) == run.state)
  }

  /// A technical case whose task bob opened before its OLA breached, ticked past the breach
  /// (the escalation deferred): the run and the task's id.
  mutating func breachWhileWorking() throws -> (EngineFixture, String) {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    let handle = try run.task("handle").id
    try run.run(.claim(task: handle), as: "bob")
    try run.run(.open(task: handle), as: "bob")
    try tick(&run, at: "2026-03-03T13:30:00+01:00")
    return (run, handle)
  }

  @Test mutating func aBreachWhileWorkingWaitsForTheRelease() throws {
    var (run, handle) = try breachWhileWorking()
    #expect(try run.task("handle").status == .working)
    #expect(try run.task("handle").escalationDeferred)
    try run.run(.release(task: handle), as: "bob")
    #expect(try run.task("handle").status == .escalated)
    #expect(try run.task("expert_review").status == .queued)
  }

  /// audit33 finding 2: the escalation the breach deferred is the system's, not the advisor's
  /// who releases the task: every event of it has no author, as the tick's would have; the
  /// task is not put back in the queue first, so it ends held by bob, as a task the tick
  /// escalates does, and the expert's `assign: original` gives the verification to him.
  @Test mutating func aDeferredEscalationIsTheSystemsAndTheTaskKeepsItsAssignee() throws {
    var (run, handle) = try breachWhileWorking()
    let before = run.history.count
    run.advance(600)
    try run.run(.release(task: handle), as: "bob")
    let released = run.history.dropFirst(before)
    #expect(released.contains { if case .taskEscalated(1, nil, true) = $0.change { true } else { false } })
    #expect(!released.contains { if case .taskReleased = $0.change { true } else { false } })
    #expect(released.allSatisfy { $0.by == nil }, "\(released.map { "\($0.change.kind.rawValue) by \($0.by ?? "-")" })")
    let ended = try run.task("handle")
    #expect(ended.status == .escalated && ended.assignee == "bob" && ended.handledBy == "bob")
    #expect(try run.task("expert_review").status == .queued)
    #expect(run.state?.status == .escalated)
    #expect(CaseState.replay(run.history) == run.state)
    let review = try run.task("expert_review").id
    try run.run(.claim(task: review), as: "frank")
    try run.run(.complete(task: review, outcome: "send_back", data: [:]), as: "frank")
    #expect(try run.task("verify").assignee == "bob")
  }

  /// audit38 HIGH 1: a supervisor's new OLA after the breach that deferred the escalation
  /// replaces that breach and its escalation: the release puts the task back in the queue and
  /// nothing escalates, live and in a replay. The new OLA's own breach, while the task is open
  /// again, defers anew, and that release escalates.
  @Test mutating func aNewOLAAfterTheBreachCancelsItsDeferredEscalation() throws {
    var (run, handle) = try breachWhileWorking()
    // 8 office hours from Tuesday 13:30: Wednesday 13:30.
    try run.run(.setOLA(task: handle, days: 0, seconds: 8 * 3600), as: "sam")
    #expect(run.local(try run.task("handle").olaDue) == "2026-03-04T13:30:00+01:00")
    #expect(try !run.task("handle").escalationDeferred)
    run.advance(600)
    try run.run(.release(task: handle), as: "bob")
    let released = try run.task("handle")
    #expect(released.status == .queued && released.assignee == nil)
    #expect(run.state?.tasks.count == 1 && run.state?.status == .inProgress)
    #expect(!run.history.contains { if case .taskEscalated = $0.change { true } else { false } })
    #expect(CaseState.replay(run.history) == run.state)
    try run.run(.claim(task: handle), as: "bob")
    try run.run(.open(task: handle), as: "bob")
    try tick(&run, at: "2026-03-04T13:30:00+01:00")
    #expect(try run.task("handle").status == .working && run.task("handle").escalationDeferred)
    try run.run(.release(task: handle), as: "bob")
    #expect(try run.task("handle").status == .escalated)
    #expect(try run.task("expert_review").status == .queued)
  }

  @Test mutating func completingADeferredTaskDoesNotEscalateIt() throws {
    var (run, handle) = try breachWhileWorking()
    try run.run(.complete(task: handle, outcome: "resolved", data: [:]), as: "bob")
    #expect(run.state?.resolution == "resolved")
    #expect(run.state?.tasks.count == 1)
  }

  @Test mutating func financeCountsBusinessDaysAcrossTheWeekend() throws {
    // Created Thursday 14:00: OLA 2d = 16 h (3 h Thu, 8 h Fri, 5 h Mon): Monday 14:00.
    var run = EngineFixture(at: "2026-03-05T14:00:00+01:00")
    try run.create(
      "finance",
      [
        "Customer_Name": "Els", "Customer_Email": "els@example.com", "Customer_Phone": "+32470998877",
        "Request_Type": "refund", "Invoice_Number": "INV-204311",
      ], as: "fiona")
    #expect(run.local(try run.task("assess").olaDue) == "2026-03-09T14:00:00+01:00")
    // SLA 3d = 24 h: Tuesday 14:00.
    #expect(run.local(run.state?.slaDue) == "2026-03-10T14:00:00+01:00")
    try tick(&run, at: "2026-03-09T13:59:00+01:00")
    #expect(try run.task("assess").status == .queued)
    try tick(&run, at: "2026-03-09T14:00:00+01:00")
    #expect(try run.task("supervisor_review").target == "team_supervisor")
  }

  @Test mutating func replacementCountsCalendarDays() throws {
    // OLA 8 days of calendar time from Friday 16:00: Saturday 14 March 16:00.
    var run = EngineFixture(at: "2026-03-06T16:00:00+01:00")
    try run.create("replacement", replacementForm, as: "hugo")
    #expect(run.local(try run.task("arrange_replacement").olaDue) == "2026-03-14T16:00:00+01:00")
    try tick(&run, at: "2026-03-14T16:00:00+01:00")
    #expect(try run.task("express_delivery").target == "express_delivery_team")
  }

  @Test mutating func theSLAStandsStillWhilePending() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    try run.run(.claim(task: try run.task("handle").id), as: "alice")
    try run.run(.pend, as: "alice")
    try tick(&run, at: "2026-03-06T12:00:00+01:00")
    let slaTimers = run.history.filter {
      if case .timerFired(let timer) = $0.change { timer.task == nil } else { false }
    }
    #expect(slaTimers.isEmpty)
  }

  @Test mutating func aSupervisorsNewOLAReplansItsTimers() throws {
    // 12 office hours from Monday 09:00 become 2: due Monday 11:00, warned at 75% (10:30).
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    let handle = try run.task("handle").id
    try run.run(.setOLA(task: handle, days: 0, seconds: 7200), as: "sam")
    #expect(run.local(try run.task("handle").olaDue) == "2026-03-02T11:00:00+01:00")
    #expect(run.local(try run.task("handle").olaWarnAt) == "2026-03-02T10:30:00+01:00")
    try tick(&run, at: "2026-03-02T10:59:00+01:00")
    #expect(try run.task("handle").status == .queued)
    try tick(&run, at: "2026-03-02T11:00:00+01:00")
    #expect(try run.task("handle").status == .escalated)
  }

  @Test mutating func skillTiersWidenWhileTheTaskWaits() throws {
    // Tiers 80, 55, 40, widening every 4 hours (Replacement counts calendar time).
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("replacement", replacementForm, as: "hugo")
    let task = try run.task("arrange_replacement").id
    #expect(run.refusal(.claim(task: task), as: "ines")?.kind == .forbidden)  // 60 < 80
    try tick(&run, at: "2026-03-02T13:00:00+01:00")
    #expect(try run.task("arrange_replacement").tier == 1)
    #expect(run.refusal(.claim(task: task), as: "jules")?.kind == .forbidden)  // 45 < 55
    try run.run(.claim(task: task), as: "ines")
    #expect(try run.task("arrange_replacement").assignee == "ines")
  }
}

let replacementForm = [
  "Customer_Name": "Ann", "Customer_Email": "ann@example.com", "Customer_Phone": "+32470000000", "Device": "modem",
  "Serial_Number": "SN-4F7K22QX", "Purchase_Date": "2025-12-01", "Delivery_Address": "Rue 1, Bruxelles",
]
