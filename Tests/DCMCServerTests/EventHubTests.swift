import DCMCCalendar
import Testing

@testable import DCMCServer

/// `EventHub`'s bounds: `kept` events per user and `users` users; what is forgotten makes a
/// reconnecting client resync instead of silently missing events.
@Suite struct EventHubTests {
  let now = Instant(secondsSinceEpoch: 1_800_000_000)

  /// A snapshot with the tasks `offered` offered to the user, timing out in an hour.
  func offering(_ offered: [String]) -> EventSnapshot {
    var snapshot = EventSnapshot()
    for task in offered { snapshot.offers[task] = now.adding(seconds: 3600) }
    return snapshot
  }

  /// An advisor made ready and offered a task between two polls: the presence first, as it
  /// happened (it came after the offer it made); an offer that timed out comes before the
  /// RONA presence it set.
  @Test func eventsOfOnePollComeInTheOrderOfTheirCauses() {
    var before = offering([])
    before.presence = "not_ready break"
    var after = offering(["T-1"])
    after.presence = "ready"
    #expect(after.changes(since: before, at: now).map(\.type) == ["presence.changed", "offer.created"])
    var away = offering([])
    away.presence = "not_ready break"
    #expect(away.changes(since: after, at: now).map(\.type) == ["presence.changed", "offer.withdrawn"])
    var rona = offering([])
    rona.presence = "not_ready RONA"
    #expect(rona.changes(since: after, at: now.adding(seconds: 3600)).map(\.type) == ["offer.expired", "presence.changed"])
  }

  @Test func theUserPolledLongestAgoIsForgottenBeyondTheLimitAndResyncsOnReturn() {
    let hub = EventHub(run: "r", kept: 8, users: 2)
    _ = hub.start("alice", from: offering([]), resume: nil, resumed: false)
    let alice = hub.update("alice", to: offering(["T-1"]), at: now, after: 0)
    #expect(alice.events.map(\.type) == ["offer.created"] && !alice.resync)
    let aliceSeen = alice.cursor
    _ = hub.start("bob", from: offering([]), resume: nil, resumed: false)
    // Alice polls again, so bob is now the one polled longest ago when carol arrives.
    _ = hub.update("alice", to: offering(["T-1"]), at: now, after: aliceSeen)
    _ = hub.start("carol", from: offering([]), resume: nil, resumed: false)
    // Alice was kept: her reconnect is sent nothing new and no resync.
    let back = hub.start("alice", from: offering(["T-1"]), resume: aliceSeen, resumed: true)
    #expect(!back.resync && back.events.isEmpty)
    // Bob was forgotten: his reconnect cannot be placed.
    let bob = hub.start("bob", from: offering([]), resume: 0, resumed: true)
    #expect(bob.resync && bob.events.isEmpty)
  }

  @Test func eventsBeyondTheKeptNumberAreDroppedAndAClientBehindThemResyncs() {
    let hub = EventHub(run: "r", kept: 2, users: 4)
    _ = hub.start("alice", from: offering([]), resume: nil, resumed: false)
    var offered: [String] = []
    var first = 0
    for number in 1...3 {
      offered.append("T-\(number)")
      let delivery = hub.update("alice", to: offering(offered), at: now, after: number - 1)
      if number == 1 { first = delivery.cursor }
    }
    let behind = hub.start("alice", from: offering(offered), resume: 0, resumed: true)
    #expect(behind.resync && behind.events.count == 2)
    let recent = hub.start("alice", from: offering(offered), resume: first, resumed: true)
    #expect(!recent.resync && recent.events.map(\.type) == ["offer.created", "offer.created"])
  }

  @Test func anIDOfAnotherRunIsNotPlaced() {
    let hub = EventHub(run: "abc", kept: 2, users: 2)
    #expect(hub.number(ofID: "abc-7") == 7)
    #expect(hub.number(ofID: "xyz-7") == nil && hub.number(ofID: nil) == nil)
    #expect(hub.number(ofID: "abc--1") == nil && hub.number(ofID: "abc-+7") == nil && hub.number(ofID: "abc-") == nil)
  }

  /// An id with a negative number was placed before every event: the client was sent
  /// `resync` and then every kept event again. It names no event, so it is a resync alone.
  @Test func aSignedIDIsAResyncAlone() {
    let hub = EventHub(run: "abc", kept: 8, users: 2)
    _ = hub.start("alice", from: offering([]), resume: nil, resumed: false)
    _ = hub.update("alice", to: offering(["T-1"]), at: now, after: 0)
    let back = hub.start("alice", from: offering(["T-1"]), resume: hub.number(ofID: "abc--1"), resumed: true)
    #expect(back.resync && back.events.isEmpty)
  }
}
