import DCMCBundle
import DCMCCalendar
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// `case set --sla`: a supervisor's new SLA counts from the case's creation on the SLA's
/// calendar, the time the case was pending with its SLA clock stopped not counted, and
/// replaces the case's SLA warning and breach. Technical: 16 office hours (Monday to Friday,
/// 09:00 to 17:00 in Brussels, 8-hour days), warned at 75%; the cases are created on Monday 2
/// March 2026 at 09:00.
@Suite struct SLASetTests {
  func tick(_ run: inout EngineFixture, at time: String) throws {
    run.now = Timestamp(time)!.instant
    try run.run(.tick, as: "scheduler")
  }

  func slaTimers(_ run: EngineFixture) throws -> [String] {
    try #require(run.state).timers.filter { $0.task == nil }.map { "\($0.kind.rawValue)@\(run.local($0.due)!)" }
  }

  func fired(_ run: EngineFixture, _ kind: Timer.Kind) -> Int {
    run.history.filter { if case .timerFired(let timer) = $0.change { timer.kind == kind } else { false } }.count
  }

  func technical() throws -> EngineFixture {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    return run
  }

  @Test func aNewSLACountsFromTheCreationAndReplacesTheTimers() throws {
    var run = try technical()
    #expect(try slaTimers(run) == ["sla_warning@2026-03-03T13:00:00+01:00", "sla_breach@2026-03-03T17:00:00+01:00"])
    run.now = Timestamp("2026-03-02T11:00:00+01:00")!.instant
    try run.run(.setSLA(days: 3, seconds: 0), as: "sam")
    // 3 days of 8 office hours from Monday 09:00, not from the command at 11:00; warned at 18 h.
    #expect(try slaTimers(run) == ["sla_warning@2026-03-04T11:00:00+01:00", "sla_breach@2026-03-04T17:00:00+01:00"])
    let event = try #require(run.history.last)
    #expect(event.by == "sam")
    guard case .slaSet(let sla, let due, _) = event.change else {
      Issue.record("expected case.sla_set, got \(event.change.kind)")
      return
    }
    #expect(sla == CaseSLA(text: "3d", seconds: 24 * 3600))
    #expect(run.local(due) == "2026-03-04T17:00:00+01:00")
    #expect(run.state?.sla == sla)
    try tick(&run, at: "2026-03-03T17:00:00+01:00")
    #expect(fired(run, .slaBreach) == 0)
    try tick(&run, at: "2026-03-04T17:00:00+01:00")
    #expect(fired(run, .slaWarning) == 1 && fired(run, .slaBreach) == 1)
    // The warning speaks of the case's SLA, no longer of its type's 16 hours.
    let warned = try #require(run.notifications.first { $0.event == "sla_at_risk" })
    #expect(warned.body.contains("SLA: 3 Days, Open office time."))
    #expect(CaseState.replay(run.history) == run.state)
  }

  /// Pending from Monday 10:00 to Tuesday 10:00 (8 office hours) moved the due time from
  /// Tuesday 17:00 to Wednesday 17:00; a new SLA of 3 days still does not count them.
  @Test func theTimeTheSLAStoodStillIsNotCounted() throws {
    var run = try technical()
    try run.run(.claim(task: try run.task("handle").id), as: "alice")
    run.now = Timestamp("2026-03-02T10:00:00+01:00")!.instant
    try run.run(.pend, as: "alice")
    run.now = Timestamp("2026-03-03T10:00:00+01:00")!.instant
    try run.run(.resume, as: "alice")
    #expect(run.local(run.state?.slaDue) == "2026-03-04T17:00:00+01:00")
    run.now = Timestamp("2026-03-03T11:00:00+01:00")!.instant
    try run.run(.setSLA(days: 3, seconds: 0), as: "sam")
    #expect(try slaTimers(run) == ["sla_warning@2026-03-05T11:00:00+01:00", "sla_breach@2026-03-05T17:00:00+01:00"])
    // A second change counts the pause once, not again.
    try run.run(.setSLA(days: 2, seconds: 0), as: "sam")
    #expect(try slaTimers(run) == ["sla_warning@2026-03-04T13:00:00+01:00", "sla_breach@2026-03-04T17:00:00+01:00"])
    #expect(CaseState.replay(run.history) == run.state)
  }

  /// Runs `pauses` (local start and end times) as pend and resume, as alice.
  func pause(_ run: inout EngineFixture, _ pauses: [(String, String)]) throws {
    for (start, end) in pauses {
      run.now = Timestamp(start)!.instant
      try run.run(.pend, as: "alice")
      run.now = Timestamp(end)!.instant
      try run.run(.resume, as: "alice")
    }
  }

  /// Sets an SLA of `hours` at `time`, and gives the recorded warning and due time.
  func setSLA(_ run: inout EngineFixture, hours: Int, at time: String) throws -> [String?] {
    run.now = Timestamp(time)!.instant
    try run.run(.setSLA(days: 0, seconds: hours * 3600), as: "sam")
    #expect(CaseState.replay(run.history) == run.state)
    return [run.local(run.state?.slaWarnAt), run.local(run.state?.slaDue)]
  }

  /// Pending from Tuesday 09:00 to Thursday 09:00, after the SLA clock ran 8 hours on
  /// Monday: a new SLA of 8 hours set on Friday was reached on Monday at 17:00 (warned at 6
  /// hours, 15:00); the pause came later and moves nothing.
  @Test func aPauseAfterTheNewDueTimeMovesNothing() throws {
    var run = try technical()
    try pause(&run, [("2026-03-03T09:00:00+01:00", "2026-03-05T09:00:00+01:00")])
    #expect(run.local(run.state?.slaDue) == "2026-03-05T17:00:00+01:00")
    #expect(
      try setSLA(&run, hours: 8, at: "2026-03-06T10:00:00+01:00")
        == ["2026-03-02T15:00:00+01:00", "2026-03-02T17:00:00+01:00"])
  }

  /// Pending from Wednesday 09:00 to Thursday 09:00, when the type's due time (Tuesday 17:00)
  /// had passed: that pause did not move it, yet the SLA clock stood still in it, so a new
  /// SLA of 3 days (reached Wednesday 17:00 without it, warned at 18 hours, Wednesday 11:00)
  /// is moved by it to Thursday 17:00 (warned Thursday 11:00).
  @Test func aPauseAfterTheOldDueTimePassedCounts() throws {
    var run = try technical()
    try pause(&run, [("2026-03-04T09:00:00+01:00", "2026-03-05T09:00:00+01:00")])
    #expect(run.local(run.state?.slaDue) == "2026-03-03T17:00:00+01:00")
    #expect(
      try setSLA(&run, hours: 24, at: "2026-03-05T10:00:00+01:00")
        == ["2026-03-05T11:00:00+01:00", "2026-03-05T17:00:00+01:00"])
    #expect(run.state?.slaBreached == false)
  }

  /// Two pauses, Monday 11:00 to 13:00 and Wednesday 09:00 to Thursday 09:00: a new SLA of 12
  /// hours falls between them, moved by the first only, to Tuesday 15:00 (warned at 9 hours,
  /// Tuesday 12:00).
  @Test func aNewDueTimeBetweenTwoPausesIsMovedByTheFirstOnly() throws {
    var run = try technical()
    try pause(
      &run,
      [
        ("2026-03-02T11:00:00+01:00", "2026-03-02T13:00:00+01:00"),
        ("2026-03-04T09:00:00+01:00", "2026-03-05T09:00:00+01:00"),
      ])
    #expect(
      try setSLA(&run, hours: 12, at: "2026-03-05T10:00:00+01:00")
        == ["2026-03-03T12:00:00+01:00", "2026-03-03T15:00:00+01:00"])
  }

  /// The clock stands still in a pause, so a due time never falls inside one. Without the
  /// pause from Monday 14:00 to Tuesday 11:00, 8 hours are reached on Monday at 17:00, inside
  /// it: the due time is the resume plus the 3 hours left at its start, Tuesday 14:00 (the
  /// warning at 6 hours: the resume plus 1 hour); a later pause, Wednesday 09:00 to 12:00,
  /// moves neither.
  @Test func aDueTimeInsideAPauseFallsAtTheResumePlusWhatWasLeft() throws {
    var run = try technical()
    try pause(
      &run,
      [
        ("2026-03-02T14:00:00+01:00", "2026-03-03T11:00:00+01:00"),
        ("2026-03-04T09:00:00+01:00", "2026-03-04T12:00:00+01:00"),
      ])
    #expect(
      try setSLA(&run, hours: 8, at: "2026-03-04T13:00:00+01:00")
        == ["2026-03-03T12:00:00+01:00", "2026-03-03T14:00:00+01:00"])
  }

  /// A pending that did not pause the SLA (`pause_when_pending` off) is no pause, and one
  /// still open (the case pending) is not among the ended ones.
  @Test func onlyEndedPausesOfTheSLACount() throws {
    let changes: [CaseChange] = [
      .pended(pausesSLA: false), .resumed(slaDue: nil, slaWarnAt: nil), .pended(pausesSLA: true),
      .resumed(slaDue: nil, slaWarnAt: nil), .pended(pausesSLA: true),
    ]
    // An event an hour, from Monday 10:00.
    let start = Timestamp("2026-03-02T10:00:00+01:00")!.instant
    let history = changes.enumerated().map { index, change in
      CaseEvent(seq: index + 1, at: start.adding(seconds: index * 3600), by: "alice", change: change)
    }
    #expect(SLAPause.ended(in: history) == [SLAPause(start: history[2].at, end: history[3].at)])
  }

  /// The engine refuses a new SLA when it is not given the pauses of the case's history.
  @Test func aNewSLANeedsThePauses() throws {
    let run = try technical()
    let state = try #require(run.state)
    let decided = EngineFixture.engine.decide(.setSLA(days: 3, seconds: 0), on: state, by: "sam", at: run.now)
    guard case .failure(let refusal) = decided else {
      Issue.record("an SLA was set without the case's pauses")
      return
    }
    #expect(refusal == Refusal(.invalidInput, "a new SLA of case 'TEC-000001' needs the pauses of its history"))
  }

  /// Set while the case is pending, the plan stands still with it and moves by the pause at
  /// the resume: the same plan as when set after it.
  @Test func anSLASetWhilePendingMovesAtTheResume() throws {
    var run = try technical()
    run.now = Timestamp("2026-03-02T10:00:00+01:00")!.instant
    try run.run(.pend, as: "alice")
    run.now = Timestamp("2026-03-02T12:00:00+01:00")!.instant
    try run.run(.setSLA(days: 3, seconds: 0), as: "sam")
    #expect(run.local(run.state?.slaDue) == "2026-03-04T17:00:00+01:00")
    #expect(try slaTimers(run).isEmpty)
    try tick(&run, at: "2026-03-03T09:30:00+01:00")
    #expect(fired(run, .slaWarning) + fired(run, .slaBreach) == 0)
    run.now = Timestamp("2026-03-03T10:00:00+01:00")!.instant
    try run.run(.resume, as: "alice")
    #expect(try slaTimers(run) == ["sla_warning@2026-03-05T11:00:00+01:00", "sla_breach@2026-03-05T17:00:00+01:00"])
  }

  /// A breach that fired stays in the history; a due time after now makes the case no longer
  /// breached, and the new plan's breach fires at its time.
  @Test func aLaterDueTimeEndsTheBreach() throws {
    var run = try technical()
    try tick(&run, at: "2026-03-03T17:00:00+01:00")
    #expect(run.state?.slaBreached == true)
    let breaches = fired(run, .slaBreach)
    run.now = Timestamp("2026-03-03T17:30:00+01:00")!.instant
    try run.run(.setSLA(days: 5, seconds: 0), as: "sam")
    #expect(run.state?.slaBreached == false && run.state?.slaWarned == false)
    #expect(try slaTimers(run) == ["sla_warning@2026-03-05T15:00:00+01:00", "sla_breach@2026-03-06T17:00:00+01:00"])
    #expect(fired(run, .slaBreach) == breaches)
    try tick(&run, at: "2026-03-06T17:00:00+01:00")
    #expect(fired(run, .slaBreach) == breaches + 1)
    #expect(run.state?.slaBreached == true)
  }

  /// Each breach raises the priority by 25 (Technical's `raise_priority`) up to 100; a breach
  /// of a case at 100 already records no change of priority.
  @Test func aBreachAtTheHighestPriorityChangesNone() throws {
    var run = try technical()
    let raised = { (run: EngineFixture) in
      run.history.filter { if case .priorityChanged = $0.change { true } else { false } }.count
    }
    for (breach, extended, days) in [
      ("2026-03-03T17:00:00+01:00", "2026-03-03T17:30:00+01:00", 5), ("2026-03-06T17:00:00+01:00", "2026-03-06T17:30:00+01:00", 10),
      ("2026-03-13T17:00:00+01:00", "2026-03-13T17:30:00+01:00", 15),
    ] {
      try tick(&run, at: breach)
      run.now = Timestamp(extended)!.instant
      try run.run(.setSLA(days: days, seconds: 0), as: "sam")
    }
    #expect(fired(run, .slaBreach) == 3)
    #expect(run.state?.priority == 100 && raised(run) == 2)
  }

  /// A shorter SLA the case has used up already: its warning and breach are due at the next
  /// tick; one that fired under the old plan does not fire again.
  @Test func aDueTimeAlreadyPastBreachesAtTheNextTickOnce() throws {
    var run = try technical()
    run.now = Timestamp("2026-03-03T12:00:00+01:00")!.instant
    try run.run(.setSLA(days: 0, seconds: 8 * 3600), as: "sam")
    #expect(try slaTimers(run) == ["sla_warning@2026-03-02T15:00:00+01:00", "sla_breach@2026-03-02T17:00:00+01:00"])
    try tick(&run, at: "2026-03-03T12:00:00+01:00")
    #expect(fired(run, .slaBreach) == 1 && run.state?.slaBreached == true)
    run.now = Timestamp("2026-03-03T12:30:00+01:00")!.instant
    try run.run(.setSLA(days: 0, seconds: 4 * 3600), as: "sam")
    #expect(run.state?.slaBreached == true)
    #expect(try slaTimers(run).isEmpty)
    try tick(&run, at: "2026-03-03T13:00:00+01:00")
    #expect(fired(run, .slaBreach) == 1)
  }

  /// Refused, the case unchanged: a closed or cancelled case, an SLA not positive, and one
  /// whose deadline falls past 9999 (named as given, from the creation).
  @Test func refusalsChangeNothing() throws {
    var run = try technical()
    let before = run.state
    #expect(run.refusal(.setSLA(days: 0, seconds: 0), as: "sam") == Refusal(.invalidInput, "an SLA must be positive"))
    let created = Timestamp("2026-03-02T08:00:00Z")!.instant
    for (days, seconds, text) in [(99_999_999, 0, "99999999d"), (Int.max / 2, 0, "\(Int.max / 2)d")] {
      // The CLI's words, and the creation they quote kept for a page to write in its zone.
      let refusal = run.refusal(.setSLA(days: days, seconds: seconds), as: "sam")
      #expect(refusal?.kind == .invalidInput)
      #expect(
        refusal?.message
          == "the deadline \(text) from 2026-03-02T08:00:00Z cannot be computed: the result lies outside the years 1 to 9999")
      #expect(refusal?.instants == [created])
    }
    #expect(run.state == before)
    try run.run(.cancel, as: "sam")
    #expect(
      run.refusal(.setSLA(days: 3, seconds: 0), as: "sam") == Refusal(.wrongState, "case 'TEC-000001' is cancelled"))
  }

  /// A case type without an SLA gives its cases none to change.
  @Test func aCaseTypeWithoutAnSLAHasNoneToChange() throws {
    let compiled = ReferenceBundle.variant { name, text in
      guard name == "technical.yaml" else { return text }
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      guard let start = lines.firstIndex(of: "sla:"), let end = lines[start...].firstIndex(of: "") else { return text }
      return (lines[..<start] + lines[end...]).joined(separator: "\n")
    }
    let engine = Engine(
      definitions: try RuntimeDefinitions(bundle: compiled.bundle, zone: TimeZoneDatabase.rules(named:)))
    let now = Timestamp("2026-03-02T09:00:00+01:00")!.instant
    let created = try engine.decide(
      .create(type: "technical", fields: technicalForm, sequence: 1), on: nil, by: "alice", at: now
    ).get()
    let state = try #require(CaseState.replay(created))
    #expect(state.slaDue == nil)
    guard case .failure(let refusal) = engine.decide(.setSLA(days: 3, seconds: 0), on: state, by: "sam", at: now)
    else {
      Issue.record("an SLA was set on a case whose type has none")
      return
    }
    #expect(refusal == Refusal(.wrongState, "case type 'technical' has no SLA, so case 'TEC-000001' has none to change"))
  }
}
