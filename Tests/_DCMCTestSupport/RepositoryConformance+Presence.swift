import DCMCApplication
import DCMCRuntime
import Foundation
import Testing

/// The presence port's contract (`PresenceRepository`), run against every adapter.
extension RepositoryConformance {
  /// Appending at the version a user's presence was loaded at extends their history; an
  /// append decided on a version the history has left writes nothing and answers
  /// `.conflict`; the list holds every user with a history, by id.
  public static func presenceAppendsConflictsAndLists(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let repository = store.presenceRepository
    #expect(try repository.loadPresence("gary") == nil)
    #expect(try repository.presenceHistory(of: "gary") == nil)
    #expect(try repository.wrapUpsEnded(by: RepositoryUnderTest.monday).isEmpty)
    let ready = try store.presenceAt(0).set(.ready, reason: nil, by: "gary")
    let onBreak = try store.presenceAt(60).set(.notReady, reason: "break", user: "gary", by: "tina")
    #expect(try repository.loadPresence("gary") == onBreak)
    let history = try #require(try repository.presenceHistory(of: "gary"))
    #expect(history.map(\.seq) == [1, 2] && history.map(\.by) == ["gary", "tina"])
    #expect(PresenceState.replay(history) == onBreak)
    let decision = PresenceDecision(definitions: try store.service.definitions.deployed())
    let stale = try decision.set(
      ready, to: .loggedOff, reason: nil, by: "gary", at: onBreak.since ?? RepositoryUnderTest.monday)
    var after = ready
    for event in stale { after.evolve(event) }
    #expect(
      try repository.appendPresence(PresenceChangeSet(before: ready, events: stale, after: after))
        == .conflict(version: 2))
    #expect(try repository.loadPresence("gary") == onBreak)
  }

  /// The wrap-ups ended by an instant are those of the users in wrap-up whose end is at or
  /// before it, by user id; a user who left wrap-up (said ready, or ended it) is not among them.
  public static func wrapUpsEndedAreFoundByTheirEnd(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let repository = store.presenceRepository
    let monday = RepositoryUnderTest.monday
    func wrapUp(_ user: String, minutes: Int) throws -> PresenceState {
      let before = try store.presenceAt(0).set(.ready, reason: nil, by: user)
      let event = PresenceEvent(
        seq: before.version + 1, at: monday, by: nil, user: user,
        status: .wrapUp(until: monday.adding(seconds: 60 * minutes)))
      var after = before
      after.evolve(event)
      #expect(try repository.appendPresence(PresenceChangeSet(before: before, events: [event], after: after)) == .appended)
      return after
    }
    let gary = try wrapUp("gary", minutes: 2)
    let alice = try wrapUp("alice", minutes: 5)
    _ = try wrapUp("tina", minutes: 2)
    _ = try store.presenceAt(30).set(.ready, reason: nil, by: "tina")
    #expect(try repository.wrapUpsEnded(by: monday.adding(seconds: 119)).isEmpty)
    #expect(try repository.wrapUpsEnded(by: monday.adding(seconds: 120)) == [gary])
    #expect(try repository.wrapUpsEnded(by: monday.adding(seconds: 86_400)) == [alice, gary])
  }

  /// A batch of presence changes is applied per user, as a batch of case changes: a change
  /// decided on a version its user's history has left answers `.conflict` and writes nothing,
  /// a second change of one user in the batch too, and the others land; the ready users follow.
  public static func aPresenceBatchAppliesPerUser(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let repository = store.presenceRepository
    let decision = PresenceDecision(definitions: try store.service.definitions.deployed())
    let garyReady = try store.presenceAt(0).set(.ready, reason: nil, by: "gary")
    let garyAway = try store.presenceAt(30).set(.notReady, reason: "break", by: "gary")
    let aliceReady = try store.presenceAt(0).set(.ready, reason: nil, by: "alice")
    func change(_ before: PresenceState, _ choice: PresenceStatus.Choice, reason: String? = nil) throws
      -> PresenceChangeSet
    {
      let events = try decision.set(
        before, to: choice, reason: reason, by: before.user, at: RepositoryUnderTest.monday.adding(seconds: 60))
      var after = before
      for event in events { after.evolve(event) }
      return PresenceChangeSet(before: before, events: events, after: after)
    }
    let outcomes = try repository.appendPresence([
      try change(PresenceState(user: "tina"), .ready),
      try change(garyReady, .loggedOff),
      try change(aliceReady, .notReady, reason: "break"),
      try change(aliceReady, .loggedOff),
    ])
    #expect(outcomes == [.appended, .conflict(version: 2), .appended, .conflict(version: 2)])
    #expect(try repository.loadPresence("tina")?.status == .ready)
    #expect(try repository.loadPresence("gary") == garyAway)
    #expect(try repository.loadPresence("alice")?.status == .notReady(reason: "break"))
    #expect(try repository.presenceHistory(of: "alice")?.map(\.seq) == [1, 2])
    #expect(try repository.readyUsers().filter { try repository.loadPresence($0)?.status == .ready } == ["tina"])
    #expect(try repository.appendPresence([]).isEmpty)
  }

  /// Several writers setting one user's presence at once, each to another state: each change
  /// lands, numbered in the order it was appended, none lost.
  public static func concurrentPresenceChangesLoseNothing(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let reasons: [String?] = [nil, "break", "training", "coaching"]
    let failures = Results()
    DispatchQueue.concurrentPerform(iterations: reasons.count) { index in
      do {
        if let reason = reasons[index] {
          _ = try store.presenceAt(60).set(.notReady, reason: reason, user: "gary", by: "tina")
        } else {
          _ = try store.presenceAt(60).set(.ready, reason: nil, by: "gary")
        }
      } catch {
        failures.add("\(error)")
      }
    }
    #expect(failures.values.isEmpty)
    let history = try #require(try store.presenceRepository.presenceHistory(of: "gary"))
    #expect(history.map(\.seq) == [1, 2, 3, 4])
    #expect(Set(history.map(\.status.reason)) == Set(reasons))
    #expect(try store.presenceRepository.loadPresence("gary")?.status == history.last?.status)
  }
}
