import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// The facts journal holds 64 settled changes before their day files are flushed and it is
/// emptied (`FileCaseRepository.flushEvery`, `docs/store.md`, "Report facts"): one day file's
/// `fdatasync` every 64 changes, where it was every 16; in exchange a power cut can take the
/// facts of up to 64 changes, which the journal still names, so they are derived again.
struct FactsWindowTests {
  static let start = Instant(secondsSinceEpoch: 1_772_442_000)  // 2026-03-02T09:00:00Z
  static let window = 64
  static let day = "facts/2026/03/02.facts"

  /// The `number`th change after the claim: a release, then a claim, in turns.
  static func change(_ number: Int, _ store: FileRuntime) throws {
    let command: Command = number.isMultiple(of: 2) ? .release(task: "TEC-000001.1") : .claim(task: "TEC-000001.1")
    _ = try store.execute(command, onCase: "TEC-000001", by: "bob", at: start.adding(seconds: 120 + 60 * number))
  }

  /// A store with one case, its task claimed, and the journal emptied (as every window).
  static func claimed(_ fixture: CaseStoreFixture) throws -> FileRuntime {
    let store = try fixture.store()
    _ = try store.create(type: "technical", fields: technicalForm("r1"), requestID: nil, by: "alice", at: start)
    _ = try store.execute(.claim(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: start.adding(seconds: 60))
    return store
  }

  /// The changes that find the journal full flush the day file and empty the journal: the
  /// first after 64 changes, not after 16.
  @Test func theDayFileIsFlushedOnceEverySixtyFourChanges() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    _ = try Self.claimed(fixture)
    try Data().write(to: URL(fileURLWithPath: fixture.root + "/facts/pending"))
    let log = CallLog(root: fixture.root, kinds: [.synchronize])
    let store = try fixture.store(log)
    var flushedAt: [Int] = []
    for number in 0..<(2 * Self.window + 1) {
      let before = log.calls().count
      try Self.change(number, store)
      if log.calls()[before...].contains("fdatasync " + Self.day) { flushedAt.append(number) }
    }
    // The 65th change finds 64 in the journal, which then holds it alone; the 129th finds
    // 64 again.
    #expect(flushedAt == [Self.window, 2 * Self.window])
    #expect(try fixture.store().verify().problems.isEmpty)
  }

  /// The bound a power cut can reach: the journal names a whole window's changes (63 here, with
  /// the create and the claim) whose facts it took, leaving zeros where they were. A report
  /// derives them all again from the histories, and `store verify` finds nothing.
  @Test func aPowerCutThatTookAWindowOfFactsHasThemDerivedAgain() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try Self.claimed(fixture)
    for number in 0..<(Self.window - 3) { try Self.change(number, store) }
    let journal = try String(contentsOfFile: fixture.root + "/facts/pending", encoding: .utf8)
    #expect(journal.components(separatedBy: "written ").count - 1 == Self.window - 1, "the journal was emptied")
    // What the cut leaves of the day file: its length, in zeros.
    let path = fixture.root + "/" + Self.day
    let length = try Data(contentsOf: URL(fileURLWithPath: path)).count
    try Data(count: length).write(to: URL(fileURLWithPath: path))
    let reopened = try fixture.store()
    var read: [String] = []
    try reopened.repository.facts(in: Self.start.adding(seconds: -86_400)..<Self.start.adding(seconds: 86_400)) {
      read.append(String(decoding: $0.csvLine, as: UTF8.self))
    }
    let events = try #require(try reopened.history(of: StoreID("TEC-000001")))
    let derived = ReportFact.facts(of: events, after: nil).map { String(decoding: $0.csvLine, as: UTF8.self) }
    #expect(read.count > Self.window)
    #expect(read.sorted() == derived.sorted())
    #expect(try reopened.verify().problems.isEmpty)
  }

  /// A power cut can keep a later change's facts and take an earlier one's (writes reach the
  /// disk in any order), leaving zeros between whole records. While the journal names that
  /// change, `store verify` names the day file as behind, not damage (exit 0); the next change
  /// writes the facts again, and verify then finds nothing.
  @Test func recordsACutToreInsideTheWindowAreBehindNotDamage() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try Self.claimed(fixture)
    for number in 0..<4 { try Self.change(number, store) }
    let journal = try String(contentsOfFile: fixture.root + "/facts/pending", encoding: .utf8)
    // The third change's range (`written DAY:FROM:TO @LENGTH`), zeroed: the later ones stay whole.
    let written = journal.split(separator: "\n").filter { $0.hasPrefix("written ") }
    #expect(written.count == 6)
    let range = try #require(written[2].split(separator: " ")[1].split(separator: ":").compactMap { Int($0) })
    let path = URL(fileURLWithPath: fixture.root + "/" + Self.day)
    var bytes = try Data(contentsOf: path)
    #expect(range.count == 3 && range[2] < bytes.count, "not a change in the middle of the day file")
    bytes.replaceSubrange(range[1]..<range[2], with: Data(count: range[2] - range[1]))
    try bytes.write(to: path)
    let cut = try fixture.store().verify()
    #expect(cut.problems == [])
    #expect(cut.behind == ["\(Self.day): 1 record torn by a cut: it is behind the histories"])
    try Self.change(4, try fixture.store())
    let next = try fixture.store().verify()
    #expect(next.problems == [] && next.behind == [])
  }
}
