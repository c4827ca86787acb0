import DCMCCalendar
import DCMCRuntime
import Testing

/// Issue 14 item 10: `task set --ola` plans again from the command's time, and fired timers
/// are stamped with the tick that fired them, so a history never runs backwards.
@Suite struct TimerReplanTests {
  func tick(_ run: inout EngineFixture, at time: String) throws {
    run.now = Timestamp(time)!.instant
    try run.run(.tick, as: "scheduler")
  }

  func timers(of run: EngineFixture, task: String) throws -> [String] {
    let number = try run.task(task).number
    return try #require(run.state).timers.filter { $0.task == number }.map {
      "\($0.kind.rawValue)@\(run.local($0.due)!)"
    }
  }

  @Test func aNewOLACountsFromTheCommandAndReplacesTheTimers() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    let handle = try run.task("handle").id
    try tick(&run, at: "2026-03-03T10:30:00+01:00")  // the 12-hour OLA's warning fired at 10:00
    run.now = Timestamp("2026-03-03T11:00:00+01:00")!.instant
    try run.run(.setOLA(task: handle, days: 0, seconds: 2 * 3600), as: "sam")
    // Two office hours from Tuesday 11:00, warned at 75%: not from Monday's creation.
    #expect(
      try timers(of: run, task: "handle") == [
        "ola_warning@2026-03-03T12:30:00+01:00", "ola_breach@2026-03-03T13:00:00+01:00",
      ])
    try tick(&run, at: "2026-03-03T11:00:00+01:00")
    #expect(try run.task("handle").status == .queued)
    try tick(&run, at: "2026-03-03T12:59:00+01:00")
    #expect(try run.task("handle").status == .queued)
    #expect(try run.task("handle").olaWarned)
    try tick(&run, at: "2026-03-03T13:00:00+01:00")
    #expect(try run.task("handle").status == .escalated)
  }

  @Test func aHandledBreachDoesNotFireAgainAndTheSupervisorsPriorityStays() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    try run.run(.escalate(task: try run.task("handle").id), as: "alice")
    let review = try run.task("expert_review").id
    // The expert review's 4-hour OLA breaks at 13:00: priority + 20 and the supervisors told.
    try tick(&run, at: "2026-03-02T13:00:00+01:00")
    #expect(try run.task("expert_review").priority == 70)
    let told = run.notifications.filter { $0.event == "ola_breached" }.count
    #expect(told == 1)
    run.now = Timestamp("2026-03-02T13:10:00+01:00")!.instant
    try run.run(.setPriority(task: review, priority: 40), as: "sam")
    run.now = Timestamp("2026-03-02T13:20:00+01:00")!.instant
    try run.run(.setOLA(task: review, days: 0, seconds: 4 * 3600), as: "sam")
    #expect(run.local(try run.task("expert_review").olaDue) == "2026-03-03T09:20:00+01:00")
    try tick(&run, at: "2026-03-02T13:20:00+01:00")
    #expect(try run.task("expert_review").priority == 40)
    #expect(run.notifications.filter { $0.event == "ola_breached" }.count == told)
  }

  @Test func aLateTickNeverWritesTheHistoryBackwards() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    // Claimed on Wednesday, after the OLA's warning (Tuesday 10:00) and breach (13:00) were
    // due, before any tick fired them.
    run.now = Timestamp("2026-03-04T09:30:00+01:00")!.instant
    try run.run(.claim(task: try run.task("handle").id), as: "bob")
    try tick(&run, at: "2026-03-04T10:00:00+01:00")
    let fired = run.history.filter { if case .timerFired = $0.change { true } else { false } }
    #expect(fired.count >= 2)
    #expect(run.history.map(\.at) == run.history.map(\.at).sorted())
    #expect(fired.allSatisfy { run.local($0.at) == "2026-03-04T10:00:00+01:00" })
  }
  /// An OLA whose deadline falls past 9999 is refused naming the duration as given (stop 27:
  /// `task set --ola 99999999d` said "the deadline  from ..."), and one longer than an Int
  /// holds in seconds is refused the same way, not a crash; nothing is planned.
  @Test func anOLAPastTheLastYearIsRefusedNamingItsDuration() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    let handle = try run.task("handle").id
    let before = try run.task("handle").olaDue
    for (days, seconds, text) in [
      (99_999_999, 0, "99999999d"), (3_000_000, 2 * 3600 + 30 * 60, "3000000d 2h 30m"),
      (Int.max / 2, 0, "\(Int.max / 2)d"), (0, Int.max, "\(Int.max / 3600)h 30m 7s"),
    ] {
      let refusal = run.refusal(.setOLA(task: handle, days: days, seconds: seconds), as: "sam")
      #expect(
        refusal?.message
          == "the deadline \(text) from 2026-03-02T08:00:00Z cannot be computed: the result lies outside the years 1 to 9999")
      // The instant it quotes is kept, for a page to write in its zone.
      #expect(refusal?.instants == [Timestamp("2026-03-02T08:00:00Z")!.instant])
    }
    #expect(try run.task("handle").olaDue == before)
  }
}
