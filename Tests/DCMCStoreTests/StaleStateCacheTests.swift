import DCMCApplication
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// A command first decides on the state cache without reading the log; a cache that a crash
/// left behind its history makes the append conflict, and the command is decided again on the
/// history: nothing is decided twice on an old state.
@Suite struct StaleStateCacheTests {
  @Test func aCommandOnAStaleStateCacheIsDecidedAgainOnTheHistory() throws {
    let store = try RepositoryKind.files.make()
    defer { store.remove() }
    let created = try store.technical()
    let state = try #require(store.repository as? FileCaseRepository).store.root + "/states/\(created.id).json"
    let stale = try Data(contentsOf: URL(fileURLWithPath: state))
    let claimed = try store.at(60).execute(.claim(task: created.id + ".1"), onCase: created.id, by: "alice")
    // As after a crash between the claim's append and its state file.
    try stale.write(to: URL(fileURLWithPath: state))
    #expect(try store.repository.loadForUpdate(created.id)?.version == created.version)
    #expect(try store.repository.load(created.id) == claimed)
    // On the stale cache the task is queued and bob's claim would be taken; on the history it is alice's.
    #expect(throws: ServiceError.self) {
      try store.at(120).execute(.claim(task: created.id + ".1"), onCase: created.id, by: "bob")
    }
    let released = try store.at(180).execute(.release(task: created.id + ".1"), onCase: created.id, by: "alice")
    #expect(released.version > claimed.version)
    let history = try #require(try store.repository.history(of: created.id))
    #expect(CaseState.replay(history) == released)
  }
}
