import DCMCCalendar
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// An offer does not outlive its user's readiness (stop 35), the engine's part: the application
/// withdraws the offer standing to a user who left `ready`, and the engine records it as a
/// withdrawal saying where they went (`task.offer_withdrawn`), not as an expiry: no RONA.
/// `finances_group` pushes with 45-second offers; fiona and gary are members.
@Suite struct OfferWithdrawalTests {
  @Test func aWithdrawalQueuesTheTaskAndSaysWhereItsUserWent() throws {
    var run = try OfferTests.offered()
    run.advance(10)
    let task = try run.task("assess")
    try run.run(.withdrawOffer(task: task.id, from: "gary", reason: "not_ready (break)"), as: "scheduler")
    #expect(run.history.last?.change == .offerWithdrawn(task: task.number, user: "gary", reason: "not_ready (break)"))
    #expect(run.history.last?.change.kind.rawValue == "task.offer_withdrawn")
    let after = try run.task("assess")
    #expect(after.status == .queued && after.offer == nil && after.assignee == nil)
    // Nothing keeps gary out (he did not decline it), and no offer time-out is due any more.
    #expect(after.declines.isEmpty)
    #expect(try #require(run.state).timers.allSatisfy { $0.kind != .offerTimeout })
  }

  /// Withdrawn once: an offer answered, made to someone else, or past its time-out (the tick's
  /// to withdraw as unanswered, RONA) is not withdrawn, and the case is unchanged.
  @Test func anOfferNotStandingToTheUserIsNotWithdrawn() throws {
    var run = try OfferTests.offered()
    let id = try run.task("assess").id
    let other = try #require(run.refusal(.withdrawOffer(task: id, from: "fiona", reason: "logged_off"), as: "scheduler"))
    #expect(other.kind == .forbidden && other.message == "task '\(id)' is not offered to 'fiona'")
    let expires = try #require(try run.task("assess").offer?.expires)
    run.now = expires
    let late = try #require(run.refusal(.withdrawOffer(task: id, from: "gary", reason: "logged_off"), as: "scheduler"))
    #expect(late.kind == .wrongState && late.instants == [expires])
    var accepted = try OfferTests.offered()
    try accepted.run(.acceptOffer(task: id), as: "gary")
    let answered = accepted.refusal(.withdrawOffer(task: id, from: "gary", reason: "logged_off"), as: "scheduler")
    #expect(answered?.message == "task '\(id)' is assigned, not offered")
  }
}
