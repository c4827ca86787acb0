import DCMCApplication
import DCMCRuntime
import Foundation
import Testing
import _DCMCTestSupport

@testable import DCMCStore

/// What an append reads of a state cache under the lock: only the chain it records
/// (`StateCache.history`), the checksum checked and the line parsed, its state not decoded
/// (the command was decided on it already, outside the lock).
@Suite struct StateCacheHistoryTests {
  @Test func theChainIsReadWithoutDecodingTheState() throws {
    let (fixture, _, first, _) = try TornHistoryTests.store()
    defer { fixture.remove() }
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixture.root + "/states/\(first.id).json")))
    let cached = try #require(StateCache.read(bytes) as StateCache.Contents?)
    #expect(cached.history != nil)
    #expect(StateCache.history(bytes, of: first.id) == cached.history)
    // Another case's cache, a torn one, a mixed one: no chain.
    #expect(StateCache.history(bytes, of: "TEC-999999") == nil)
    #expect(StateCache.history(Array(bytes.dropLast()), of: first.id) == nil)
    var mixed = bytes
    mixed[10] ^= 1
    #expect(StateCache.history(mixed, of: first.id) == nil)
    // A line that is no state but holds the case's id and a chain, with its checksum: the chain
    // is read, which `read` (it decodes the state) refuses.
    let line = Array(#"{"history":{"chain":"crc32c:0badc0de","sequence":3},"id":"TEC-000001"}"#.utf8)
    let bare = line + [10] + StateCache.checksumLine(of: line)
    #expect(StateCache.read(bare) == nil)
    #expect(StateCache.history(bare, of: "TEC-000001") == HistoryChain(sequence: 3, text: "crc32c:0badc0de"))
  }
}
