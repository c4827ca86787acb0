import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// A case type as typed, a bundle hash as a store file holds it, or a target as a bundle
/// names it, becomes part of a file name only when it can be one: anything else is refused,
/// never trapped on, never joined into a path.
struct HostileNameTests {
  static let now = Instant(secondsSinceEpoch: 1_772_442_000)

  @Test(arguments: ["!!!", "", String(repeating: "a", count: 200)])
  func aCaseTypeThatCannotNameAFileIsAnUnknownCaseType(type: String) throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let error = try #require(throws: ServiceError.self) {
      try fixture.store().create(type: type, fields: [:], requestID: nil, by: "alice", at: Self.now)
    }
    #expect("\(error)".hasPrefix("unknown case type '"))
    #expect(try fixture.store().cases().isEmpty)
  }

  @Test(arguments: ["sha256:", "sha256:not-hex", "sha256:" + String(repeating: "0", count: 200)])
  func aDeploymentNamingNoBundleFileIsRefused(hash: String) throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    try Data(#"{"bundle":"\#(hash)"}"#.utf8).write(to: URL(fileURLWithPath: fixture.root + "/deployment.json"))
    let error = try #require(throws: ServiceError.self) {
      try fixture.store().create(
        type: "technical", fields: technicalForm("r1"), requestID: nil, by: "alice", at: Self.now)
    }
    #expect("\(error)".contains("it is not in the store"))
  }

  /// A new case, and the event that moves its first task to workbin `../../EVIL` (a target a
  /// forged bundle could name).
  static func caseAndMoveOutside(_ store: FileRuntime) throws -> (created: CaseState, move: CaseEvent) {
    let created = try store.create(
      type: "technical", fields: technicalForm("r1"), requestID: nil, by: "alice", at: now)
    let move = CaseEvent(
      seq: created.version + 1, at: now, by: "sam", change: .taskReassigned(task: 1, target: "../../EVIL"))
    return (created, move)
  }

  /// The move given through the repository's port: the index refuses the name before any
  /// file is made.
  @Test func aTargetThatCannotNameAFileIsRefusedBeforeAnythingIsWritten() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let (created, move) = try Self.caseAndMoveOutside(store)
    var moved = created
    moved.evolve(move)
    let before = try fixture.tree()
    let error = try #require(throws: RepositoryError.self) {
      try store.repository.append([CaseChangeSet(before: created, events: [move], after: moved)], tick: nil)
    }
    #expect("\(error)" == "invalid id '../../EVIL': starts with '.'")
    #expect(try fixture.tree() == before)
    #expect(!FileManager.default.fileExists(atPath: fixture.directory.url.appendingPathComponent("EVIL").path))
  }

  /// The move written into the case's history past the repository: verify names the case.
  @Test func verifyReportsACaseWhoseTargetCannotNameAFile() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let (created, move) = try Self.caseAndMoveOutside(store)
    try store.store.write { transaction throws(StoreError) in
      _ = try transaction.append([move.json(caseID: created.id).compact()], to: StoreID(created.id))
    }
    let problems = try store.verify().problems
    #expect(
      problems.contains("case '\(created.id)': its tasks cannot be indexed: invalid id '../../EVIL': starts with '.'"))
  }
}
