import DCMCJSON
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// docs/store.md shows real bytes: the example log is what the store writes.
struct StoreDocumentationTests {
  /// The two commands of the example log in the docs.
  static func appendTheExampleCommands(to store: Store) throws {
    try store.append([#"{"type":"case.created","by":"ann"}"#], to: "C-1")
    try store.append(
      [#"{"type":"task.completed","task":"verify-docs"}"#, #"{"type":"task.created","task":"approve"}"#], to: "C-1")
  }

  @Test func theExampleLogInTheDocsIsWhatTheStoreWrites() throws {
    let docs = try String(
      contentsOf: BinaryRunner.repositoryRoot.appendingPathComponent("docs/store.md"), encoding: .utf8)
    let fence = try #require(docs.range(of: "```\n1 1/1 34 "))
    let end = try #require(docs.range(of: "```", range: fence.upperBound..<docs.endIndex))
    let example = String(docs[docs.index(fence.lowerBound, offsetBy: 4)..<end.lowerBound])
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    try Self.appendTheExampleCommands(to: store)
    #expect(String(decoding: try fixture.bytes("streams/C-1.log"), as: UTF8.self) == example)
  }

  @Test func theCorruptionExampleInTheDocsHasTheRealOffsets() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    try Self.appendTheExampleCommands(to: store)
    try store.append([#"{"type":"case.closed"}"#], to: "C-1")
    try fixture.damage("streams/C-1.log", at: 76, to: UInt8(ascii: "#"))
    let error = try #require(throws: StoreError.self) { try store.history(of: StoreID("C-1")) }
    let text = error.description
    #expect(
      text.hasPrefix(
        "history '\(fixture.root)/streams/C-1.log' is corrupt at record 2 (byte 53): checksum mismatch (stored "))
    #expect(text.hasSuffix("), and a later command starts at byte 177"))
  }

  static func docs() throws -> String {
    try String(contentsOf: BinaryRunner.repositoryRoot.appendingPathComponent("docs/store.md"), encoding: .utf8)
  }

  /// The text of section `heading` (`## Events`), up to the next `## `.
  static func section(_ heading: String, of docs: String) throws -> Substring {
    let start = try #require(docs.range(of: "\n" + heading + "\n"), "no section '\(heading)'")
    let end = docs.range(of: "\n## ", range: start.upperBound..<docs.endIndex)?.lowerBound ?? docs.endIndex
    return docs[start.upperBound..<end]
  }

  /// The contents of each ```json block of `text`.
  static func jsonBlocks(_ text: Substring) -> [Substring] {
    text.components(separatedBy: "```json\n").dropFirst().compactMap { block in
      block.range(of: "\n```").map { block[..<$0.lowerBound] }
    }
  }

  @Test func everyEventExampleIsWhatTheStoreWritesAndEveryTypeIsListed() throws {
    let events = try Self.section("## Events", of: Self.docs())
    let lines = Self.jsonBlocks(events).flatMap { $0.split(separator: "\n") }
    var kinds: [CaseChange.Kind] = []
    for line in lines {
      let event = try CaseEvent(json: JSONValue.parse(Array(line.utf8), limits: .store), caseID: "TEC-000001")
      #expect(String(decoding: event.json(caseID: "TEC-000001").compact(), as: UTF8.self) == line)
      kinds.append(event.change.kind)
    }
    #expect(kinds.count == CaseChange.Kind.allCases.count, "one example per type")
    #expect(Set(kinds) == Set(CaseChange.Kind.allCases))
    for kind in CaseChange.Kind.allCases {
      #expect(events.contains("\n| `\(kind.rawValue)` |"), "no row for '\(kind.rawValue)'")
    }
  }

  @Test func theRuleSkillExampleIsWhatTheStoreWritesAndTheCaseKeepsIt() throws {
    let blocks = Self.jsonBlocks(try Self.section("## A creation rule's skill", of: Self.docs()))
    let line = try #require(blocks.first)
    let event = try CaseEvent(json: JSONValue.parse(Array(line.utf8), limits: .store), caseID: "CON-000001")
    #expect(String(decoding: event.json(caseID: "CON-000001").compact(), as: UTF8.self) == line)
    let state = try #require(CaseState.replay([event]))
    #expect(state.skill == "french")
    #expect(try CaseState(json: state.json).skill == "french")
    // Without a rule's skill, neither the event nor the state writes the key.
    var plain = event
    if case .created(var created) = plain.change {
      created.skill = nil
      plain.change = .created(created)
    }
    #expect(!String(decoding: plain.json(caseID: "CON-000001").compact(), as: UTF8.self).contains("skill"))
    #expect(!String(decoding: try #require(CaseState.replay([plain])).json.compact(), as: UTF8.self).contains("skill"))
  }

  @Test func theStateCacheExampleIsWhatTheStoreWrites() throws {
    let blocks = Self.jsonBlocks(try Self.section("## The state cache", of: Self.docs()))
    #expect(blocks.count == 1)
    let text = try #require(blocks.first)
    let state = try CaseState(json: JSONValue.parse(Array(text.utf8), limits: .store))
    #expect(state.json.prettyText() == text + "\n")
  }
}
