import DCMCCalendar
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// audit33 finding 1, the engine's part: a queued push task with standing declines has a
/// `decline_end` timer at the earliest decline's end, and firing it ends the declines due by
/// then, so the tick changes the case (the application then offers the task again).
/// `finances_group` pushes with 45-second offers; fiona and gary are members.
@Suite struct DeclineEndTimerTests {
  @Test func aDeclinedTaskHasATimerAtTheDeclinesEndAndFiringItEndsTheDecline() throws {
    var run = try OfferTests.offered()
    run.advance(10)
    let task = try run.task("assess")
    try run.run(.declineOffer(task: task.id, reason: "busy"), as: "gary")
    let until = run.now.adding(seconds: 45)
    let timers = try #require(run.state).timers.filter { $0.task == task.number }
    #expect(timers.first == Timer(kind: .declineEnd, task: task.number, due: until))
    // Before the end, a tick changes nothing.
    run.now = until.adding(seconds: -1)
    let before = run.history.count
    try run.run(.tick, as: "scheduler")
    #expect(run.history.count == before)
    // At a tick after it, `timer.fired decline_end` ends the decline, and the timer is gone.
    run.now = until.adding(seconds: 5)
    try run.run(.tick, as: "scheduler")
    #expect(run.history.suffix(1).map(\.change) == [.timerFired(Timer(kind: .declineEnd, task: task.number, due: until))])
    #expect(run.history.last?.at == run.now)
    let after = try run.task("assess")
    #expect(after.status == .queued && after.declines.isEmpty)
    #expect(try #require(run.state).timers.allSatisfy { $0.kind != .declineEnd })
  }

  @Test func twoDeclinesEndOneTimerAtATimeEarliestFirst() throws {
    var run = try OfferTests.offered()
    let task = try run.task("assess")
    run.advance(10)
    try run.run(.declineOffer(task: task.id, reason: "busy"), as: "gary")
    let garys = run.now.adding(seconds: 45)
    run.advance(10)
    try run.run(.offer(task: task.id, to: "fiona"), as: "scheduler")
    // While offered, the offer's time-out is due, not a decline's end.
    #expect(try #require(run.state).timers.allSatisfy { $0.kind != .declineEnd })
    run.advance(10)
    try run.run(.declineOffer(task: task.id, reason: "on_call"), as: "fiona")
    let fionas = run.now.adding(seconds: 45)
    #expect(try run.task("assess").declines.count == 2)
    func declineEnds(_ run: EngineFixture) throws -> [Timer] {
      try #require(run.state).timers.filter { $0.kind == .declineEnd }
    }
    #expect(try declineEnds(run) == [Timer(kind: .declineEnd, task: task.number, due: garys)])
    run.now = garys
    try run.run(.tick, as: "scheduler")
    #expect(try run.task("assess").declines == [TaskDecline(user: "fiona", until: fionas)])
    #expect(try declineEnds(run) == [Timer(kind: .declineEnd, task: task.number, due: fionas)])
    // The next tick fires the next decline's end.
    run.now = fionas.adding(seconds: 60)
    try run.run(.tick, as: "scheduler")
    #expect(try run.task("assess").declines.isEmpty && declineEnds(run).isEmpty)
    #expect(
      run.history.filter { if case .timerFired(let timer) = $0.change { timer.kind == .declineEnd } else { false } }
        .map(\.change) == [
          .timerFired(Timer(kind: .declineEnd, task: task.number, due: garys)),
          .timerFired(Timer(kind: .declineEnd, task: task.number, due: fionas)),
        ])
  }

  @Test func aLateTickFiresEachDeclinesEndInOrder() throws {
    var run = try OfferTests.offered()
    let task = try run.task("assess")
    try run.run(.declineOffer(task: task.id, reason: "busy"), as: "gary")
    let garys = run.now.adding(seconds: 45)
    run.advance(5)
    try run.run(.offer(task: task.id, to: "fiona"), as: "scheduler")
    run.advance(5)
    try run.run(.declineOffer(task: task.id, reason: "busy"), as: "fiona")
    let fionas = run.now.adding(seconds: 45)
    run.now = fionas.adding(seconds: 3600)
    let before = run.history.count
    try run.run(.tick, as: "scheduler")
    // The first firing ends both declines (both are due by the tick), so one `timer.fired`.
    #expect(
      run.history.dropFirst(before).map(\.change) == [.timerFired(Timer(kind: .declineEnd, task: task.number, due: garys))])
    #expect(try run.task("assess").declines.isEmpty)
  }

  /// Declines cleared once they no longer matter (stop 35): a decline that has ended when its
  /// task comes back to the queue (released, its offer withdrawn or expired, returned, moved)
  /// goes then, so no `decline_end` is due for it and the next tick records nothing. Before,
  /// it stayed and the tick fired its `decline_end` for nothing.
  static func declinedThenAccepted() throws -> (run: EngineFixture, until: Instant) {
    var run = try OfferTests.offered()
    let id = try run.task("assess").id
    try run.run(.declineOffer(task: id, reason: "busy"), as: "gary")
    let until = run.now.adding(seconds: 45)
    run.advance(5)
    try run.run(.offer(task: id, to: "fiona"), as: "scheduler")
    try run.run(.acceptOffer(task: id), as: "fiona")
    return (run, until)
  }

  @Test func aDeclineEndedWhenItsTaskIsReleasedIsDroppedAndNoTickFiresIt() throws {
    var (run, until) = try Self.declinedThenAccepted()
    run.now = until.adding(seconds: 30)
    try run.run(.release(task: try run.task("assess").id), as: "fiona")
    #expect(try run.task("assess").status == .queued && run.task("assess").declines.isEmpty)
    #expect(try #require(run.state).timers.allSatisfy { $0.kind != .declineEnd })
    let released = run.history.count
    run.advance(10)
    try run.run(.tick, as: "scheduler")
    #expect(run.history.count == released)
  }

  @Test func aDeclineEndedWhenItsTasksNextOfferExpiresIsNotFiredByThatTick() throws {
    var run = try OfferTests.offered()
    let task = try run.task("assess")
    try run.run(.declineOffer(task: task.id, reason: "busy"), as: "gary")
    run.advance(10)
    try run.run(.offer(task: task.id, to: "fiona"), as: "scheduler")
    let expires = run.now.adding(seconds: 45)
    run.now = expires.adding(seconds: 5)
    let before = run.history.count
    try run.run(.tick, as: "scheduler")
    #expect(
      run.history.dropFirst(before).map(\.change) == [
        .timerFired(Timer(kind: .offerTimeout, task: task.number, due: expires)),
        .offerExpired(task: task.number, user: "fiona"),
      ])
    #expect(try run.task("assess").declines.isEmpty)
  }

  /// A decline still running when its task is released keeps its user out until it ends, as
  /// before: then its `decline_end` fires and they may be offered the task again.
  @Test func aDeclineStillRunningAtAReleaseKeepsItsUserOutUntilItEnds() throws {
    var (run, until) = try Self.declinedThenAccepted()
    let id = try run.task("assess").id
    run.advance(5)
    try run.run(.release(task: id), as: "fiona")
    #expect(try run.task("assess").declines == [TaskDecline(user: "gary", until: until)])
    #expect(try #require(run.state).timers.first == Timer(kind: .declineEnd, task: 1, due: until))
    #expect(run.refusal(.offer(task: id, to: "gary"), as: "scheduler")?.kind == .forbidden)
    run.now = until
    try run.run(.tick, as: "scheduler")
    #expect(run.history.last?.change == .timerFired(Timer(kind: .declineEnd, task: 1, due: until)))
    try run.run(.offer(task: id, to: "gary"), as: "scheduler")
    #expect(try run.task("assess").offer?.to == "gary")
  }
}
