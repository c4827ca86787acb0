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
      type: "technical", fields: technicalForm("r1"), customer: nil, requestID: "r1", by: "alice", at: Self.now)
    try FileManager.default.removeItem(atPath: fixture.root + "/states/TEC-000001.json")
    #expect(try store.cases() == [created])
    #expect(try store.verify().problems == ["case 'TEC-000001': states/TEC-000001.json is missing or unreadable"])
  }
}
