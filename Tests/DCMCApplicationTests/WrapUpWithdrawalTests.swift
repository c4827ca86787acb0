import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Completing a push task puts its user in wrap-up (SPEC section 15), out of `ready`, and
/// with them their standing offers (stop 36, as a break or a RONA does): each is withdrawn in
/// the completion's change (`task.offer_withdrawn`, reason `wrap_up`, no RONA counted for it;
/// the wrap-up's end is the presence's, not the reason's since stop 37) and offered to the next ready member with room. Before, a user of capacity
/// 2 kept an offer they could not take through wrap-up until its time-out counted a RONA.
///
/// The scene, on every store: fiona (capacity 2) is ready at 09:00, is offered a first finance
/// case's task at +10 s and accepts it at +12 s, and is offered a second case's at +20 s
/// (until +65 s); gary (capacity 1) is ready at +30 s, with nothing to offer him.
@Suite struct WrapUpWithdrawalTests {
  @Test(arguments: RepositoryKind.allCases)
  func completingAPushTaskWithdrawsTheUsersOfferAndOffersItToTheNextReadyUser(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    _ = try store.at(0).setPresence(.ready, reason: nil, by: "fiona")
    let first = try OfferClaimLockTests.finance(store.at(10))
    _ = try store.at(12).execute(.acceptOffer(task: first.id + ".1"), onCase: first.id, by: "fiona")
    let second = try OfferClaimLockTests.finance(store.at(20))
    _ = try store.at(30).setPresence(.ready, reason: nil, by: "gary")
    #expect(try store.at(30).offers(to: "fiona").map(\.task.id) == [second.id + ".1"])
    #expect(try store.at(30).offers(to: "gary").isEmpty)

    _ = try store.at(40).execute(
      .complete(task: first.id + ".1", outcome: "refunded", data: [:]), onCase: first.id, by: "fiona")
    let wrapUp = PresenceStatus.wrapUp(until: RepositoryUnderTest.monday.adding(seconds: 160))
    #expect(try store.presenceRepository.loadPresence("fiona")?.status == wrapUp)
    let events = try #require(try store.repository.history(of: second.id)).suffix(2).map(\.change)
    #expect(events.first == .offerWithdrawn(task: 1, user: "fiona", reason: "wrap_up"))
    #expect(events.last?.kind == .taskOffered)
    #expect(try store.at(40).offers(to: "fiona").isEmpty)
    #expect(try store.at(40).offers(to: "gary").map(\.task.id) == [second.id + ".1"])

    // Past the withdrawn offer's own time-out (+65 s): nothing expires, no RONA, fiona's
    // presence is only the wrap-up.
    _ = try store.at(70).tick(by: nil)
    let facts = ReportFact.facts(of: try #require(try store.repository.history(of: second.id)), after: nil)
    #expect(!facts.contains { $0.kind == .rona })
    #expect(try store.at(70).presenceService().history(of: "fiona", by: "fiona").map(\.status) == [.ready, wrapUp])

    // Wrap-up ends at a tick: ready again, and offered what is queued meanwhile (gary, who
    // accepted the second case, has no room), as before.
    _ = try store.at(75).execute(.acceptOffer(task: second.id + ".1"), onCase: second.id, by: "gary")
    let third = try OfferClaimLockTests.finance(store.at(100))
    #expect(try store.at(100).load(third.id).task(third.id + ".1")?.status == .queued)
    _ = try store.at(160).tick(by: nil)
    #expect(try store.presenceRepository.loadPresence("fiona")?.status == .ready)
    #expect(try store.at(160).offers(to: "fiona").map(\.task.id) == [third.id + ".1"])
  }
}
