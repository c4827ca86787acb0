import DCMCJSON
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// The records and state caches of format 1 (`Fixtures/store-v1`, written by the dcmc before
/// the explicit event schema) read as that dcmc's decoder read them. `store-v1-decoded.txt`
/// was recorded with that decoder, before the legacy shape moved to its own reader; it must
/// never be re-recorded. A member added to an event since is edited in by hand at the value a
/// format-1 record reads as: `task.escalated`'s `byTimer: false` (7 December 2026); every
/// event's `request: nil, requestDigest: nil` (a command's request, 7 December 2026).
@Suite struct LegacyRecordTests {
  static let fixtures = BinaryRunner.repositoryRoot.appendingPathComponent("Tests/DCMCStoreTests/Fixtures")
  static let store = fixtures.appendingPathComponent("store-v1")

  /// Each record of each log, then each state cache, one value a line.
  static func decodedFixture() throws -> String {
    let store = try Store.open(at: Self.store.path)
    var lines: [String] = []
    for stream in try store.streams() {
      for record in try #require(try store.history(of: stream)).records {
        let event = try CaseEvent(json: JSONValue.parse(record.payload, limits: .store), caseID: stream.rawValue)
        lines.append("streams/\(stream).log \(record.sequence): " + ValueDump.text(event))
      }
      let bytes = try Data(contentsOf: Self.store.appendingPathComponent("states/\(stream).json"))
      let state = try #require(StateCache.decode(Array(bytes)))
      lines.append("states/\(stream).json: " + ValueDump.text(state))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test func everyRecordAndStateOfFormatOneReadsAsTheFormatOneDecoderReadIt() throws {
    let actual = try Self.decodedFixture()
    let expected = try Golden.expected(at: Self.fixtures.appendingPathComponent("store-v1-decoded.txt"), actual: actual)
    #expect(actual == expected)
  }

  @Test func theFixtureHoldsEveryEventType() throws {
    let store = try Store.open(at: Self.store.path)
    var kinds: Set<CaseChange.Kind> = []
    for stream in try store.streams() {
      for record in try #require(try store.history(of: stream)).records {
        kinds.insert(
          try CaseEvent(json: JSONValue.parse(record.payload, limits: .store), caseID: stream.rawValue).change.kind)
      }
    }
    // Format 1 was written before a case could be linked to a customer after its creation,
    // before tasks were rescheduled and cases updated, before push tasks were offered, and
    // before supervisors set a case's SLA, and before offers were withdrawn from users who
    // left ready.
    #expect(
      kinds
        == Set(CaseChange.Kind.allCases).subtracting([
          .customerLinked, .customerMoved, .taskRescheduled, .taskReturned, .updated, .taskOffered, .offerAccepted,
          .offerDeclined, .offerExpired, .offerWithdrawn, .slaSet,
        ]))
  }
}
