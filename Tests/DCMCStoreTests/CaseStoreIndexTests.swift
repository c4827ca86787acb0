import DCMCApplication
import DCMCBundle
import DCMCCalendar
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// The timer and workbin indexes of the runtime's store: what tick and task next read, and
/// how verify and rebuild deal with damage.
@Suite struct CaseStoreIndexTests {
  let directory: TemporaryDirectory
  let store: FileRuntime

  init() throws {
    directory = try TemporaryDirectory()
    store = try FileRuntime.openOrCreate(
      at: directory.url.appendingPathComponent("store").path)
    let (bundle, bytes) = CaseStoreFixture.compiled
    _ = try store.deploy(bundle, bytes: bytes)
  }

  func at(_ text: String) -> Instant { Timestamp(text)!.instant }

  func create(at time: String) throws -> CaseState {
    try store.create(type: "technical", fields: technicalForm("index"), requestID: nil, by: "alice", at: at(time))
  }

  @Test func tickFiresOnlyTheCasesWhoseTimersAreDue() throws {
    defer { directory.remove() }
    let early = try create(at: "2026-03-02T09:00:00+01:00")  // OLA warning Tuesday 10:00
    let late = try create(at: "2026-03-02T15:00:00+01:00")  // OLA warning Tuesday 16:00
    let changed = try store.tick(by: nil, at: at("2026-03-03T10:30:00+01:00"))
    #expect(changed.map(\.id) == [early.id])
    #expect(try store.readCase(StoreID(late.id)) == late)
    #expect(try store.tick(by: nil, at: at("2026-03-03T10:31:00+01:00")).isEmpty)
    #expect(try store.verify().problems.isEmpty)
  }

  @Test func theWorkbinIndexHoldsTheActiveTasksOfEachTarget() throws {
    defer { directory.remove() }
    let state = try create(at: "2026-03-02T09:00:00+01:00")
    #expect(try store.repository.activeTasks(in: ["employees_group"]).tasks.map(\.task.id) == ["\(state.id).1"])
    #expect(try store.repository.activeTasks(in: ["expert_group_x"]).tasks.isEmpty)
    _ = try store.execute(.escalate(task: "\(state.id).1"), onCase: state.id, by: "alice", at: at("2026-03-02T10:00:00+01:00"))
    #expect(try store.repository.activeTasks(in: ["employees_group"]).tasks.isEmpty)
    #expect(try store.repository.activeTasks(in: ["expert_group_x"]).tasks.map(\.task.definition) == ["expert_review"])
  }

  @Test func aLostTimerEntryIsReportedAndRebuiltFromTheHistories() throws {
    defer { directory.remove() }
    let state = try create(at: "2026-03-02T09:00:00+01:00")
    let entry = store.store.root + "/timers/20260303/0900/" + state.id  // Tuesday 10:00 in Brussels
    #expect(FileManager.default.fileExists(atPath: entry))
    try FileManager.default.removeItem(atPath: entry)
    let problems = try store.verify().problems
    #expect(problems.count == 1)
    #expect(problems.first?.contains("the timer index has no entry") == true)
    let report = try store.rebuild()
    #expect(report.cases == 1)
    #expect(report.repaired == ["timers/20260303/0900/\(state.id)"])
    #expect(try store.verify().problems.isEmpty)
    #expect(try store.tick(by: nil, at: at("2026-03-03T10:00:00+01:00")).count == 1)
  }

  @Test func aStaleTimerEntryIsDroppedWithoutFiringAnything() throws {
    defer { directory.remove() }
    let state = try create(at: "2026-03-02T09:00:00+01:00")
    let stale = store.store.root + "/timers/20260302/1000"
    try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
    #expect(FileManager.default.createFile(atPath: stale + "/" + state.id, contents: nil))
    #expect(try store.tick(by: nil, at: at("2026-03-02T11:30:00+01:00")).isEmpty)
    #expect(!FileManager.default.fileExists(atPath: stale + "/" + state.id))
    #expect(try store.readCase(StoreID(state.id)) == state)
  }
}
