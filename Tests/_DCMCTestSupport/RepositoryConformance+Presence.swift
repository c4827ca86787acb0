public import DCMCApplication
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
    #expect(try repository.presences().isEmpty)
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
    _ = try store.presenceAt(120).set(.ready, reason: nil, by: "alice")
    #expect(try repository.presences().map(\.user) == ["alice", "gary"])
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
