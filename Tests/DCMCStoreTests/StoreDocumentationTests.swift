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
}
