import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCRuntime
import DCMCStore
import Foundation
import Testing

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

  /// A case whose task sits in workbin `../../EVIL` (a target a forged bundle could name),
  /// through the repository's port: the index refuses the name before any file is made.
  @Test func aTargetThatCannotNameAFileIsRefusedBeforeAnythingIsWritten() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let created = try store.create(
      type: "technical", fields: technicalForm("r1"), requestID: nil, by: "alice", at: Self.now)
    var moved = created
    moved.tasks[0].target = "../../EVIL"
    moved.version += 1
    let event = CaseEvent(
      seq: moved.version, at: Self.now, by: "sam", change: .taskReassigned(task: 1, target: "../../EVIL"))
    let before = try fixture.tree()
    let error = try #require(throws: RepositoryError.self) {
      try store.repository.append([CaseChangeSet(before: created, events: [event], after: moved)], tick: nil)
    }
    #expect("\(error)" == "invalid id '../../EVIL': starts with '.'")
    #expect(try fixture.tree() == before)
    #expect(!FileManager.default.fileExists(atPath: fixture.directory.url.appendingPathComponent("EVIL").path))
  }

  /// The same case, its history written past the repository: verify names it.
  @Test func verifyReportsACaseWhoseTargetCannotNameAFile() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let created = try store.create(
      type: "technical", fields: technicalForm("r1"), requestID: nil, by: "alice", at: Self.now)
    let event = CaseEvent(
      seq: created.version + 1, at: Self.now, by: "sam", change: .taskReassigned(task: 1, target: "../../EVIL"))
    try store.store.write { transaction throws(StoreError) in
      _ = try transaction.append([event.json(caseID: created.id).compact()], to: StoreID(created.id))
    }
    let problems = try store.verify().problems
    #expect(
      problems.contains("case '\(created.id)': its tasks cannot be indexed: invalid id '../../EVIL': starts with '.'"))
  }
}
