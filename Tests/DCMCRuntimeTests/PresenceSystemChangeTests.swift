import DCMCCalendar
import DCMCRuntime
import Testing

/// The presence changes nobody chooses (`PresenceDecision+System.swift`): RONA after an
/// unanswered offer, wrap-up after a push task and its end, each by the system and only from
/// the state it applies to.
@Suite struct PresenceSystemChangeTests {
  static let decision = PresenceDecisionTests.decision
  static let monday = PresenceDecisionTests.monday

  static func ready() throws -> PresenceState {
    try PresenceDecisionTests.set(PresenceState(user: "gary"), .ready)
  }

  @Test func anUnansweredOfferSetsAReadyUserNotReadyRONAByTheSystem() throws {
    let events = Self.decision.notResponding(try Self.ready(), expiredAt: Self.monday.adding(seconds: 60))
    #expect(
      events == [
        PresenceEvent(
          seq: 2, at: Self.monday.adding(seconds: 60), by: nil, user: "gary",
          status: .notReady(reason: "RONA"))
      ])
    let away = try PresenceDecisionTests.set(
      try Self.ready(), .notReady, reason: "break", after: 10)
    #expect(Self.decision.notResponding(away, expiredAt: Self.monday.adding(seconds: 60)).isEmpty)
  }

  @Test func aRONADatesFromTheOffersTimeOutButNeverBeforeTheUsersLastChange() throws {
    let ready = try Self.ready()
    let since = try #require(ready.since)
    let late = Self.decision.notResponding(ready, expiredAt: since.adding(seconds: 45))
    #expect(late.map(\.at) == [since.adding(seconds: 45)])
    let early = Self.decision.notResponding(ready, expiredAt: since.adding(seconds: -45))
    #expect(early.map(\.at) == [since])
  }

  @Test func onlyAReadyUserGoesIntoWrapUp() throws {
    let away = try PresenceDecisionTests.set(try Self.ready(), .notReady, reason: "break", after: 10)
    #expect(Self.decision.wrapUp(away, at: Self.monday.adding(seconds: 60)).isEmpty)
    let gone = try PresenceDecisionTests.set(try Self.ready(), .loggedOff, after: 10)
    #expect(Self.decision.wrapUp(gone, at: Self.monday.adding(seconds: 60)).isEmpty)
    #expect(Self.decision.wrapUp(try Self.ready(), at: Self.monday.adding(seconds: 60)).count == 1)
  }

  @Test func wrapUpLastsTheWrapUpTimeThenEndsReadyAtItsEnd() throws {
    var gary = try Self.ready()
    for event in Self.decision.wrapUp(gary, at: Self.monday.adding(seconds: 60)) {
      gary.evolve(event)
    }
    let end = Self.monday.adding(seconds: 60 + Self.decision.definitions.wrapUpSeconds)
    #expect(gary.status == .wrapUp(until: end))
    #expect(Self.decision.endWrapUp(gary, at: end.adding(seconds: -1)).isEmpty)
    let ended = Self.decision.endWrapUp(gary, at: end.adding(seconds: 30))
    #expect(ended == [PresenceEvent(seq: 3, at: end, by: nil, user: "gary", status: .ready)])
    for event in ended { gary.evolve(event) }
    #expect(gary.readySince == end)
    #expect(Self.decision.wrapUp(PresenceState(user: "gary"), at: end).isEmpty)
  }
  /// A push task completed in the last seconds of 9999 (an `--at` that late): the wrap-up
  /// ends at 9999-12-31T23:59:59Z, the last instant dcmc keeps, not past it; one that fits
  /// lasts its whole time.
  @Test func aWrapUpThatWouldEndPastTheLastInstantEndsAtIt() throws {
    let last = Instant.supported.upperBound
    let seconds = Self.decision.definitions.wrapUpSeconds
    let late = Self.decision.wrapUp(try Self.ready(), at: last.adding(seconds: 1 - seconds))
    #expect(late.map(\.status) == [.wrapUp(until: last)])
    let fits = Self.decision.wrapUp(try Self.ready(), at: last.adding(seconds: -seconds))
    #expect(fits.map(\.status) == [.wrapUp(until: last)])
    let earlier = Self.decision.wrapUp(try Self.ready(), at: last.adding(seconds: -seconds - 5))
    #expect(earlier.map(\.status) == [.wrapUp(until: last.adding(seconds: -5))])
  }
}
