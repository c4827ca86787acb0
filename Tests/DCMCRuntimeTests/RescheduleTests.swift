import DCMCCalendar
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Issue 16 item 5: `task reschedule` takes a task out of the queue with its OLA clock
/// stopped, and its return timer brings it back with the business time it had left.
@Suite struct RescheduleTests {
  static func at(_ time: String) -> Instant { Timestamp(time)!.instant }

  /// A technical case created Monday 09:00 (Brussels), its `handle` task claimed by alice.
  static func claimed() throws -> EngineFixture {
    var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
    try run.create("technical", technicalForm)
    try run.run(.claim(task: try run.task("handle").id), as: "alice")
    return run
  }

  func tick(_ run: inout EngineFixture, at time: String) throws {
    run.now = Self.at(time)
    try run.run(.tick, as: "scheduler")
  }

  @Test func anAssignedTaskIsReleasedScheduledAndOnlyItsReturnIsDue() throws {
    var run = try Self.claimed()
    run.now = Self.at("2026-03-02T10:00:00+01:00")
    let handle = try run.task("handle")
    try run.run(.reschedule(task: handle.id, until: Self.at("2026-03-03T09:00:00+01:00")), as: "alice")
    let scheduled = try run.task("handle")
    #expect(scheduled.status == .scheduled && scheduled.assignee == nil && scheduled.handledBy == "alice")
    #expect(scheduled.scheduledSince == run.now && scheduled.olaDue == handle.olaDue)
    let timers = try #require(run.state).timers.filter { $0.task == handle.number }
    #expect(timers == [Timer(kind: .taskReturn, task: handle.number, due: Self.at("2026-03-03T09:00:00+01:00"))])
    // The stage waits for it: the case stays in progress.
    #expect(run.state?.status == .inProgress && scheduled.status.isActive)
  }

  @Test func itComesBackQueuedWithTheBusinessTimeItHadLeft() throws {
    var run = try Self.claimed()
    run.now = Self.at("2026-03-02T10:00:00+01:00")
    try run.run(.reschedule(task: try run.task("handle").id, until: Self.at("2026-03-03T09:00:00+01:00")), as: "alice")
    // The OLA's first due time (Tuesday 13:00) passes while the task is away: nothing fires.
    try tick(&run, at: "2026-03-03T08:59:00+01:00")
    #expect(try run.task("handle").status == .scheduled)
    // A late tick returns it as the timely one would have: from 09:00, 11 office hours are
    // left of the OLA (Wednesday 12:00), 8 of its 75% warning (Tuesday 17:00).
    try tick(&run, at: "2026-03-03T09:30:00+01:00")
    let back = try run.task("handle")
    #expect(back.status == .queued && back.scheduledSince == nil && back.scheduledUntil == nil)
    #expect(run.local(back.olaDue) == "2026-03-04T12:00:00+01:00")
    #expect(run.local(back.olaWarnAt) == "2026-03-03T17:00:00+01:00")
    #expect(back.priority == 50)
    let kinds = run.history.suffix(2).map(\.change.kind)
    #expect(kinds == [.timerFired, .taskReturned])
    try tick(&run, at: "2026-03-04T11:59:00+01:00")
    #expect(try run.task("handle").status == .queued)
    try tick(&run, at: "2026-03-04T12:00:00+01:00")
    #expect(try run.task("handle").status == .escalated)
  }

  /// Seeded: whenever a task leaves and for however long, it comes back with the office time
  /// its OLA had left when it left, counted from its return, and none of its OLA timers fired
  /// while it was away.
  @Test(arguments: 1...4) func theOLATimeLeftIsKeptWhateverTheTimes(seed: UInt64) throws {
    var generator = SeededGenerator(seed: seed)
    let calendar = try #require(EngineFixture.engine.definitions.calendar("office_brussels"))
    for _ in 0..<25 {
      var run = EngineFixture(at: "2026-03-02T09:00:00+01:00")
      try run.create("technical", technicalForm)
      run.advance(Int.random(in: 0..<(11 * 3600), using: &generator))
      let handle = try run.task("handle")
      let left = try calendar.businessSeconds(from: run.now, to: try #require(handle.olaDue))
      let until = run.now.adding(seconds: Int.random(in: 60...(20 * 86_400), using: &generator))
      try run.run(.reschedule(task: handle.id, until: until), as: "sam")
      run.now = until
      try run.run(.tick, as: "scheduler")
      let back = try run.task("handle")
      #expect(back.status == .queued)
      #expect(back.olaDue == (try calendar.due(from: until, adding: left)))
      #expect(
        !run.history.contains { event in
          if case .timerFired(let timer) = event.change {
            timer.kind == .olaBreach || timer.kind == .olaWarning
          } else {
            false
          }
        })
    }
  }

  @Test func aSecondRescheduleMovesOnlyTheReturnAndTheClockStaysStoppedSinceTheFirst() throws {
    var run = try Self.claimed()
    run.now = Self.at("2026-03-02T10:00:00+01:00")
    let id = try run.task("handle").id
    try run.run(.reschedule(task: id, until: Self.at("2026-03-04T09:00:00+01:00")), as: "alice")
    run.now = Self.at("2026-03-02T15:00:00+01:00")
    try run.run(.reschedule(task: id, until: Self.at("2026-03-03T09:00:00+01:00")), as: "sam")
    #expect(try run.task("handle").scheduledSince == Self.at("2026-03-02T10:00:00+01:00"))
    try tick(&run, at: "2026-03-03T09:00:00+01:00")
    #expect(run.local(try run.task("handle").olaDue) == "2026-03-04T12:00:00+01:00")
  }

  @Test func aMoveKeepsItScheduledAndAnSLAReassignDoesToo() throws {
    var run = try Self.claimed()
    run.now = Self.at("2026-03-02T10:00:00+01:00")
    let id = try run.task("handle").id
    try run.run(.reschedule(task: id, until: Self.at("2026-03-03T09:00:00+01:00")), as: "alice")
    try run.run(.reassign(task: id, target: "expert_group_x"), as: "sam")
    let moved = try run.task("handle")
    #expect(moved.status == .scheduled && moved.target == "expert_group_x")
  }

  /// What is refused, and why; the case unchanged.
  @Test func refusals() throws {
    var run = try Self.claimed()
    run.now = Self.at("2026-03-02T10:00:00+01:00")
    let id = try run.task("handle").id
    #expect(run.refusal(.reschedule(task: id, until: run.now), as: "alice")?.message.contains("is not after") == true)
    #expect(
      run.refusal(.reschedule(task: id, until: Self.at("2026-03-01T10:00:00+01:00")), as: "alice")?.kind
        == .invalidInput)
    #expect(
      run.refusal(.reschedule(task: "TEC-000001.9", until: Self.at("2026-03-03T09:00:00+01:00")), as: "alice")?.kind
        == .notFound)
    try run.run(.open(task: id), as: "alice")
    #expect(
      run.refusal(.reschedule(task: id, until: Self.at("2026-03-03T09:00:00+01:00")), as: "alice")?.message
        == "task '\(id)' is being worked on by 'alice'")
    try run.run(.release(task: id), as: "alice")
    try run.run(.reschedule(task: id, until: Self.at("2026-03-03T09:00:00+01:00")), as: "sam")
    let away = "task '\(id)' is scheduled until 2026-03-03T08:00:00Z"
    #expect(run.refusal(.claim(task: id), as: "bob")?.message == away)
    #expect(run.refusal(.assign(task: id, to: "bob"), as: "sam")?.message == away)
    #expect(run.refusal(.open(task: id), as: "bob")?.message == away)
    #expect(run.refusal(.setOLA(task: id, days: 0, seconds: 3600), as: "sam")?.message == away)
    #expect(run.refusal(.release(task: id), as: "sam")?.message == "task '\(id)' is not assigned")
    try run.run(.cancel, as: "sam")
    #expect(try run.task("handle").status == .cancelled)
    #expect(run.state?.timers.isEmpty == true)
    #expect(
      run.refusal(.reschedule(task: id, until: Self.at("2026-03-05T09:00:00+01:00")), as: "sam")?.kind == .wrongState)
  }
  /// A return its OLA cannot be moved to (12 office hours left, counted from the last hour of
  /// 9999) is refused when the task is rescheduled, naming the return, rather than failing
  /// the tick that brings it back; a return early in December 9999 is taken.
  @Test func aReturnTheDeadlinesCannotBeMovedToIsRefusedUpFront() throws {
    var run = try Self.claimed()
    run.now = Self.at("2026-03-02T10:00:00+01:00")
    let id = try run.task("handle").id
    #expect(
      run.refusal(.reschedule(task: id, until: Self.at("9999-12-31T23:00:00Z")), as: "alice")?.message
        == "task '\(id)' cannot return at 9999-12-31T23:00:00Z: the task's deadlines cannot be moved: the result lies outside the years 1 to 9999")
    try run.run(.reschedule(task: id, until: Self.at("9999-12-01T09:00:00+01:00")), as: "alice")
    #expect(try run.task("handle").status == .scheduled)
  }
}
