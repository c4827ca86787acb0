import DCMCApplication
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// Issue 15: the numbering files (`sequences/<case type>.json`, `customers/sequence.json`) are
/// checked against the numbers the histories' ids were made with: `store verify` names a file
/// behind them (no damage, as a crash leaves it; an unreadable one is), `store rebuild` rewrites it, and the next create takes the next number at its
/// first try. A file ahead is no damage.
@Suite struct SequenceFileTests {
  static let technical = "sequences/technical.json"
  static let behind = ", behind the histories: case type 'technical' numbered up to 2"

  @Test("a case type's numbering file lost, behind or unreadable is found, and rebuild rewrites it from the case ids")
  func caseSequences() throws {
    let store = try StoreVerifyTests.Store()
    defer { store.fixture.remove() }
    // Lost or behind, as a crash between an append and its refresh leaves it: no damage.
    try store.remove(Self.technical)
    #expect(try store.problems() == [])
    #expect(try store.behind() == ["\(Self.technical) is missing\(Self.behind)"])
    try store.write("{\"last\":\"1\"}\n", to: Self.technical)
    #expect(try store.problems() == [])
    #expect(try store.behind() == ["\(Self.technical) records 1\(Self.behind)"])
    // Unreadable: it is replaced whole, so no crash leaves that.
    try store.write("{\"last\":", to: Self.technical)
    #expect(try store.problems() == ["\(Self.technical) is not {\"last\": N}\(Self.behind)"])
    #expect(try store.behind() == [])
    #expect(try store.runtime.rebuild().repaired == ["\(Self.technical) (last 2, was unreadable)"])
    #expect(try store.problems() == [])
    #expect(try store.runtime.repository.lastSequence(of: "technical") == 2)
    // Numbers skipped are never given twice: a file ahead stays.
    try store.write("{\"last\":\"9\"}\n", to: Self.technical)
    #expect(try store.problems() == [])
    #expect(try store.runtime.rebuild().repaired == [])
    #expect(try store.runtime.repository.lastSequence(of: "technical") == 9)
  }

  @Test("the customers' numbering file lost or behind is found, and rebuild rewrites it from the record ids")
  func customerSequence() throws {
    let store = try CustomerStoreVerifyTests.Store()
    defer { store.directory.remove() }
    let path = "customers/sequence.json"
    try store.remove(path)
    #expect(try store.problems() == [])
    #expect(try store.behind() == ["\(path) is missing, behind the histories: customers numbered up to 3"])
    try store.write("{\"last\":\"2\"}\n", to: path)
    #expect(try store.behind() == ["\(path) records 2, behind the histories: customers numbered up to 3"])
    try store.rebuildRepairs(["\(path) (last 3, was 2)"])
    #expect(try store.runtime.repository.lastCustomerSequence() == 3)
    let added = try store.customers().add(
      name: "Ann", email: nil, phone: nil, fields: [:], request: nil, by: "alice")
    #expect(added.id == "CUS-000004")
  }
}
