import DCMCStore
import Testing

/// The line format of a customer's case summaries (`SummaryLine`, `CustomerSummaries`):
/// each line checked alone, the newest line of a case wins, a torn last line is a crash
/// during an append and any other bad line is damage; compaction keeps one line per case.
@Suite struct CustomerSummariesFormatTests {
  static func summary(_ id: String, version: Int) -> [UInt8] {
    Array(#"{"id":"\#(id)","status":"open","version":\#(version)}"#.utf8)
  }

  /// A file of framed lines: each `(id, version)` a case's summary, a `nil` version its removal.
  static func file(_ lines: [(String, Int?)]) -> [UInt8] {
    lines.enumerated().flatMap { number, line in
      let summary = line.1.map { Self.summary(line.0, version: $0) } ?? SummaryLine.removal(ofCase: line.0)
      return SummaryLine(summary[...], number: number + 1, live: 2).bytes
    }
  }

  static func newest(_ summaries: CustomerSummaries) -> [String: [UInt8]] {
    summaries.lines.mapValues(Array.init)
  }

  @Test("a line reads back with its numbers, and a changed byte fails its checksum")
  func aLineChecksItself() throws {
    let line = SummaryLine(Self.summary("TEC-000001", version: 3)[...], number: 7, live: 2)
    let bytes = line.bytes
    #expect(bytes.last == 10)
    #expect(String(decoding: bytes.dropFirst(8).prefix(6), as: UTF8.self) == " 7 2 {")
    #expect(SummaryLine(bytes.dropLast()) == line)
    #expect(line.caseKey == "TEC-000001" && !line.isRemoval)
    for index in [0, 9, 11, bytes.count - 3] {
      var changed = bytes
      changed[index] ^= 0x01
      #expect(SummaryLine(changed.dropLast()) == nil, "byte \(index)")
    }
    #expect(SummaryLine(SummaryLine.removal(ofCase: "TEC-000001")[...], number: 1, live: 0).isRemoval)
  }

  @Test("the newest line of each case is kept and a removal takes its case out")
  func theNewestLineWins() throws {
    let read = try #require(
      CustomerSummaries(Self.file([("TEC-000001", 1), ("TEC-000002", 1), ("TEC-000001", 2), ("TEC-000002", nil)])))
    #expect(Self.newest(read) == ["TEC-000001": Self.summary("TEC-000001", version: 2)])
    #expect(read.damagedLines.isEmpty && !read.hasTornTail && !read.isWholeFormat)
  }

  @Test("a torn last line is ignored, not reported", arguments: [1, 20, 40])
  func aTornTailIsIgnored(cut: Int) throws {
    let whole = Self.file([("TEC-000001", 1), ("TEC-000002", 1)])
    let torn = whole + Self.file([("TEC-000001", 2)]).dropLast(cut)
    let read = try #require(CustomerSummaries(torn))
    #expect(read.hasTornTail && read.damagedLines.isEmpty)
    #expect(read.lines == (try #require(CustomerSummaries(whole))).lines)
    // A last line whole in length but with zeros where its first half should be.
    var zeroed = whole + Self.file([("TEC-000001", 2)])
    for index in whole.count..<(whole.count + 30) { zeroed[index] = 0 }
    #expect(try #require(CustomerSummaries(zeroed)).hasTornTail)
  }

  @Test("a bad line that is not the last is damage, and the lines around it are kept")
  func aDamagedMiddleLineIsReported() throws {
    var bytes = Self.file([("TEC-000001", 1), ("TEC-000002", 1), ("TEC-000003", 1)])
    let second = try #require(bytes.firstIndex(of: 10)) + 20
    bytes[second] ^= 0x01
    let read = try #require(CustomerSummaries(bytes))
    #expect(read.damagedLines == [2] && !read.hasTornTail)
    #expect(read.lines.keys.sorted() == ["TEC-000001", "TEC-000003"])
  }

  @Test("compaction writes one line per live case, sorted, numbered, with the live count")
  func compactionKeepsTheNewestLinePerCase() throws {
    var read = try #require(
      CustomerSummaries(
        Self.file([("TEC-000003", 1), ("TEC-000001", 1), ("TEC-000003", 2), ("TEC-000002", 1), ("TEC-000002", nil)])))
    read.set(Self.summary("TEC-000001", version: 5), ofCase: "TEC-000001")
    let compacted = read.bytes
    let lines = try compacted.split(separator: 10).map { try #require(SummaryLine($0)) }
    #expect(lines.map(\.number) == [1, 2] && lines.map(\.live) == [2, 2])
    #expect(
      lines.map { Array($0.summary) } == [
        Self.summary("TEC-000001", version: 5), Self.summary("TEC-000003", version: 2),
      ])
    #expect(CustomerSummaries(compacted) == read)
  }

  @Test("a file in the whole-rewrite format is read, and a torn one is not")
  func theOlderFormatIsRead() throws {
    let body = Self.summary("TEC-000001", version: 1) + [10] + Self.summary("TEC-000002", version: 4) + [10]
    let old = body + Array(CustomerSummariesTests.checksumLine(of: String(decoding: body, as: UTF8.self)).utf8)
    let read = try #require(CustomerSummaries(old))
    #expect(read.isWholeFormat)
    #expect(
      Self.newest(read) == [
        "TEC-000001": Self.summary("TEC-000001", version: 1), "TEC-000002": Self.summary("TEC-000002", version: 4),
      ])
    #expect(CustomerSummaries(Array(old.dropLast(3))) == nil)
  }

  /// What the status view reads (`newestLines`, each case's newest line only) is what reading
  /// the whole file keeps, on clean, torn and damaged files and in the older format.
  @Test("the newest lines read from the end are the whole file's", arguments: 0..<6)
  func theNewestLinesAreTheWholeFilesLines(shape: Int) throws {
    let clean = Self.file([("TEC-000001", 1), ("TEC-000002", 1), ("TEC-000001", 2), ("TEC-000003", 1)])
    var bytes: [UInt8]
    switch shape {
    case 0: bytes = clean
    case 1: bytes = Self.file([("TEC-000001", 1), ("TEC-000002", 1), ("TEC-000001", 2), ("TEC-000002", nil)])
    case 2: bytes = clean + Self.file([("TEC-000002", 2)]).dropLast(20)
    case 3:
      // An older line of TEC-000001, damaged: its newest line is whole, so the damage is not read.
      bytes = clean
      bytes[20] ^= 0x01
    case 4:
      let body = Self.summary("TEC-000001", version: 1) + [10] + Self.summary("TEC-000002", version: 4) + [10]
      bytes = body + Array(CustomerSummariesTests.checksumLine(of: String(decoding: body, as: UTF8.self)).utf8)
    default: bytes = []
    }
    let whole = try #require(shape == 5 ? CustomerSummaries() : CustomerSummaries(bytes))
    #expect(CustomerSummaries.newestLines(in: bytes).mapValues(Array.init) == Self.newest(whole))
  }

  @Test("a case whose newest line is bad gets no line, not an older one")
  func aBadNewestLineLeavesItsCaseWithoutALine() throws {
    let older = Self.file([("TEC-000001", 1), ("TEC-000002", 1)])
    // The bad line last (torn by a cut), then followed by another case's line (damage).
    let shapes: [(newest: [(String, Int?)], second: Int)] = [
      ([("TEC-000001", 2)], 1), ([("TEC-000001", 2), ("TEC-000002", 2)], 2),
    ]
    for (newest, second) in shapes {
      var bytes = older + Self.file(newest)
      // A byte after the case id: the line still names TEC-000001, but its checksum fails.
      bytes[older.count + 40] ^= 0x01
      let read = CustomerSummaries.newestLines(in: bytes)
      #expect(read["TEC-000001"] == nil)
      #expect(read["TEC-000002"].map(Array.init) == Self.summary("TEC-000002", version: second))
    }
  }
}
