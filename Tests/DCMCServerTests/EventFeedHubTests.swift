import DCMCApplication
import DCMCCalendar
import Synchronization
import Testing
import _DCMCTestSupport

@testable import DCMCServer

/// How `EventHub` keeps the feed's events and the polls' differences from sending an event
/// twice or undoing one: a snapshot read before a change the feed told, and a change told
/// after a poll found it.
@Suite struct EventFeedHubTests {
  let streams = EventStreamTests()

  func at(_ seconds: Int) -> Instant { RepositoryUnderTest.monday.adding(seconds: seconds) }

  /// A poll whose snapshot was read before the server made an offer (the feed told of it
  /// meanwhile) neither withdraws the offer nor sends it again: the feed's cases keep what
  /// the feed left until a snapshot read after them.
  @Test func aSnapshotReadBeforeTheFeedsChangeDoesNotUndoIt() throws {
    let harness = try APIHarness(users: APIEndpointTests.users)
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "gary", at: 0)
    let gary = try streams.open(harness, as: "gary", at: 1).stream
    let hub = harness.api.events
    let mark = hub.mark
    let stale = try EventSnapshot(of: "gary", on: harness.api.cases.with(clock: FixedClock(at(2))))
    let cursor = hub.start("gary", from: stale, lastEventID: nil).cursor
    _ = harness.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 2)
    #expect(hub.update("gary", to: stale, mark: mark, at: at(3), after: cursor).events.map(\.type) == ["offer.created"])
    #expect(streams.events(streams.next(gary, at: 4)) == ["offer.created"])
    #expect(streams.next(gary, at: 5) == "")
  }

  /// Changes told after a poll found them in the store (a publication that crossed the
  /// poll) send nothing: the poll's difference sent them.
  @Test func aChangeToldAfterAPollFoundItIsNotSentAgain() throws {
    let harness = try APIHarness(users: APIEndpointTests.users)
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "gary", at: 0)
    let gary = try streams.open(harness, as: "gary", at: 1).stream
    _ = harness.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 2)
    #expect(streams.events(streams.next(gary, at: 3)) == ["offer.created"])
    let told = Mutex<[CommitFeed.Committed]>([])
    let feed = CommitFeed()
    feed.receive { committed in told.withLock { $0.append(committed) } }
    var cli = harness.store.at(61)
    cli.feed = feed
    _ = try cli.tick(by: nil)
    #expect(streams.events(streams.next(gary, at: 62)) == ["offer.expired", "presence.changed"])
    let late = told.withLock { $0 }
    #expect(late.count == 2)
    for committed in late { harness.api.events.committed(committed) }
    #expect(streams.next(gary, at: 63) == "")
  }
}
