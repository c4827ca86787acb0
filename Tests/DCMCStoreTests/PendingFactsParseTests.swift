@testable import DCMCStore
import Testing

/// `facts/pending` is parsed as bytes at the start of every change (`PendingFacts.init`): what
/// it reads of each kind of line, whole, torn or malformed.
struct PendingFactsParseTests {
  @Test func eachKindOfLineReadsBack() {
    let journal =
      "TEC-000001\nTEC-000002\nwritten 20514:0:120 20515:40:80 @311 @-2\n"
      + "again TEC-000001\nwritten 20514:120:200 @400\n"
      + "presence gary\nwritten 20514:200:250\n"
      + "TEC-000003\nwritten 20514:9:x @12\n"
      + "\nTEC-000004\nwritten 20514:250:300 @7"
    let pending = PendingFacts(Array(journal.utf8))
    #expect(
      pending.changes == [
        .init(
          names: ["TEC-000001", "TEC-000002"],
          written: [.init(day: 20514, from: 0, to: 120), .init(day: 20515, from: 40, to: 80)], ends: [311, -2]),
        .init(names: ["TEC-000001"], written: [.init(day: 20514, from: 120, to: 200)], again: true, ends: [400]),
        .init(names: ["presence gary"], written: [.init(day: 20514, from: 200, to: 250)]),
        // A malformed range: the change's facts are not known to be written.
        .init(names: ["TEC-000003"], written: nil, ends: [12]),
        // A `written` line cut short (no line feed): not written.
        .init(names: ["TEC-000004"]),
      ])
    #expect(pending.recordedEnds == ["TEC-000001": 400, "TEC-000002": -2, "TEC-000003": 12])
    #expect(pending.durablyNamed == ["TEC-000001", "TEC-000002"])
  }

  @Test func endsAreKeptOnlyOnePerNameAndRangesOnlyInOrder() {
    let pending = PendingFacts(Array("A\nB\nwritten 1:5:2 @3\nC\nwritten @+4 @99999999999999999999\n".utf8))
    #expect(pending.changes == [.init(names: ["A", "B"], written: nil), .init(names: ["C"], written: [], ends: [4])])
  }

  /// The lines a change writes, byte for byte (`encode`, written straight as bytes, no string
  /// per field): the text `String(_:)` gave each number, and what the parser reads back.
  @Test func linesAreWrittenByteForByte() {
    let names = PendingFacts.encode(names: ["TEC-000001", "presence gary"])
    #expect(names == Array("TEC-000001\npresence gary\n".utf8))
    #expect(PendingFacts.encode(names: ["TEC-000001"], again: true) == Array("again TEC-000001\n".utf8))
    let ranges = [PendingFacts.Range(day: 20514, from: 0, to: 120), .init(day: -1, from: 9, to: 1_000_000_007)]
    let written = PendingFacts.encode(written: ranges, ends: [0, 311])
    #expect(written == Array("written 20514:0:120 -1:9:1000000007 @0 @311\n".utf8))
    #expect(PendingFacts.encode(written: [], ends: [4]) == Array("written @4\n".utf8))
    #expect(PendingFacts.encode(written: []) == Array("written \n".utf8))
    #expect(PendingFacts.encode(written: [.init(day: 3, from: 1, to: 2)]) == Array("written 3:1:2\n".utf8))
    #expect(
      PendingFacts.encode(written: [], ends: [Int.max, Int.min, -10])
        == Array("written @\(Int.max) @\(Int.min) @-10\n".utf8))
    #expect(PendingFacts(names + written).changes == [.init(names: ["TEC-000001", "presence gary"], written: ranges, ends: [0, 311])])
  }
}
