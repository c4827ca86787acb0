import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCStore
import Foundation
import Testing

/// Derived files are caches of the histories: one that is missing or behind misleads no one.
struct CaseStoreDerivedFileTests {
  static let now = Instant(secondsSinceEpoch: 1_772_442_000)

  /// A crash between a create's append and the replace of its state leaves no state file.
  @Test func aCaseWhoseStateFileIsMissingIsStillListedFromItsHistory() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let created = try store.create(
      type: "technical", fields: technicalForm("r1"), requestID: "r1", by: "alice", at: Self.now)
    try FileManager.default.removeItem(atPath: fixture.root + "/states/TEC-000001.json")
    #expect(try store.cases() == [created])
    let verified = try store.verify()
    #expect(verified.problems == [])
    #expect(verified.behind == ["case 'TEC-000001': states/TEC-000001.json is missing, behind its history (event \(created.version))"])
  }
}

/// The state cache's own format: a torn or mixed cache is refused even when it parses.
@Suite struct StateCacheTests {
  @Test func aCacheWhoseStateWasChangedIsRefused() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let state = try store.create(
      type: "technical", fields: technicalForm("c1"), requestID: nil, by: "alice",
      at: CaseStoreDerivedFileTests.now)
    let bytes = try #require(FileManager.default.contents(atPath: fixture.root + "/states/\(state.id).json"))
    #expect(StateCache.decode(Array(bytes)) == state)
    let history = try #require(try store.store.history(of: StoreID(state.id)))
    #expect(Array(bytes) == StateCache.encode(state, history: HistoryChain(history.records)))
    // Valid JSON with another priority under the old checksum, as a mix of old and new
    // sectors could leave it: refused. So are a torn file and an empty one.
    let text = String(decoding: bytes, as: UTF8.self)
    let mixed = text.replacingOccurrences(of: "\"priority\":\(state.priority)", with: "\"priority\":\(state.priority + 1)")
    #expect(mixed != text)
    #expect(StateCache.decode(Array(mixed.utf8)) == nil)
    #expect(StateCache.decode(Array(bytes.dropLast(5))) == nil)
    #expect(StateCache.decode([]) == nil)
  }
}
