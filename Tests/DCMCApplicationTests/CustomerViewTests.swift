import DCMCApplication
import DCMCJSON
import Foundation
import Testing
import _DCMCTestSupport

/// The JSON of a customer (`--json` of the customer commands) is what docs/customers.md shows.
@Suite struct CustomerViewTests {
  @Test func theJSONInTheDocsIsWhatTheViewWrites() throws {
    let store = try RepositoryKind.memory.make()
    let customers = try #require(store.customers)
    let jane = try customers.add(
      name: "Jane Doe", email: "Jane.Doe@example.com", phone: "02 555 12 34", fields: ["Segment": "gold"],
      request: nil, by: "alice")
    let updated = try store.customersAt(3600).update(
      jane.id, name: nil, email: nil, phone: nil, fields: ["Language": "fr"], by: "bob")
    let docs = try String(
      contentsOf: BinaryRunner.repositoryRoot.appendingPathComponent("docs/customers.md"), encoding: .utf8)
    let section = try #require(docs.range(of: "\n## JSON\n"))
    let start = try #require(docs.range(of: "```json\n", range: section.upperBound..<docs.endIndex))
    let end = try #require(docs.range(of: "\n```", range: start.upperBound..<docs.endIndex))
    #expect(CustomerView(updated).json.prettyText() == docs[start.upperBound..<end.lowerBound] + "\n")
  }
}
