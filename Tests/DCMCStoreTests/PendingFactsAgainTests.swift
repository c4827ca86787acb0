import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// A change to a case the facts journal names already writes `again` lines, unflushed. What a
/// power cut can then take (its lines, its facts and its `written` line, while its append
/// stays) is made here by putting the journal and the day file back as they were before it:
/// the case's log is then longer than the journal recorded, and the next change to the case,
/// or a reader, writes the lost facts again.
@Suite struct PendingFactsAgainTests {
  static let start = Instant(secondsSinceEpoch: 1_772_442_000)  // 2026-03-02T09:00:00Z

  /// The store after a create and a claim, and the journal and day file as they were then;
  /// then an `open` whose journal lines and facts are taken back.
  static func lostOpen(_ fixture: CaseStoreFixture) throws -> FileRuntime {
    let store = try fixture.store()
    _ = try store.create(type: "technical", fields: technicalForm("r1"), requestID: nil, by: "alice", at: start)
    _ = try store.execute(.claim(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: start.adding(seconds: 60))
    let journal = URL(fileURLWithPath: fixture.root + "/facts/pending")
    let day = URL(fileURLWithPath: fixture.root + "/facts/2026/03/02.facts")
    let (journalBefore, dayBefore) = (try Data(contentsOf: journal), try Data(contentsOf: day))
    _ = try store.execute(.open(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: start.adding(seconds: 120))
    #expect(try Data(contentsOf: day) != dayBefore, "the open wrote no fact")
    try journalBefore.write(to: journal)
    try dayBefore.write(to: day)
    return store
  }

  static func facts(_ store: FileRuntime) throws -> [String] {
    var lines: [String] = []
    try store.repository.facts(in: start.adding(seconds: -86_400)..<start.adding(seconds: 86_400)) {
      lines.append(String(decoding: $0.csvLine, as: UTF8.self))
    }
    return lines.sorted()
  }

  static func factsOfHistory(_ store: FileRuntime) throws -> [String] {
    let history = try #require(try store.repository.history(of: "TEC-000001"))
    return ReportFact.facts(of: history, after: nil).map { String(decoding: $0.csvLine, as: UTF8.self) }.sorted()
  }

  @Test("the next change to a case whose log is longer than the journal recorded redoes its facts, then flushes")
  func theNextChangeRedoesTheLostFacts() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    _ = try Self.lostOpen(fixture)
    #expect(try fixture.store().verify().problems == [], "facts behind the log are not damage")
    let flushes = CallLog(root: fixture.root, kinds: [.synchronize, .synchronizeFileSystem])
    let store = try fixture.store(flushes)
    _ = try store.execute(
      .complete(task: "TEC-000001.1", outcome: "resolved", data: [:]), onCase: "TEC-000001", by: "bob",
      at: Self.start.adding(seconds: 180))
    // The lost facts written again and their day file flushed, the journal emptied; then the
    // change names the case in a flushed line, as nothing recorded where its log ends.
    #expect(flushes.calls().prefix(1) == ["fdatasync facts/2026/03/02.facts"])
    #expect(try Self.facts(store) == Self.factsOfHistory(store))
    #expect(try store.verify().problems == [])
  }

  @Test("a reader finds a log longer than the journal recorded and writes the facts before it counts")
  func aReaderRedoesTheLostFacts() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try Self.lostOpen(fixture)
    #expect(try Self.facts(store) == Self.factsOfHistory(store))
    #expect(try String(contentsOfFile: fixture.root + "/facts/pending", encoding: .utf8) == "")
  }
}
