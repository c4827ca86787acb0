import DCMCApplication
import DCMCJSON
import DCMCServer
import Testing
import _DCMCTestSupport

/// `GET /api/v1/events` as a function (SPEC section 17): the stream a request answers is asked
/// for its bytes at instants the test gives, with changes made through the API in between.
@Suite struct EventStreamTests {
  typealias Harness = APIHarness

  /// Opens the user's stream at `seconds`, sending `lastEventID` when given, and reads its
  /// first bytes then.
  func open(_ harness: Harness, as user: String, at seconds: Int, lastEventID: String? = nil) throws
    -> (status: Int, stream: any ResponseStream, first: String)
  {
    var headers = ["Authorization": "Bearer \(harness.bearer[user] ?? "")"]
    if let lastEventID { headers["Last-Event-ID"] = lastEventID }
    let answer = harness.api.respond(
      to: HTTPRequest(method: "GET", path: "/api/v1/events", headers: headers),
      at: RepositoryUnderTest.monday.adding(seconds: seconds))
    #expect(answer.response.header("Content-Type") == "text/event-stream")
    let stream = try #require(answer.response.stream)
    let first = String(decoding: answer.response.body, as: UTF8.self) + next(stream, at: seconds)
    return (answer.response.status, stream, first)
  }

  func next(_ stream: any ResponseStream, at seconds: Int) -> String {
    String(decoding: stream.next(at: RepositoryUnderTest.monday.adding(seconds: seconds)) ?? [], as: UTF8.self)
  }

  /// The `event:` names of `text`, in order.
  func events(_ text: String) -> [String] {
    text.split(separator: "\n").filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
  }

  func ids(_ text: String) -> [String] {
    text.split(separator: "\n").filter { $0.hasPrefix("id: ") }.map { String($0.dropFirst(4)) }
  }

  @Test func offersAssignmentsAndPresenceArriveWithIDsAndHeartbeatsFillTheSilence() throws {
    let harness = try Harness(users: APIEndpointTests.users)
    let (status, stream, first) = try open(harness, as: "gary", at: 0)
    #expect(status == 200 && first.hasPrefix("retry: 2000\n: connected\n\n"))
    #expect(next(stream, at: 1) == "")
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "gary", at: 2)
    _ = harness.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 3)
    let offered = next(stream, at: 4)
    // Gary was ready (at 2) before the case offered him its task (at 3): in that order.
    #expect(events(offered) == ["presence.changed", "offer.created"])
    #expect(offered.contains(#""offered_to":"gary""#))
    let task = "FIN-2026-000001.1"
    _ = harness.send("POST", "/api/v1/tasks/\(task)/accept", as: "gary", at: 5)
    #expect(events(next(stream, at: 6)) == ["task.assigned"])
    #expect(next(stream, at: 20) == "")
    #expect(next(stream, at: 21) == ": heartbeat\n\n")
    let all = offered + next(stream, at: 22)
    #expect(Set(ids(all)).count == ids(all).count)
  }

  @Test func anOfferLeftToTimeOutIsExpiredAndOneDeclinedIsWithdrawn() throws {
    let harness = try Harness(users: APIEndpointTests.users)
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "gary", at: 0)
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "fiona", at: 1)
    let gary = try open(harness, as: "gary", at: 2).stream
    _ = harness.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 3)
    #expect(events(next(gary, at: 4)) == ["offer.created"])
    let fiona = try open(harness, as: "fiona", at: 5).stream
    _ = harness.send("POST", "/api/v1/tasks/FIN-2026-000001.1/decline", #"{"reason": "busy"}"#, as: "gary", at: 6)
    #expect(events(next(gary, at: 7)) == ["offer.withdrawn"])
    #expect(events(next(fiona, at: 7)) == ["offer.created"])
    // Fiona's offer stands 45 seconds: it stays hers until a tick withdraws it (RONA).
    #expect(events(next(fiona, at: 60)) == [])
    _ = try harness.store.at(61).tick(by: nil)
    #expect(events(next(fiona, at: 62)) == ["offer.expired", "presence.changed"])
  }

  /// Stop 35: a user who leaves `ready` has their standing offer withdrawn at once, and the
  /// next ready user is offered the task: each stream is sent it as the server commits it, the
  /// break first, then the withdrawal it caused (the feed's order, `CommitFeed`).
  @Test func anOfferIsWithdrawnWhenItsUserGoesOnABreak() throws {
    let harness = try Harness(users: APIEndpointTests.users)
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "gary", at: 0)
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "fiona", at: 1)
    let gary = try open(harness, as: "gary", at: 2).stream
    let fiona = try open(harness, as: "fiona", at: 2).stream
    _ = harness.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 3)
    #expect(events(next(gary, at: 4)) == ["offer.created"])
    #expect(events(next(fiona, at: 4)) == [])
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "not_ready", "reason": "break"}"#, as: "gary", at: 6)
    let withdrawn = next(gary, at: 7)
    #expect(events(withdrawn) == ["presence.changed", "offer.withdrawn"])
    #expect(withdrawn.contains(#""reason":"break""#))
    #expect(events(next(fiona, at: 7)) == ["offer.created"])
  }

  /// Stop 36: an offer that times out takes its user out of `ready` (RONA) and withdraws
  /// their other standing offer, which goes to the next ready user: fiona's stream is sent the
  /// expiry, her RONA and the withdrawal, in the order the server's tick made them; gary's the
  /// offer of the withdrawn task (a gold customer's, more urgent than the expired one).
  @Test func anOfferTimingOutWithdrawsItsUsersOtherOffer() throws {
    let harness = try Harness(users: APIEndpointTests.users)
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "fiona", at: 0)
    _ = harness.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 3)
    _ = harness.send("POST", "/api/v1/cases", APIEndpointTests.finance.replacing("silver", with: "gold"), as: "tina", at: 4)
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "gary", at: 5)
    let fiona = try open(harness, as: "fiona", at: 6).stream
    let gary = try open(harness, as: "gary", at: 6).stream
    // The server's own tick (`dcmc serve`), whose changes reach the streams as they are made.
    _ = try harness.api.cases.with(clock: FixedClock(RepositoryUnderTest.monday.adding(seconds: 48))).tick(by: nil)
    let left = next(fiona, at: 49)
    #expect(events(left) == ["offer.expired", "presence.changed", "offer.withdrawn"], "\(left)")
    #expect(left.contains(#""reason":"RONA""#))
    let offered = next(gary, at: 49)
    #expect(events(offered) == ["offer.created"])
    #expect(offered.contains("FIN-2026-000002.1"))
  }

  @Test func aReconnectWithLastEventIDGetsWhatItMissedAndAnUnknownIDAResync() throws {
    let harness = try Harness(users: APIEndpointTests.users)
    let stream = try open(harness, as: "gary", at: 0).stream
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "not_ready", "reason": "break"}"#, as: "gary", at: 1)
    let seen = next(stream, at: 2)
    let last = try #require(ids(seen).last)
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "gary", at: 3)
    _ = next(stream, at: 4)
    let resumed = try open(harness, as: "gary", at: 5, lastEventID: last)
    #expect(events(resumed.first) == ["presence.changed"])
    #expect(resumed.first.contains(#""state":"ready""#))
    let stranger = try open(harness, as: "gary", at: 6, lastEventID: "another-run-7")
    #expect(events(stranger.first) == ["resync"])
    let fresh = try open(harness, as: "gary", at: 7)
    #expect(events(fresh.first) == [])
  }

  /// One user's open streams are bounded (`EventHub.streamsPerUser`, 16): the next is 429
  /// `too_many_streams` and the others' streams still open; once one of the user's streams
  /// goes, another may open. Before 6 December 2026 one token could open streams until the
  /// server's connections (128 from one address) were all taken: every other client of that
  /// address, the public form's visitors included, was then refused at connect.
  @Test func aUsersOpenStreamsAreBoundedAndAGoneStreamLetsAnotherIn() throws {
    let harness = try Harness(users: APIEndpointTests.users)
    var streams = try (0..<16).map { _ in try open(harness, as: "gary", at: 0).stream }
    let refused = harness.api.respond(
      to: HTTPRequest(method: "GET", path: "/api/v1/events", headers: ["Authorization": "Bearer \(harness.bearer["gary"] ?? "")"]),
      at: RepositoryUnderTest.monday)
    #expect(refused.response.status == 429 && refused.response.stream == nil)
    // By when a stream whose client left is seen gone (audit35 L1: there was no Retry-After).
    #expect(refused.response.header("Retry-After") == "15")
    #expect(String(decoding: refused.response.body, as: UTF8.self).contains(#""code": "too_many_streams""#))
    #expect(try open(harness, as: "fiona", at: 1).status == 200)
    streams.removeLast()
    #expect(try open(harness, as: "gary", at: 2).status == 200)
    #expect(streams.count == 15)
  }

  /// A stream checks its token at each poll, as a request would be: once the token is revoked
  /// (or expired) the stream ends, sending nothing more. Before 6 December 2026 a stream opened
  /// with a token went on sending its user's offers and presence after `dcmc token revoke`.
  @Test func aStreamEndsAtThePollAfterItsTokenIsRevokedOrExpires() throws {
    var harness = try Harness(users: APIEndpointTests.users)
    let (_, stream, _) = try open(harness, as: "gary", at: 0)
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "gary", at: 1)
    #expect(events(next(stream, at: 2)) == ["presence.changed"])
    let service = TokenService(repository: harness.tokens, clock: FixedClock(RepositoryUnderTest.monday))
    _ = try service.revoke(String(try #require(harness.bearer["gary"]).split(separator: "_")[1]))
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "logged_off"}"#, as: "tina", at: 3)
    #expect(stream.next(at: RepositoryUnderTest.monday.adding(seconds: 4)) == nil)

    let expiring = try harness.token(for: "fiona", seed: 99, expires: RepositoryUnderTest.monday.adding(seconds: 10))
    harness.bearer["fiona"] = expiring
    let (_, second, _) = try open(harness, as: "fiona", at: 5)
    #expect(second.next(at: RepositoryUnderTest.monday.adding(seconds: 9)) != nil)
    #expect(second.next(at: RepositoryUnderTest.monday.adding(seconds: 10)) == nil)
  }

  /// A task taken from its holder (a supervisor's assignment to another) sends the holder
  /// `task.unassigned`, and a cancelled case the holder of its task. Before 7 December 2026 the
  /// holder was sent nothing (audit35 M3, its first reproduction).
  @Test(arguments: RepositoryKind.allCases) func aTaskTakenFromItsHolderSendsThemTaskUnassigned(_ kind: RepositoryKind) throws {
    let harness = try Harness(kind: kind, users: APIEndpointTests.users)
    let id = try #require(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", at: 0).json?.text("id"))
    #expect(harness.send("POST", "/api/v1/tasks/next", as: "alice", at: 1).status == 200)
    let alice = try open(harness, as: "alice", at: 2).stream
    let bob = try open(harness, as: "bob", at: 2).stream
    #expect(harness.send("POST", "/api/v1/tasks/\(id).1/assign", #"{"to": "bob"}"#, as: "sam", at: 3).status == 200)
    let taken = next(alice, at: 4)
    #expect(events(taken) == ["task.unassigned"])
    #expect(taken.contains(#"data: {"task":"\#(id).1"}"#))
    #expect(events(next(bob, at: 4)) == ["task.assigned"])
    #expect(harness.send("POST", "/api/v1/cases/\(id)/cancel", as: "sam", at: 5).status == 200)
    #expect(events(next(bob, at: 6)) == ["task.unassigned"])
  }

  /// Every presence change is sent, in order, even several within one poll: `ready` then
  /// `not_ready` sends both. Before 7 December 2026 only the state the poll found was sent
  /// (`not_ready` alone; audit35 M3, its second reproduction).
  @Test(arguments: RepositoryKind.allCases) func everyPresenceChangeWithinOnePollIsSentInOrder(_ kind: RepositoryKind) throws {
    let harness = try Harness(kind: kind, users: APIEndpointTests.users)
    let fiona = try open(harness, as: "fiona", at: 0).stream
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "fiona", at: 1)
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "not_ready", "reason": "break"}"#, as: "fiona", at: 1)
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "fiona", at: 1)
    let text = next(fiona, at: 2)
    #expect(events(text) == ["presence.changed", "presence.changed", "presence.changed"])
    let states = text.split(separator: "\n").filter { $0.hasPrefix("data: ") }.map { $0.contains(#""state":"ready""#) }
    #expect(states == [true, false, true])
    #expect(next(fiona, at: 3) == "")
  }

  /// audit35 M3's reproduction: two finance tasks queued, fiona goes ready (which offers them
  /// to her) then on a break within one poll. Before 7 December 2026 the stream sent the break,
  /// then the offers, and never the `ready`. Since stop 35 every change the server commits is
  /// sent in the order written (`CommitFeed`), and the break withdraws the two offers: `ready`,
  /// the two offers, the break, the two withdrawals, though all fall within one poll.
  @Test(arguments: RepositoryKind.allCases) func readyThenABreakWithinOnePollSendsTheOffersBetweenThem(
    _ kind: RepositoryKind
  ) throws {
    let harness = try Harness(kind: kind, users: APIEndpointTests.users)
    _ = harness.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 0)
    _ = harness.send("POST", "/api/v1/cases", APIEndpointTests.finance, as: "tina", at: 0)
    let fiona = try open(harness, as: "fiona", at: 1).stream
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "fiona", at: 2)
    _ = harness.send("POST", "/api/v1/presence", #"{"state": "not_ready", "reason": "break"}"#, as: "fiona", at: 2)
    let text = next(fiona, at: 3)
    #expect(
      events(text) == [
        "presence.changed", "offer.created", "offer.created", "presence.changed", "offer.withdrawn", "offer.withdrawn",
      ])
    #expect(text.split(separator: "\n").first { $0.hasPrefix("data: ") }?.contains(#""state":"ready""#) == true)
    #expect(try harness.store.at(3).offers(to: "fiona").isEmpty)
  }

  /// A user's event ids count their own events only: another user's events in between leave
  /// no gap (audit35 L10: one counter numbered everyone's, and its gaps told how busy the
  /// server was).
  @Test(arguments: RepositoryKind.allCases) func aUsersEventIDsCountTheirOwnEventsOnly(_ kind: RepositoryKind) throws {
    let harness = try Harness(kind: kind, users: APIEndpointTests.users)
    let gary = try open(harness, as: "gary", at: 0).stream
    let fiona = try open(harness, as: "fiona", at: 0).stream
    var garyIDs: [String] = []
    for second in 1...3 {
      _ = harness.send("POST", "/api/v1/presence", #"{"state": "ready"}"#, as: "fiona", at: second)
      _ = harness.send("POST", "/api/v1/presence", #"{"state": "not_ready", "reason": "break"}"#, as: "fiona", at: second)
      _ = next(fiona, at: second)
      _ = harness.send("POST", "/api/v1/presence", second.isMultiple(of: 2) ? #"{"state": "logged_off"}"# : #"{"state": "ready"}"#, as: "gary", at: second)
      garyIDs += ids(next(gary, at: second))
    }
    #expect(garyIDs.count == 3)
    #expect(garyIDs.map { $0.split(separator: "-").last.map(String.init) } == ["1", "2", "3"])
  }

  @Test func theStreamNeedsAUserWhoMayHaveOffers() throws {
    let harness = try Harness(users: APIEndpointTests.users + ["nobody"])
    #expect(harness.send("GET", "/api/v1/events").status == 401)
    #expect(harness.send("GET", "/api/v1/events", as: "nobody").status == 403)
  }
}
