import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import Foundation
import Testing
import _DCMCTestSupport

@testable import DCMCStore

/// `StateSummary` reads the status view's keys out of a state cache as the whole decoder
/// would, and takes only a whole format-2 cache: anything else goes to the whole read.
struct StateSummaryTests {
  /// A Technical case as its cache stands, and that cache's history chain.
  static func cachedCase() throws -> (state: CaseState, history: HistoryChain, remove: () -> Void) {
    let fixture = try CaseStoreFixture()
    let store = try fixture.store()
    let state = try store.create(
      type: "technical", fields: technicalForm("s1"), requestID: nil, by: "alice", at: CaseStoreDerivedFileTests.now)
    let history = try #require(try store.store.history(of: StoreID(state.id)))
    return (state, HistoryChain(history.records), fixture.remove)
  }

  @Test func theSummaryIsTheOneOfTheWholeState() throws {
    let (created, history, remove) = try Self.cachedCase()
    defer { remove() }
    var closed = created
    closed.status = .closed
    closed.resolution = "résolu, \"à temps\"\n\\ok"
    closed.customer = "CUS-000007"
    closed.pendingSince = CaseStoreDerivedFileTests.now
    for state in [created, closed] {
      let summary = try #require(StateSummary(StateCache.encode(state, history: history)))
      #expect(summary.summary == CaseSummary(state))
      #expect(summary.customer == state.customer)
      #expect(summary.version == state.version)
      #expect(summary.history == history)
    }
    // A cache written before caches recorded their history's chain has no `history` member.
    let unchained = try #require(StateSummary(StateCache.encode(created, history: nil)))
    #expect(unchained.summary == CaseSummary(created) && unchained.history == nil)
  }

  @Test func anythingButAWholeFormatTwoCacheIsLeftToTheWholeRead() throws {
    let (state, history, remove) = try Self.cachedCase()
    defer { remove() }
    let bytes = StateCache.encode(state, history: history)
    #expect(StateSummary(bytes) != nil)
    let line = Array(bytes[..<bytes.firstIndex(of: 10)!])
    func cache(_ line: [UInt8]) -> [UInt8] { line + [10] + StateCache.checksumLine(of: line) }
    func edited(_ from: String, _ to: String) -> [UInt8] {
      let text = String(decoding: line, as: UTF8.self)
      #expect(text.contains(from))
      return cache(Array(text.replacingOccurrences(of: from, with: to).utf8))
    }
    #expect(StateSummary(cache(line)) != nil)
    // Torn, or another line under the old checksum.
    #expect(StateSummary(Array(bytes.dropLast(5))) == nil)
    #expect(StateSummary(Array(bytes.dropFirst())) == nil)
    // Format 1, a key missing, repeated or escaped, a value of the wrong kind, not compact.
    #expect(StateSummary(edited("\"created_at\"", "\"createdAt\"")) == nil)
    #expect(StateSummary(edited("\"version\":", "\"versions\":")) == nil)
    #expect(StateSummary(edited("{\"attachments\"", "{\"status\":\"open\",\"attachments\"")) == nil)
    #expect(StateSummary(edited("\"status\"", "\"st\\u0061tus\"")) == nil)
    #expect(StateSummary(edited("\"sla_paused\":false", "\"sla_paused\":0")) == nil)
    #expect(StateSummary(edited("\"version\":\(state.version)", "\"version\":\"\(state.version)\"")) == nil)
    #expect(StateSummary(edited("\"status\":\"open\"", "\"status\":\"opened\"")) == nil)
    #expect(StateSummary(edited(",\"id\":", ", \"id\":")) == nil)
    #expect(StateSummary(edited("\"sequence\":", "\"sequence\": ")) == nil)
    #expect(StateSummary(edited("\"chain\":\"crc32c:", "\"chain\":\"crc64:")) == nil)
    #expect(StateSummary(cache(line + Array(" ".utf8))) == nil)
    #expect(StateSummary(cache(Array(line.dropLast()))) == nil)
  }
}
