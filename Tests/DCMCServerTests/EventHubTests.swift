import DCMCCalendar
import DCMCJSON
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

  /// `snapshot` with presence records up to `version`, the records after `from`.
  /// `ready` when the last record made the user ready.
  func presence(_ snapshot: EventSnapshot, _ version: Int, from: Int? = nil, ready: Bool = false) -> EventSnapshot {
    var snapshot = snapshot
    snapshot.presenceVersion = version
    snapshot.presenceRecords = ((from ?? version - 1) + 1...version).map { .init(version: $0, json: .string("\($0)")) }
    snapshot.presenceRecords[snapshot.presenceRecords.count - 1].ready = ready
    return snapshot
  }

  /// An advisor made ready and offered a task between two polls: the presence first, as it
  /// happened (it came after the offer it made); an offer that timed out comes before the
  /// RONA presence it set.
  @Test func eventsOfOnePollComeInTheOrderOfTheirCauses() {
    let before = presence(offering([]), 1)
    let after = presence(offering(["T-1"]), 2, ready: true)
    #expect(after.changes(since: before, at: now).map(\.type) == ["presence.changed", "offer.created"])
    let away = presence(offering([]), 3)
    // A presence other than `ready` comes after the tasks' events: `not_ready` withdraws no
    // offer (audit35 L4), so the offer was declined or taken away before or after it.
    #expect(away.changes(since: after, at: now).map(\.type) == ["offer.withdrawn", "presence.changed"])
    let rona = presence(offering([]), 3)
    #expect(rona.changes(since: after, at: now.adding(seconds: 3600)).map(\.type) == ["offer.expired", "presence.changed"])
    // Ready, then on a break within one poll, offered a task meanwhile: the offer after the
    // `ready` that made it and before the break (audit35 M3: it read as offers to a user on
    // a break).
    var both = presence(offering(["T-1"]), 3, from: 1)
    both.presenceRecords[0].ready = true
    #expect(both.changes(since: before, at: now).map(\.type) == ["presence.changed", "offer.created", "presence.changed"])
    // A task gone from the user's hands is `task.unassigned`, after the rest.
    var holding = presence(offering([]), 3)
    holding.held = ["T-1"]
    #expect(away.changes(since: holding, at: now).map(\.type) == ["task.unassigned"])
  }

  @Test func theUserPolledLongestAgoIsForgottenBeyondTheLimitAndResyncsOnReturn() {
    let hub = EventHub(run: "r", kept: 8, users: 2)
    let first = hub.start("alice", from: offering([]), lastEventID: nil)
    let alice = hub.update("alice", to: offering(["T-1"]), mark: 0, at: now, after: first.cursor)
    #expect(alice.events.map(\.type) == ["offer.created"] && !alice.resync)
    let aliceSeen = alice.cursor
    let bobFirst = hub.start("bob", from: offering([]), lastEventID: nil)
    // Alice polls again, so bob is now the one polled longest ago when carol arrives.
    _ = hub.update("alice", to: offering(["T-1"]), mark: 0, at: now, after: aliceSeen)
    _ = hub.start("carol", from: offering([]), lastEventID: nil)
    // Alice was kept: her reconnect is sent nothing new and no resync.
    let back = hub.start("alice", from: offering(["T-1"]), lastEventID: "r-\(aliceSeen.watch)-\(aliceSeen.number)")
    #expect(!back.resync && back.events.isEmpty)
    // Bob was forgotten: his reconnect cannot be placed, nor his open stream's cursor, whose
    // numbers are another watch's.
    let bob = hub.start("bob", from: offering([]), lastEventID: "r-\(bobFirst.cursor.watch)-0")
    #expect(bob.resync && bob.events.isEmpty)
    #expect(bob.cursor.watch != bobFirst.cursor.watch)
    let open = hub.update("bob", to: offering(["T-2"]), mark: 0, at: now, after: bobFirst.cursor)
    #expect(open.resync && open.events.map(\.type) == ["offer.created"])
  }

  @Test func eventsBeyondTheKeptNumberAreDroppedAndAClientBehindThemResyncs() {
    let hub = EventHub(run: "r", kept: 2, users: 4)
    var cursor = hub.start("alice", from: offering([]), lastEventID: nil).cursor
    let watch = cursor.watch
    var offered: [String] = []
    for number in 1...3 {
      offered.append("T-\(number)")
      cursor = hub.update("alice", to: offering(offered), mark: 0, at: now, after: cursor).cursor
    }
    #expect(cursor.number == 3)
    let behind = hub.start("alice", from: offering(offered), lastEventID: "r-\(watch)-0")
    #expect(behind.resync && behind.events.count == 2)
    let recent = hub.start("alice", from: offering(offered), lastEventID: "r-\(watch)-1")
    #expect(!recent.resync && recent.events.map(\.type) == ["offer.created", "offer.created"])
  }

  @Test func anIDOfAnotherRunIsNotPlaced() {
    let hub = EventHub(run: "abc", kept: 2, users: 2)
    #expect(hub.cursor(ofID: "abc-w1-7") == EventHub.Cursor(watch: "w1", number: 7))
    #expect(hub.cursor(ofID: "xyz-w1-7") == nil && hub.cursor(ofID: nil) == nil && hub.cursor(ofID: "abc-7") == nil)
    #expect(hub.cursor(ofID: "abc-w1--1") == nil && hub.cursor(ofID: "abc-w1-+7") == nil && hub.cursor(ofID: "abc-w1-") == nil)
  }

  /// An id with a negative number was placed before every event: the client was sent
  /// `resync` and then every kept event again. It names no event, so it is a resync alone.
  @Test func aSignedIDIsAResyncAlone() {
    let hub = EventHub(run: "abc", kept: 8, users: 2)
    let first = hub.start("alice", from: offering([]), lastEventID: nil)
    _ = hub.update("alice", to: offering(["T-1"]), mark: 0, at: now, after: first.cursor)
    let back = hub.start("alice", from: offering(["T-1"]), lastEventID: "abc-\(first.cursor.watch)--1")
    #expect(back.resync && back.events.isEmpty)
  }
}
