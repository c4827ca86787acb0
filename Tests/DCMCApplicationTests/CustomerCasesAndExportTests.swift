import DCMCApplication
import DCMCJSON
import DCMCRuntime
import Foundation
import Testing
import _DCMCTestSupport

/// `CaseService.customerCases` and `export` (SPEC section 14): the cases of a record and of the
/// records merged into it, newest first for the customer; everything held about the record for
/// an access request; who may ask; and the export's JSON as docs/customers.md shows it.
@Suite struct CustomerCasesAndExportTests {
  static func technical(_ store: RepositoryUnderTest, _ seconds: Int, email: String, customer: String? = nil)
    throws -> CaseState
  {
    try store.at(seconds).create(
      type: "technical",
      fields: [
        "Customer_Name": "Jane Doe", "Customer_Email": email, "Product": "internet", "Problem_Description": "no signal",
      ], request: nil, customer: customer, by: "alice")
  }

  /// Jane (CUS-000001, from her first case's email) with two cases, and a duplicate record
  /// (CUS-000002, from another email) with one case, merged into Jane's.
  static func janeWithAMergedDuplicate() throws -> RepositoryUnderTest {
    let store = try RepositoryKind.memory.make()
    _ = try technical(store, 0, email: "jane@example.com")
    _ = try technical(store, 60, email: "jane.doe@work.example")
    _ = try technical(store, 120, email: "jane@example.com")
    _ = try store.customersAt(180).merge(keep: "CUS-000001", duplicate: "CUS-000002", by: "sam")
    return store
  }

  @Test func aCustomersCasesAreThoseOfTheRecordAndOfTheRecordsMergedIntoItNewestFirst() throws {
    let store = try Self.janeWithAMergedDuplicate()
    // Every case: a page with no limit.
    func all(_ customer: String) throws -> [CustomerCaseView] {
      try store.at(240).customerCases(customer, by: "bob", from: .newest, limit: .max).views
    }
    let views = try all("CUS-000001")
    #expect(views.map(\.id) == ["TEC-000003", "TEC-000002", "TEC-000001"])
    // The duplicate's id stands for the kept record.
    #expect(try all("CUS-000002").map(\.id) == views.map(\.id))
    #expect(views.allSatisfy { $0.caseType == "Technical" })
  }

  /// A page past the end answers what was asked, no case, and leads back by its cursor (a
  /// cursor past the oldest case gave the last page, which the API then filtered away and the
  /// status page showed as if it were older).
  @Test func aCursorPastTheOldestOrTheNewestCaseGivesAnEmptyPageThatLeadsBack() throws {
    let service = try Self.janeWithAMergedDuplicate().at(240)
    func page(_ start: CustomerCasePage.Start) throws -> CustomerCasePage {
      try service.customerCases("CUS-000001", by: "bob", from: start, limit: 2)
    }
    let positions = try ["TEC-000003", "TEC-000002", "TEC-000001"].map { CasePosition(try service.load($0)) }
    let top = try page(.newest)
    #expect(top.views.map(\.id) == ["TEC-000003", "TEC-000002"] && top.newer == nil && top.older == positions[1])
    let next = try page(.olderThan(positions[1]))
    #expect(next.views.map(\.id) == ["TEC-000001"] && next.first == 2 && next.newer == positions[2] && next.older == nil)
    let past = CasePosition(createdAt: RepositoryUnderTest.monday, id: "A")
    let beyond = try page(.olderThan(past))
    #expect(beyond.views.isEmpty && beyond.first == 3 && beyond.total == 3 && beyond.newer == past && beyond.older == nil)
    let last = try page(.newerThan(past))
    #expect(last.views.map(\.id) == ["TEC-000002", "TEC-000001"] && last.first == 1 && last.older == nil)
    let ahead = CasePosition(createdAt: RepositoryUnderTest.monday.adding(seconds: 86_400), id: "A")
    let before = try page(.newerThan(ahead))
    #expect(before.views.isEmpty && before.first == 0 && before.total == 3 && before.newer == nil && before.older == ahead)
    #expect(try page(.olderThan(ahead)) == top)
  }

  @Test func anUnknownRecordOrUserIsRefused() throws {
    let store = try Self.janeWithAMergedDuplicate()
    let service = store.at(240)
    #expect(
      CustomerServiceTests.refusal { try service.customerCases("CUS-000099", by: "bob", from: .newest, limit: .max) }
        == .noSuchCustomer("CUS-000099"))
    #expect(CustomerServiceTests.refusal { try service.export(customer: "CUS-000099", by: "bob") } == .noSuchCustomer("CUS-000099"))
    #expect(
      CustomerServiceTests.refusal { try service.customerCases("CUS-000001", by: nil, from: .newest, limit: .max) }
        == .noActingUser)
    #expect(CustomerServiceTests.refusal { try service.export(customer: "CUS-000001", by: "mallory") } == .unknownUser("mallory"))
  }

  @Test func theExportHoldsTheRecordTheMergedRecordsEveryCaseAndEveryNotificationWithItsTimes() throws {
    let store = try Self.janeWithAMergedDuplicate()
    try store.at(300).acknowledge(notification: "TEC-000002/n1", by: "sam")
    let export = try store.at(600).export(customer: "CUS-000002", by: "bob")
    #expect(export.record.customer.id == "CUS-000001")
    #expect(export.record.history.map(\.seq) == [1])
    #expect(export.merged.map(\.customer.id) == ["CUS-000002"])
    #expect(export.merged.first?.customer.mergedInto == "CUS-000001")
    #expect(export.merged.first?.history.count == 2)
    #expect(export.cases.map(\.view.id) == ["TEC-000001", "TEC-000002", "TEC-000003"])
    #expect(export.cases.map(\.customerView.status) == Array(repeating: "We are working on it", count: 3))
    #expect(export.cases.allSatisfy { $0.history.last?.seq == $0.history.count && !$0.history.isEmpty })
    #expect(export.notifications.map(\.notification.id) == ["TEC-000001/n1", "TEC-000002/n1", "TEC-000003/n1"])
    let monday = RepositoryUnderTest.monday
    #expect(export.notifications.map(\.queuedAt) == [monday, monday.adding(seconds: 60), monday.adding(seconds: 120)])
    #expect(export.notifications.map(\.deliveredAt) == [nil, monday.adding(seconds: 300), nil])
    #expect(export.notifications.map(\.notification.delivered) == [false, true, false])
    #expect(export.exportedAt == monday.adding(seconds: 600))
    #expect(export.exportedBy == "bob")
  }

  @Test func theExportListsMergedRecordsWithoutCasesThroughTheMergesIndex() throws {
    let store = try RepositoryKind.memory.make()
    _ = try Self.technical(store, 0, email: "jane@example.com")
    _ = try Self.technical(store, 60, email: "jane.doe@work.example")
    _ = try store.customersAt(90).add(
      name: "J. Doe", email: nil, phone: "+32 470 12 34 56", fields: [:], request: nil, by: "bob")
    _ = try store.at(120).mergeCustomers(keep: "CUS-000002", duplicate: "CUS-000003", by: "sam")
    _ = try store.at(180).mergeCustomers(keep: "CUS-000001", duplicate: "CUS-000002", by: "sam")
    _ = try store.customersAt(200).add(
      name: "Jane D.", email: nil, phone: "+32 470 65 43 21", fields: [:], request: nil, by: "bob")
    _ = try store.at(240).mergeCustomers(keep: "CUS-000001", duplicate: "CUS-000004", by: "sam")
    let export = try store.at(300).export(customer: "CUS-000001", by: "bob")
    #expect(export.merged.map(\.customer.id) == ["CUS-000002", "CUS-000003", "CUS-000004"])
    #expect(export.merged.map(\.customer.mergedInto) == ["CUS-000001", "CUS-000002", "CUS-000001"])
    // The merge moved the duplicate's case.
    #expect(export.cases.map(\.view.customer) == ["CUS-000001", "CUS-000001"])
  }

  @Test func theExportsJSONInTheDocsIsWhatTheExportWrites() throws {
    let store = try RepositoryKind.memory.make()
    let created = try Self.technical(store, 0, email: "jane@example.com")
    try store.at(300).acknowledge(notification: "TEC-000001/n1", by: "sam")
    let export = try store.at(10_800).export(customer: "CUS-000001", by: "alice")
    let docs = try String(
      contentsOf: BinaryRunner.repositoryRoot.appendingPathComponent("docs/customers.md"), encoding: .utf8)
    let section = try #require(docs.range(of: "\n### The export's JSON\n"))
    let start = try #require(docs.range(of: "```json\n", range: section.upperBound..<docs.endIndex))
    let end = try #require(docs.range(of: "\n```", range: start.upperBound..<docs.endIndex))
    // The bundle's hash changes with every change to the reference definitions.
    let written = export.json.prettyText().replacingOccurrences(of: created.bundle, with: "sha256:…")
    #expect(written == docs[start.upperBound..<end.lowerBound] + "\n")
  }
}
