import DCMCJSON
import DCMCRuntime
import Foundation
import Testing
import _DCMCTestSupport

/// The JSON of customer history records (`docs/store.md`, "Customer events"): each type with
/// and without its optional values reads back and writes its line again, and the examples in
/// the docs are what the runtime writes.
@Suite struct CustomerRecordJSONTests {
  static let lines: [String] = [
    #"{"at":"2026-03-02T08:00:00Z","by":"alice","customer":"CUS-000001","email":"Jane.Doe@example.com","fields":{"Age":42,"Segment":"gold","VIP":true},"name":"Jane \"JD\" Doe","phone":"+3225551234","request":"crm-1","request_digest":"sha256:00","seq":1,"type":"customer.added"}"#,
    #"{"at":"2026-03-02T08:00:00Z","by":null,"customer":"C-1","email":null,"fields":{},"name":"J","phone":null,"request":null,"request_digest":null,"seq":1,"type":"customer.added"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"bob","email":"jane@example.com","fields":{"Rate":2.5},"name":"Jane","phone":null,"seq":2,"type":"customer.updated"}"#,
    #"{"at":"2026-03-03T10:00:00Z","by":"sam","into":"CUS-000002","seq":3,"type":"customer.merged"}"#,
  ]

  static func event(_ line: Substring) throws -> CustomerEvent {
    try CustomerEvent(json: JSONValue.parse(Array(line.utf8), limits: .store))
  }

  @Test(arguments: lines) func anEventReadsBackAndWritesItsLineAgain(_ line: String) throws {
    let event = try Self.event(line[...])
    #expect(String(decoding: event.json.compact(), as: UTF8.self) == line)
  }

  @Test(
    "a record that breaks the schema is refused",
    arguments: [
      #"{"at":"2026-03-02T08:00:00Z","by":null,"customer":"C-1","email":"not-an-email","fields":{},"name":"J","phone":null,"seq":1,"type":"customer.added"}"#,
      #"{"at":"2026-03-02T08:00:00Z","by":null,"customer":"C-1","email":null,"fields":{},"name":"J","phone":"02 555 12 34","seq":1,"type":"customer.added"}"#,
      #"{"at":"2026-03-02T08:00:00Z","by":null,"email":null,"fields":{"A":[1]},"name":"J","phone":null,"seq":2,"type":"customer.updated"}"#,
      #"{"at":"2026-03-02T08:00:00Z","by":null,"seq":2,"type":"customer.deleted"}"#,
      #"{"at":"2026-03-02T08:00:00Z","by":null,"seq":2,"type":"customer.merged"}"#,
    ])
  func malformedRecord(_ line: String) {
    #expect(throws: JSONShapeError.self) { try Self.event(line[...]) }
  }

  @Test func theExamplesInTheDocsAreWhatTheRuntimeWritesAndNameEveryType() throws {
    let docs = try String(
      contentsOf: BinaryRunner.repositoryRoot.appendingPathComponent("docs/store.md"),
      encoding: .utf8)
    let start = try #require(docs.range(of: "\n## Customer events\n"))
    let end =
      docs.range(of: "\n## ", range: start.upperBound..<docs.endIndex)?.lowerBound ?? docs.endIndex
    let section = docs[start.upperBound..<end]
    let block = try #require(section.components(separatedBy: "```json\n").dropFirst().first)
    let lines = block[..<(block.range(of: "\n```")?.lowerBound ?? block.endIndex)].split(
      separator: "\n")
    var events: [CustomerEvent] = []
    for line in lines {
      let event = try Self.event(line)
      #expect(String(decoding: event.json.compact(), as: UTF8.self) == String(line))
      events.append(event)
    }
    #expect(Set(events.map(\.change.kind)) == Set(CustomerChange.Kind.allCases))
    for kind in CustomerChange.Kind.allCases {
      #expect(section.contains("\n| `\(kind.rawValue)` |"), "no row for '\(kind.rawValue)'")
    }
    // One record's history, in order: the record it leaves.
    let state = try #require(CustomerState.replay(events))
    #expect(state.mergedInto == "CUS-000002" && state.version == 3 && state.phone == nil)
  }
}
