import DCMCCalendar
import DCMCJSON
import DCMCRuntime
import Foundation
import Testing
import _DCMCTestSupport

/// The pure presence decision (SPEC section 15): the states a user chooses, the reasons they
/// may give, who may set whose presence, and the state a history leaves.
@Suite struct PresenceDecisionTests {
  static let definitions = try! RuntimeDefinitions(
    bundle: ReferenceBundle.compiled.bundle, zone: TimeZoneDatabase.rules(named:))
  static let decision = PresenceDecision(definitions: definitions)
  static let monday = Timestamp("2026-03-02T09:00:00+01:00")!.instant

  static func set(
    _ state: PresenceState, _ choice: PresenceStatus.Choice, reason: String? = nil, by actor: String? = nil,
    after seconds: Int = 0
  ) throws(PresenceRefusal) -> PresenceState {
    var state = state
    for event in try decision.set(
      state, to: choice, reason: reason, by: actor ?? state.user, at: monday.adding(seconds: seconds))
    {
      state.evolve(event)
    }
    return state
  }

  @Test func aUserStartsLoggedOffAndEachChangeIsAnEventOfThem() throws {
    let fiona = PresenceState(user: "fiona")
    #expect(fiona.status == .loggedOff && fiona.since == nil && fiona.version == 0)
    let events = try Self.decision.set(fiona, to: .notReady, reason: "break", by: "fiona", at: Self.monday)
    #expect(
      events == [PresenceEvent(seq: 1, at: Self.monday, by: "fiona", user: "fiona", status: .notReady(reason: "break"))]
    )
  }

  @Test func readySinceIsWhenTheUserLastBecameReady() throws {
    var fiona = try Self.set(PresenceState(user: "fiona"), .ready)
    #expect(fiona.readySince == Self.monday && fiona.since == Self.monday)
    // Saying ready again changes nothing: no event, the user keeps their place.
    #expect(
      try Self.decision.set(fiona, to: .ready, reason: nil, by: "fiona", at: Self.monday.adding(seconds: 60)).isEmpty)
    fiona = try Self.set(fiona, .notReady, reason: "break", after: 120)
    #expect(fiona.readySince == Self.monday && fiona.since == Self.monday.adding(seconds: 120))
    fiona = try Self.set(fiona, .ready, after: 600)
    #expect(fiona.readySince == Self.monday.adding(seconds: 600) && fiona.version == 3)
    fiona = try Self.set(fiona, .notReady, reason: "training", after: 700)
    #expect(fiona.status == .notReady(reason: "training") && fiona.version == 4)
  }

  @Test(arguments: [
    (
      PresenceStatus.Choice.notReady, String?("lunch"),
      PresenceRefusal.unknownReason("lunch", valid: ["break", "training", "coaching"])
    ),
    (.notReady, "RONA", .reasonNotChosen("RONA")),
    (.notReady, nil, .reasonMissing(valid: ["break", "training", "coaching"])),
    (.ready, "break", .reasonNotTaken(state: "ready")),
    (.loggedOff, "break", .reasonNotTaken(state: "logged_off")),
  ])
  func aReasonIsOneOfTheDeclaredOnesAndOnlyForNotReady(
    choice: PresenceStatus.Choice, reason: String?, refusal: PresenceRefusal
  ) {
    #expect(throws: refusal) { try Self.set(PresenceState(user: "gary"), choice, reason: reason) }
  }

  @Test func withoutDeclaredReasonsNotReadyTakesNone() throws {
    let bare = ReferenceBundle.variant { name, text in name == "presence.yaml" ? nil : text }
    let decision = PresenceDecision(
      definitions: try RuntimeDefinitions(bundle: bare.bundle, zone: TimeZoneDatabase.rules(named:)))
    let events = try decision.set(PresenceState(user: "gary"), to: .notReady, reason: nil, by: "gary", at: Self.monday)
    #expect(events.map(\.status) == [.notReady(reason: nil)])
    #expect(throws: PresenceRefusal.unknownReason("break", valid: [])) {
      try decision.set(PresenceState(user: "gary"), to: .notReady, reason: "break", by: "gary", at: Self.monday)
    }
  }

  @Test func aSupervisorSetsTheirMembersPresenceAndNoOneElses() throws {
    let gary = try Self.set(PresenceState(user: "gary"), .ready, by: "tina")
    #expect(gary.status == .ready)
    #expect(throws: PresenceRefusal.notSupervised(user: "gary", by: "sam")) {
      try Self.set(PresenceState(user: "gary"), .ready, by: "sam")
    }
    #expect(throws: PresenceRefusal.notSupervised(user: "gary", by: "fiona")) {
      try Self.set(PresenceState(user: "gary"), .ready, by: "fiona")
    }
    #expect(throws: PresenceRefusal.unknownUser("nobody")) {
      try Self.set(PresenceState(user: "nobody"), .ready, by: "tina")
    }
  }

  @Test func aReplayedHistoryIsTheStateItsEventsLeft() throws {
    let events = [
      PresenceEvent(seq: 1, at: Self.monday, by: "gary", user: "gary", status: .ready),
      PresenceEvent(
        seq: 2, at: Self.monday.adding(seconds: 300), by: nil, user: "gary",
        status: .wrapUp(until: Self.monday.adding(seconds: 420))),
    ]
    let gary = try #require(PresenceState.replay(events))
    #expect(
      gary.status.until == Self.monday.adding(seconds: 420) && gary.readySince == Self.monday && gary.version == 2)
    #expect(PresenceState.replay([]) == nil)
    var other = events[1]
    other.user = "fiona"
    #expect(PresenceState.replay([events[0], other]) == nil)
  }

  @Test func eventsKeepTheirShapeThroughTheirRecords() throws {
    let events = [
      PresenceEvent(seq: 1, at: Self.monday, by: "gary", user: "gary", status: .ready),
      PresenceEvent(seq: 2, at: Self.monday, by: "tina", user: "gary", status: .notReady(reason: "break")),
      PresenceEvent(
        seq: 3, at: Self.monday, by: nil, user: "gary", status: .wrapUp(until: Self.monday.adding(seconds: 120))),
      PresenceEvent(seq: 4, at: Self.monday, by: "gary", user: "gary", status: .loggedOff),
    ]
    for event in events {
      #expect(try PresenceEvent(json: JSONValue.parse(event.json.compact(), limits: .store)) == event)
    }
    #expect(
      String(decoding: events[1].json.compact(), as: UTF8.self)
        == #"{"at":"2026-03-02T08:00:00Z","by":"tina","reason":"break","seq":2,"state":"not_ready","type":"presence.changed","until":null,"user":"gary"}"#
    )
  }

  @Test(arguments: [
    #"{"at":"2026-03-02T08:00:00Z","by":null,"reason":null,"seq":1,"state":"away","type":"presence.changed","until":null,"user":"gary"}"#,
    #"{"at":"2026-03-02T08:00:00Z","by":null,"reason":"break","seq":1,"state":"ready","type":"presence.changed","until":null,"user":"gary"}"#,
    #"{"at":"2026-03-02T08:00:00Z","by":null,"reason":null,"seq":1,"state":"wrap_up","type":"presence.changed","until":null,"user":"gary"}"#,
    #"{"at":"2026-03-02T08:00:00Z","by":null,"reason":null,"seq":1,"state":"ready","type":"customer.added","until":null,"user":"gary"}"#,
  ])
  func aMalformedRecordIsRefused(record: String) {
    #expect(throws: JSONShapeError.self) {
      try PresenceEvent(json: JSONValue.parse(Array(record.utf8), limits: .store))
    }
  }
}

extension PresenceDecisionTests {
  @Test func theExamplesInTheDocsAreWhatTheRuntimeWrites() throws {
    let docs = try String(
      contentsOf: BinaryRunner.repositoryRoot.appendingPathComponent("docs/store.md"), encoding: .utf8)
    let start = try #require(docs.range(of: "\n## Presence events\n"))
    let end = docs.range(of: "\n## ", range: start.upperBound..<docs.endIndex)?.lowerBound ?? docs.endIndex
    let section = docs[start.upperBound..<end]
    let block = try #require(section.components(separatedBy: "```json\n").dropFirst().first)
    let lines = block[..<(block.range(of: "\n```")?.lowerBound ?? block.endIndex)].split(separator: "\n")
    var events: [PresenceEvent] = []
    for line in lines {
      let event = try PresenceEvent(json: JSONValue.parse(Array(line.utf8), limits: .store))
      #expect(String(decoding: event.json.compact(), as: UTF8.self) == String(line))
      events.append(event)
    }
    #expect(section.contains("\n| `\(PresenceEvent.type)` |"))
    let gary = try #require(PresenceState.replay(events))
    #expect(gary.status == .loggedOff && gary.version == 4)
    #expect(gary.readySince == Timestamp("2026-03-02T10:45:00Z")?.instant)
  }
}
