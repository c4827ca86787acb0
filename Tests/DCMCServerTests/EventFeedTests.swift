import DCMCApplication
import DCMCJSON
import DCMCServer
import Testing
import _DCMCTestSupport

/// `/api/v1/events` sends every change of the user's tasks this server commits, not the
/// difference of two polls (docs/server.md, "What is exact and what is not"): the streams are
/// read at instants the test gives, with changes made through the API in between; the CLI
/// beside the server is a use case of the same store without the server's feed.
@Suite struct EventFeedTests {
  let streams = EventStreamTests()

  func events(_ text: String) -> [String] { streams.events(text) }

  /// An offer made and withdrawn (declined) between two polls is sent as both, in order.
  /// Before 7 December 2026 the poll found the user's offers as they were and sent nothing.
  @Test(arguments: RepositoryKind.allCases) func anOfferMadeAndWithdrawnBetweenTwoPollsIsSentAsBoth(
    _ kind: RepositoryKind
  ) throws {
    let harness = try APIHarness(kind: kind, users: APIEndpointTests.users)
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "gary", at: 0)
    let gary = try streams.open(harness, as: "gary", at: 1).stream
    #expect(harness.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 2).status == 201)
    #expect(
      harness.send("POST", "/api/v1/tasks/FIN-2026-000001.1/decline", #"{"reason": "busy"}"#, as: "gary", at: 3).status
        == 200)
    let text = streams.next(gary, at: 4)
    #expect(events(text) == ["offer.created", "offer.withdrawn"])
    #expect(text.contains(#""offered_to":"gary""#))
    #expect(streams.next(gary, at: 5) == "")
  }

  /// A task assigned, released and assigned again between two polls is three events. Before
  /// 7 December 2026 it looked unchanged, and nothing was sent.
  @Test(arguments: RepositoryKind.allCases) func aTaskAssignedReleasedAndAssignedAgainIsThreeEvents(
    _ kind: RepositoryKind
  ) throws {
    let harness = try APIHarness(kind: kind, users: APIEndpointTests.users)
    let id = try #require(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", at: 0).json?.text("id"))
    let alice = try streams.open(harness, as: "alice", at: 1).stream
    #expect(harness.send("POST", "/api/v1/tasks/next", as: "alice", at: 2).status == 200)
    #expect(harness.send("POST", "/api/v1/tasks/\(id).1/release", as: "alice", at: 3).status == 200)
    #expect(harness.send("POST", "/api/v1/tasks/next", as: "alice", at: 4).status == 200)
    let text = streams.next(alice, at: 5)
    #expect(events(text) == ["task.assigned", "task.unassigned", "task.assigned"])
    #expect(text.components(separatedBy: "\(id).1").count - 1 == 3)
    #expect(streams.next(alice, at: 6) == "")
  }

  /// A change the CLI makes beside the server (here its tick: the offer times out, RONA) is
  /// not in the server's feed: the poll's snapshot finds it, and it is sent once; the server's
  /// own offer before it was sent once too.
  @Test(arguments: RepositoryKind.allCases) func aChangeByTheCLIBesideTheServerReachesTheStreamOnce(
    _ kind: RepositoryKind
  ) throws {
    let harness = try APIHarness(kind: kind, users: APIEndpointTests.users)
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "gary", at: 0)
    let gary = try streams.open(harness, as: "gary", at: 1).stream
    _ = harness.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 2)
    var seen = events(streams.next(gary, at: 3))
    #expect(seen == ["offer.created"])
    _ = try harness.store.at(61).tick(by: nil)
    let cli = events(streams.next(gary, at: 62))
    #expect(cli == ["offer.expired", "presence.changed"])
    seen += cli + events(streams.next(gary, at: 63)) + events(streams.next(gary, at: 64))
    #expect(seen == ["offer.created", "offer.expired", "presence.changed"])
  }

  /// A client that left and reconnects with `Last-Event-ID` is sent what the server committed
  /// meanwhile, both events of an offer made and withdrawn included: the hub keeps the
  /// user's events while no stream of theirs is open.
  @Test func aReconnectWithLastEventIDGetsAnOfferMadeAndWithdrawnWhileAway() throws {
    let harness = try APIHarness(users: APIEndpointTests.users)
    let gary = try streams.open(harness, as: "gary", at: 0).stream
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "gary", at: 1)
    let last = try #require(streams.ids(streams.next(gary, at: 2)).last)
    // The client leaves (its stream is no longer read) and comes back with the last id it read.
    _ = harness.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 3)
    _ = harness.send("POST", "/api/v1/tasks/FIN-2026-000001.1/decline", #"{"reason": "busy"}"#, as: "gary", at: 4)
    let resumed = try streams.open(harness, as: "gary", at: 5, lastEventID: last)
    #expect(events(resumed.first) == ["offer.created", "offer.withdrawn"])
  }

  /// A client that falls behind by more than the hub keeps (64 events of the user) is sent
  /// `resync` then the newest 64, and reads the state again; memory does not grow with what it
  /// missed. Before 7 December 2026 a poll read at most 64 presence records and sent no resync.
  @Test func aClientThatFallsBehindIsSentAResyncAndTheNewest() throws {
    let harness = try APIHarness(users: APIEndpointTests.users)
    let fiona = try streams.open(harness, as: "fiona", at: 0).stream
    for turn in 0..<35 {
      _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "fiona", at: 1 + turn)
      _ = harness.send("POST", "/api/v1/presence", #"{"state": "not_ready", "reason": "break"}"#, as: "fiona", at: 1 + turn)
    }
    let sent = events(streams.next(fiona, at: 40))
    #expect(sent.first == "resync")
    #expect(sent.dropFirst() == ArraySlice(repeating: "presence.changed", count: 64))
  }
}
