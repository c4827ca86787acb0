import DCMCCalendar
import DCMCRuntime
import Testing

/// audit38 LOW 1: a stopped clock (a pending case's paused SLA, a scheduled task's OLA) holds
/// back only the deadlines still ahead of it. A warning or breach that was due when the clock
/// stopped fires at the next tick, once, naming its own due time, as a tick on time would have
/// fired it before the stop.
@Suite struct StoppedClockTimerTests {
  func at(_ text: String) -> Instant { Timestamp(text)!.instant }

  func tick(_ run: inout EngineFixture, at time: String) throws {
    run.now = at(time)
    try run.run(.tick, as: "scheduler")
  }

  /// The timers fired, as `kind due@fired` in Brussels time, for the task numbered `task`
  /// (`nil`: the case's SLA).
  func fired(_ run: EngineFixture, task: Int?) -> [String] {
    run.history.compactMap { event in
      guard case .timerFired(let timer) = event.change, timer.task == task else { return nil }
      return "\(timer.kind.rawValue) \(run.local(timer.due)!)@\(run.local(event.at)!)"
    }
  }

  /// The audit's case: pended 30 s after its SLA breach (due Tuesday 17:00, warned at 13:00),
  /// no tick in between. The next tick fires both; the resume a week later and the ticks after
  /// it fire neither again.
  @Test func anSLAWarningAndBreachDueBeforeThePendFireAtTheNextTick() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    try run.run(.claim(task: try run.task("handle").id), as: "alice")
    run.now = at("2026-03-03T17:00:30+01:00")
    try run.run(.pend, as: "alice")
    let priority = try #require(run.state?.priority)
    try tick(&run, at: "2026-03-03T17:01:00+01:00")
    let both = [
      "sla_warning 2026-03-03T13:00:00+01:00@2026-03-03T17:01:00+01:00",
      "sla_breach 2026-03-03T17:00:00+01:00@2026-03-03T17:01:00+01:00",
    ]
    #expect(fired(run, task: nil) == both)
    #expect(run.notifications.contains { $0.event == "sla_breached" })
    #expect(run.state?.priority == priority + 25)
    #expect(run.state?.status == .pending && run.state?.slaStandsStill == true)
    run.now = at("2026-03-10T09:00:00+01:00")
    try run.run(.resume, as: "alice")
    try tick(&run, at: "2026-03-10T09:00:00+01:00")
    try tick(&run, at: "2026-03-12T09:00:00+01:00")
    #expect(fired(run, task: nil) == both)
    #expect(CaseState.replay(run.history) == run.state)
  }

  /// Pended at Tuesday 14:00, after the warning (13:00) and before the breach (17:00): the
  /// warning fires at the next tick, the breach waits for the resume, which moves it by the
  /// three office hours it had left.
  @Test func onlyWhatWasDueAtThePendFiresWhileTheSLAIsPaused() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    run.now = at("2026-03-03T14:00:00+01:00")
    try run.run(.pend, as: "alice")
    try tick(&run, at: "2026-03-05T12:00:00+01:00")
    #expect(fired(run, task: nil) == ["sla_warning 2026-03-03T13:00:00+01:00@2026-03-05T12:00:00+01:00"])
    run.now = at("2026-03-06T09:00:00+01:00")
    try run.run(.resume, as: "alice")
    #expect(run.local(run.state?.slaDue) == "2026-03-06T12:00:00+01:00")
    try tick(&run, at: "2026-03-06T12:00:00+01:00")
    #expect(fired(run, task: nil).last == "sla_breach 2026-03-06T12:00:00+01:00@2026-03-06T12:00:00+01:00")
    #expect(CaseState.replay(run.history) == run.state)
  }

  /// A queued task rescheduled 30 s after its OLA breach (due Tuesday 13:00), no tick in
  /// between: the next tick fires its warning and breach, and the breach escalates it, as a
  /// tick on time would have, not a day later at its return.
  @Test func anOLABreachDueBeforeARescheduleFiresAtTheNextTick() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    let handle = try run.task("handle")
    run.now = at("2026-03-03T13:00:30+01:00")
    try run.run(.reschedule(task: handle.id, until: at("2026-03-04T09:00:00+01:00")), as: "sam")
    try tick(&run, at: "2026-03-03T13:01:00+01:00")
    #expect(
      fired(run, task: handle.number) == [
        "ola_warning 2026-03-03T10:00:00+01:00@2026-03-03T13:01:00+01:00",
        "ola_breach 2026-03-03T13:00:00+01:00@2026-03-03T13:01:00+01:00",
      ])
    #expect(try run.task("handle").status == .escalated)
    #expect(try run.task("expert_review").status == .queued)
    #expect(CaseState.replay(run.history) == run.state)
  }

  /// Rescheduled after its warning (Tuesday 10:00) and before its breach (13:00): the warning
  /// fires while it is away, the breach moves with its return.
  @Test func aScheduledTaskWaitsOnlyForTheBreachStillAhead() throws {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    let handle = try run.task("handle")
    run.now = at("2026-03-03T11:00:00+01:00")
    try run.run(.reschedule(task: handle.id, until: at("2026-03-04T09:00:00+01:00")), as: "sam")
    try tick(&run, at: "2026-03-03T17:00:00+01:00")
    #expect(fired(run, task: handle.number) == ["ola_warning 2026-03-03T10:00:00+01:00@2026-03-03T17:00:00+01:00"])
    #expect(try run.task("handle").status == .scheduled)
    try tick(&run, at: "2026-03-04T09:00:00+01:00")
    // Two office hours were left at 11:00: due Wednesday 11:00.
    #expect(run.local(try run.task("handle").olaDue) == "2026-03-04T11:00:00+01:00")
    #expect(try run.task("handle").status == .queued)
    #expect(CaseState.replay(run.history) == run.state)
  }
}
