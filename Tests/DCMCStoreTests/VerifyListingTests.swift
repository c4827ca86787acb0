import DCMCCalendar
import DCMCFiles
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// `store verify` checks each case's index entries by looking each one up, not by listing the
/// directory it is in: with the listing, a workbin (or a customer) with N entries cost N
/// listings of N names, and a store of 11,000 cases of one customer took minutes to verify.
struct VerifyListingTests {
  @Test func verifyListsAWorkbinOnceHoweverManyTasksItHolds() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let start = Instant(secondsSinceEpoch: 1_772_442_000)  // 2026-03-02T09:00:00Z
    for number in 1...12 {
      _ = try store.create(
        type: "technical", fields: technicalForm("r\(number)"), requestID: nil, by: "alice", at: start)
    }
    let log = CallLog(root: fixture.root, kinds: [.list])
    let verified = try fixture.store(log).verify()
    #expect(verified.problems.isEmpty && verified.cases == 12)
    let workbins = Dictionary(grouping: log.calls().filter { $0.hasPrefix("list workbins/") }, by: { $0 })
    #expect(!workbins.isEmpty)
    for (directory, listings) in workbins { #expect(listings.count <= 2, "\(directory) listed \(listings.count) times") }
  }
}
