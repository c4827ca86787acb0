import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// A state cache behind its history is what a crash between an append and the cache's
/// rewrite leaves (docs/store.md, "After a crash"): `store verify` names it as behind, not as
/// damage, and `store rebuild` writes it again. A cache that is no state of its history's
/// prefixes, or another case's, stays damage.
@Suite struct StateCacheBehindTests {
  /// The store of `StoreVerifyTests` with its first case cancelled, and the first case's
  /// cache as the create left it.
  static func store() throws -> (store: StoreVerifyTests.Store, created: Data, path: String) {
    let store = try StoreVerifyTests.Store()
    let path = "states/\(store.first.id).json"
    let created = try Data(contentsOf: store.url(path))
    _ = try store.runtime.execute(.cancel, onCase: store.first.id, by: "sam", at: StoreVerifyTests.now.adding(seconds: 120))
    return (store, created, path)
  }

  @Test func aCacheOfAPrefixOfItsHistoryIsBehindNotDamaged() throws {
    let (store, created, path) = try Self.store()
    defer { store.fixture.remove() }
    let version = try #require(try store.runtime.repository.cases(CaseFilter()).cases.first).version
    let old = try #require(StateCache.decode(Array(created))).version
    #expect(old < version)
    try created.write(to: store.url(path))
    let verified = try store.runtime.verify()
    #expect(verified.problems == [])
    #expect(verified.behind == ["case '\(store.first.id)': \(path) (event \(old)) is behind its history (event \(version))"])
    #expect(try store.runtime.rebuild().repaired == [path])
    #expect(try store.runtime.verify().behind == [])
  }

  @Test func aMissingOrTornCacheIsBehindNotDamaged() throws {
    let (store, created, path) = try Self.store()
    defer { store.fixture.remove() }
    let version = try #require(try store.runtime.repository.cases(CaseFilter()).cases.first).version
    try store.remove(path)
    #expect(try store.problems() == [])
    #expect(try store.behind() == ["case '\(store.first.id)': \(path) is missing, behind its history (event \(version))"])
    // A rewrite in place cut short.
    try created.prefix(created.count / 2).write(to: store.url(path))
    #expect(try store.problems() == [])
    #expect(
      try store.behind() == [
        "case '\(store.first.id)': \(path) is torn (a rewrite cut short), behind its history (event \(version))"
      ])
    #expect(try store.runtime.rebuild().repaired == [path])
    #expect(try store.behind() == [])
  }

  @Test func aCacheNoPrefixOfItsHistoryGivesOrAnotherCasesIsDamage() throws {
    let (store, created, path) = try Self.store()
    defer { store.fixture.remove() }
    // The state after the create with another priority, under a valid checksum and chain.
    var edited = try #require(StateCache.decode(Array(created)))
    edited.priority += 1
    let history = try #require(try store.runtime.store.history(of: StoreID(store.first.id)))
    try Data(StateCache.encode(edited, history: HistoryChain(history.records.prefix(edited.version))))
      .write(to: store.url(path))
    let problems = try store.problems()
    #expect(
      problems.count == 1
        && problems.first?.hasPrefix("case '\(store.first.id)': \(path) (event \(edited.version)) differs") == true)
    #expect(try store.behind() == [])
    // The second case's cache under the first's name.
    try Data(contentsOf: store.url("states/\(store.second.id).json")).write(to: store.url(path))
    #expect(try store.problems() == ["case '\(store.first.id)': \(path) holds the state of case '\(store.second.id)'"])
  }
}
