import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// The file store's report facts (`facts/YYYY/MM/DD.facts`): `store verify` names each kind of
/// damage, `store rebuild` repairs it, and a crash between a history's append and its facts
/// leaves facts that the next change completes.
@Suite struct ReportFactsStoreTests {
  /// Monday 2 March 2026, 09:00 in Brussels (08:00 UTC).
  static let monday = Instant(secondsSinceEpoch: 1_772_438_400)
  static let week = monday.adding(seconds: -86_400)..<monday.adding(seconds: 7 * 86_400)

  /// Two technical cases over two UTC days, one closed, and an advisor's presence changes.
  static func filled(_ fixture: CaseStoreFixture) throws -> FileRuntime {
    let store = try fixture.store()
    let first = try store.create(type: "technical", fields: technicalForm("a"), requestID: nil, by: "alice", at: monday)
    _ = try store.execute(.claim(task: first.id + ".1"), onCase: first.id, by: "alice", at: monday.adding(seconds: 60))
    _ = try store.execute(
      .complete(task: first.id + ".1", outcome: "resolved", data: [:]), onCase: first.id, by: "alice",
      at: monday.adding(seconds: 86_400))
    _ = try store.create(
      type: "technical", fields: technicalForm("b"), requestID: nil, by: "alice", at: monday.adding(seconds: 86_500))
    func presence(_ seconds: Int) -> PresenceService {
      store.repository.presenceService(zone: TimeZoneDatabase.rules(named:), clock: FixedClock(monday.adding(seconds: seconds)))
    }
    _ = try presence(0).set(.ready, reason: nil, by: "gary")
    _ = try presence(90).set(.loggedOff, reason: nil, by: "gary")
    return store
  }

  /// The facts every history gives, as sorted CSV lines.
  static func expected(_ store: FileRuntime) throws -> [String] {
    var facts: [ReportFact] = []
    for id in ["TEC-000001", "TEC-000002"] {
      facts += ReportFact.facts(of: try #require(try store.repository.history(of: id)), after: nil)
    }
    let presence = try #require(try store.repository.presenceHistory(of: "gary"))
    facts += ReportFact.facts(
      of: PresenceChangeSet(
        before: PresenceState(user: "gary"), events: presence, after: try #require(PresenceState.replay(presence))))
    return facts.map { String(decoding: $0.csvLine, as: UTF8.self) }.sorted()
  }

  static func read(_ store: FileRuntime) throws -> [String] {
    var lines: [String] = []
    try store.repository.facts(in: week) { lines.append(String(decoding: $0.csvLine, as: UTF8.self)) }
    return lines.sorted()
  }

  @Test func verifyNamesEachDamagedFactFileAndRebuildRepairsIt() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try Self.filled(fixture)
    #expect(try store.verify().problems == [])
    #expect(try Self.read(store) == Self.expected(store))
    // Damage to facts the journal still covers (not flushed) is what a power cut leaves, and
    // the next change redoes it; this is damage to flushed facts, so the journal is flushed.
    #expect(try store.repository.rebuild().repaired == [])
    #expect(try String(contentsOfFile: fixture.root + "/facts/pending", encoding: .utf8) == "")
    let facts = fixture.root + "/facts/2026/03/"
    let manager = FileManager.default
    #expect(manager.fileExists(atPath: facts + "02.facts") && manager.fileExists(atPath: facts + "03.facts"))
    // Missing: the second day's file. Damaged: a byte of the first day's first record flipped.
    // Stray: a file for a day without facts, a name that is no day, a directory that is no year.
    var mondayFacts = 0
    try store.repository.facts(in: Self.monday..<Self.monday.adding(seconds: 57_600)) { _ in mondayFacts += 1 }
    try manager.removeItem(atPath: facts + "03.facts")
    var monday = try Data(contentsOf: URL(fileURLWithPath: facts + "02.facts"))
    #expect(monday.first == 0xFA)
    monday[12] ^= 0x01
    try monday.write(to: URL(fileURLWithPath: facts + "02.facts"))
    try manager.copyItem(atPath: facts + "02.facts", toPath: facts + "04.facts")
    try Data("x".utf8).write(to: URL(fileURLWithPath: facts + "notes.txt"))
    try manager.createDirectory(atPath: fixture.root + "/facts/old", withIntermediateDirectories: false)
    let problems = try store.verify().problems
    #expect(
      problems == [
        "facts/2026/03/02.facts: no whole fact at byte 0",
        "facts/2026/03/02.facts holds \(mondayFacts - 1) of the \(mondayFacts) facts the histories give that day",
        "facts/2026/03/03.facts is missing: the histories give 5 facts that day",
        "facts/2026/03/04.facts: no whole fact at byte 0",
        "facts/2026/03/04.facts: stray file (no history has facts that day)",
        "facts/2026/03/notes.txt: stray file among the facts",
        "facts/old: stray directory among the facts",
      ])
    let report = try store.repository.rebuild()
    #expect(
      report.repaired.filter { $0.hasPrefix("facts/") } == [
        "facts/2026/03/notes.txt", "facts/old", "facts/2026/03/02.facts", "facts/2026/03/03.facts",
        "facts/2026/03/04.facts",
      ])
    #expect(try store.verify().problems == [])
    #expect(try Self.read(store) == Self.expected(store))
    #expect(!manager.fileExists(atPath: facts + "04.facts"))
  }

  /// A store made before dcmc kept facts has no `facts/`: it keeps none (its changes write
  /// none, and verify finds nothing missing) until rebuild writes them all, and from then on
  /// keeps them.
  @Test func aStoreWithoutFactsGetsThemOnRebuild() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try Self.filled(fixture)
    try FileManager.default.removeItem(atPath: fixture.root + "/facts")
    let later = Self.monday.adding(seconds: 86_600)
    let third = try store.create(type: "technical", fields: technicalForm("c"), requestID: nil, by: "alice", at: later)
    #expect(!FileManager.default.fileExists(atPath: fixture.root + "/facts"))
    #expect(try Self.read(store) == [])
    #expect(try store.verify().problems == [])
    #expect(try store.repository.rebuild().repaired.filter { $0.hasPrefix("facts") } == [])
    _ = try store.execute(.claim(task: "TEC-000002.1"), onCase: "TEC-000002", by: "alice", at: later.adding(seconds: 60))
    #expect(try store.verify().problems == [])
    let all = try Self.expected(store) + ReportFact.facts(of: try #require(try store.repository.history(of: third.id)), after: nil)
      .map { String(decoding: $0.csvLine, as: UTF8.self) }
    #expect(try Self.read(store) == all.sorted())
  }

  /// A period far longer than the days with facts (a history with an event in 9999 made
  /// `store copy`'s tally read three million days, one day file tried after another, for
  /// hours): the day files are found by listing `facts/`, so only the days that have one are
  /// opened, and every fact is read.
  @Test func aLongPeriodOpensOnlyTheDaysThatHaveFiles() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try Self.filled(fixture)
    let counting = FactOpens(base: PosixFileSystem())
    let reader = try fixture.store(counting)
    // 1 January 2000 to 1 January 2040: 14,610 days.
    let decades = Instant(secondsSinceEpoch: 946_684_800)..<Instant(secondsSinceEpoch: 2_208_988_800)
    var lines: [String] = []
    try reader.repository.facts(in: decades) { lines.append(String(decoding: $0.csvLine, as: UTF8.self)) }
    #expect(lines.sorted() == (try Self.expected(store)))
    // Each day that has facts: its `.csv` and `.facts` tried (and the settling's reads of the
    // day files `facts/pending` names), nothing for the other 14,600 days.
    let days = try FileManager.default.subpathsOfDirectory(atPath: fixture.root + "/facts").filter { $0.hasSuffix(".facts") }
    #expect(days.count == 2)
    #expect(counting.opened <= 4 * days.count, "\(counting.opened) day files opened")
  }

  /// A command whose facts cannot be written after its append (a crash there, or a disk
  /// error) stands; the next change to the store writes the facts its history gives, once.
  @Test(arguments: [1, 2]) func factsCutShortAreCompletedByTheNextChange(failing call: Int) throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let plain = try fixture.store()
    let created = try plain.create(
      type: "technical", fields: technicalForm("a"), requestID: nil, by: "alice", at: Self.monday)
    // The claim's facts, the next day's first: the open that creates the day file (1) or its
    // write (2), which tears it, fails.
    let failing = FactFaults(base: PosixFileSystem(), call: call)
    let broken = try fixture.store(failing)
    let claimed = try broken.execute(
      .claim(task: created.id + ".1"), onCase: created.id, by: "alice", at: Self.monday.adding(seconds: 86_460))
    #expect(failing.failures == 1)
    #expect(try plain.repository.load(created.id) == claimed)
    // The claim's facts are missing (or torn): not damage while facts/pending names the case
    // in a change it does not end with a `written` line (an `again` line: the create's line,
    // flushed, named the case already).
    #expect(try plain.verify().problems == [])
    let pending = try String(contentsOfFile: fixture.root + "/facts/pending", encoding: .utf8)
    #expect(pending.hasPrefix(created.id + "\nwritten ") && pending.hasSuffix("\nagain " + created.id + "\n"))
    // A reader completes them before it counts them (as the next change would), each once.
    let history = try #require(try plain.repository.history(of: created.id))
    #expect(try Self.read(plain) == ReportFact.facts(of: history, after: nil).map { String(decoding: $0.csvLine, as: UTF8.self) }.sorted())
    #expect(try String(contentsOfFile: fixture.root + "/facts/pending", encoding: .utf8) == "")
    // The next change finds them whole; the facts are those of the histories, each once.
    _ = try plain.create(type: "technical", fields: technicalForm("b"), requestID: nil, by: "alice", at: Self.monday.adding(seconds: 120))
    #expect(try plain.verify().problems == [])
    var facts: [ReportFact] = []
    try plain.repository.facts(in: Self.week) { facts.append($0) }
    var expected = ReportFact.facts(of: try #require(try plain.repository.history(of: created.id)), after: nil)
    expected += ReportFact.facts(of: try #require(try plain.repository.history(of: "TEC-000002")), after: nil)
    #expect(facts.map { String(decoding: $0.csvLine, as: UTF8.self) }.sorted() == expected.map { String(decoding: $0.csvLine, as: UTF8.self) }.sorted())
  }
}

/// Fails the first open that creates a facts day file (`call` 1) or the first write to one
/// (`call` 2), once; a failing write writes half its bytes first, as a torn write leaves a file.
final class FactFaults: ForwardingFileSystem, @unchecked Sendable {
  let base: any FileSystem
  let call: Int
  private let lock = NSLock()
  private var failed = 0

  init(base: any FileSystem, call: Int) {
    self.base = base
    self.call = call
  }

  var failures: Int { lock.withLock { failed } }

  private func fails(_ path: String) -> Bool {
    lock.withLock {
      guard failed == 0, path.contains("/facts/2026/") else { return false }
      failed += 1
      return true
    }
  }

  func open(_ path: String, _ mode: OpenMode) throws(FileError) -> FileDescriptor {
    if call == 1, mode == .lockFile, fails(path) { throw .system(operation: "open", path: path, code: EIO) }
    return try base.open(path, mode)
  }

  func write(_ file: FileDescriptor, _ bytes: [UInt8], at offset: Int) throws(FileError) {
    if call == 2, fails(file.path) {
      try? base.write(file, Array(bytes.prefix(bytes.count / 2)), at: offset)
      throw .system(operation: "write", path: file.path, code: EIO)
    }
    try base.write(file, bytes, at: offset)
  }
}

/// Counts the opens of files under `facts/YYYY/`.
final class FactOpens: ForwardingFileSystem, @unchecked Sendable {
  let base: any FileSystem
  private let lock = NSLock()
  private var opens = 0

  init(base: any FileSystem) { self.base = base }

  var opened: Int { lock.withLock { opens } }

  func open(_ path: String, _ mode: OpenMode) throws(FileError) -> FileDescriptor {
    if path.contains("/facts/") && !path.hasSuffix("/facts/pending") { lock.withLock { opens += 1 } }
    return try base.open(path, mode)
  }
}
