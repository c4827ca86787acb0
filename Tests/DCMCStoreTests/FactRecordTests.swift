import DCMCApplication
import DCMCCalendar
import DCMCStore
import Foundation
import Testing

/// The binary records of the facts day files (`FactRecord`): every column reads back as it
/// was written (a missing text apart from an empty one), and damage is found by length and
/// checksum without hiding the records after it. A store whose day files an earlier dcmc wrote
/// as CSV is read as it is, and `store rebuild` converts it.
@Suite struct FactRecordTests {
  static let full = ReportFact(
    .taskEnded, at: Instant(secondsSinceEpoch: 1_772_438_400), subject: "TEC-000001", seq: 7, type: "technical",
    task: 2, definition: "solve", target: "employees_group", user: "alice", state: "completed",
    reason: "résolu, \"vite\"\n" + String(repeating: "x", count: 70_000), since: Instant(secondsSinceEpoch: -5),
    due: Instant(secondsSinceEpoch: 1_772_442_000), met: false)
  static let sparse = ReportFact(
    .presence, at: Instant(secondsSinceEpoch: 0), subject: "gary", seq: 1, user: nil, state: "", reason: "",
    met: true)
  static let bare = ReportFact(.opened, at: Instant(secondsSinceEpoch: -86_401), subject: "", seq: 0)

  static func decoded(_ bytes: [UInt8]) -> (facts: [ReportFact], bad: [Int], tornTail: Bool) {
    var facts: [ReportFact] = []
    var bad: [Int] = []
    var tornTail = false
    FactRecord.each(bytes, bad: { offset, toEnd in
      bad.append(offset)
      tornTail = toEnd
    }) { facts.append($0) }
    return (facts, bad, tornTail)
  }

  @Test func everyColumnReadsBackAsWritten() {
    let facts = [Self.full, Self.sparse, Self.bare]
    let read = Self.decoded(facts.flatMap(FactRecord.encode))
    #expect(read.facts == facts)
    #expect(read.bad.isEmpty && !read.tornTail)
    #expect(read.facts[1].type == nil && read.facts[1].state == "" && read.facts[1].met == true)
  }

  /// Records appended to a buffer that holds bytes already (`encode(_:into:)`, how a change's
  /// facts are gathered for their day file) are each record's own bytes, after those: the
  /// length (over 65,535 bytes for `full`) and checksum are of the record, not the buffer.
  @Test func recordsAppendedToOneBufferAreEachRecordAlone() {
    var buffer: [UInt8] = [0xFA, 9, 9]
    for fact in [Self.full, Self.sparse, Self.bare] { FactRecord.encode(fact, into: &buffer) }
    let alone = [Self.full, Self.sparse, Self.bare].map(FactRecord.encode)
    #expect(buffer == [0xFA, 9, 9] + alone.joined())
    #expect(alone[2].count == 9 + 23)
    #expect(Self.decoded(Array(buffer.dropFirst(3))).facts == [Self.full, Self.sparse, Self.bare])
  }

  /// A flipped byte, a torn last write and a power loss's zeros are each found, where they
  /// are; the records around them still read.
  @Test func damageIsFoundAndTheOtherRecordsStillRead() {
    let first = FactRecord.encode(Self.sparse)
    let second = FactRecord.encode(Self.full)
    let third = FactRecord.encode(Self.bare)
    var flipped = first + second + third
    flipped[first.count + 20] ^= 0x40
    let afterFlip = Self.decoded(flipped)
    #expect(afterFlip.facts == [Self.sparse, Self.bare])
    #expect(afterFlip.bad == [first.count] && !afterFlip.tornTail)

    let torn = Self.decoded(first + second + third.prefix(third.count - 3))
    #expect(torn.facts == [Self.sparse, Self.full])
    #expect(torn.bad == [first.count + second.count] && torn.tornTail)

    let zeros = Self.decoded(first + [UInt8](repeating: 0, count: 40) + third)
    #expect(zeros.facts == [Self.sparse, Self.bare])
    #expect(zeros.bad == [first.count] && !zeros.tornTail)

    var length = first
    length[1] = 0xFF
    #expect(Self.decoded(length + third).facts == [Self.bare])
  }

  /// Day files of the earlier CSV format are read as they are, reported by verify, and
  /// converted by rebuild into records, with the same facts.
  @Test func csvDayFilesAreReadAndConvertedByRebuild() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try ReportFactsStoreTests.filled(fixture)
    let expected = try ReportFactsStoreTests.expected(store)
    let manager = FileManager.default
    let days = fixture.root + "/facts/2026/03/"
    for day in ["02", "03"] {
      var facts: [ReportFact] = []
      FactRecord.each(Array(try Data(contentsOf: URL(fileURLWithPath: days + day + ".facts")))) { facts.append($0) }
      try Data(facts.flatMap(FactLine.encode)).write(to: URL(fileURLWithPath: days + day + ".csv"))
      try manager.removeItem(atPath: days + day + ".facts")
    }
    // The journal's ranges name the records just removed: settling it finds the facts in the
    // CSV files and adds none.
    #expect(try ReportFactsStoreTests.read(store) == expected)
    #expect(try manager.contentsOfDirectory(atPath: days).sorted() == ["02.csv", "03.csv"])
    #expect(
      try store.verify().problems == [
        "facts/2026/03/02.csv: facts in the old CSV format: store rebuild converts them",
        "facts/2026/03/03.csv: facts in the old CSV format: store rebuild converts them",
      ])
    #expect(
      try store.repository.rebuild().repaired.filter { $0.hasPrefix("facts/") } == [
        "facts/2026/03/02.facts", "facts/2026/03/03.facts",
      ])
    // The CSV files are gone; rebuild wrote each day's rollup beside its records.
    #expect(try manager.contentsOfDirectory(atPath: days).sorted() == ["02.facts", "02.rollup", "03.facts", "03.rollup"])
    #expect(try store.verify().problems == [])
    #expect(try ReportFactsStoreTests.read(store) == expected)
  }
}
