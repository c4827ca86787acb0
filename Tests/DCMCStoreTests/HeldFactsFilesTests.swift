import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import Foundation
import Testing
import _DCMCTestSupport

/// A process's write locks keep `facts/pending` and the day files open from one to the next
/// (`HeldFactsFiles`, `docs/store.md`, "Held open across locks"): each lock checks with an
/// `lstat` of each path that it still names the held file, and opens the path again when
/// another process put another file there; the ranges the process appended itself are not
/// read back.
struct HeldFactsFilesTests {
  static let start = Instant(secondsSinceEpoch: 1_772_442_000)  // 2026-03-02T09:00:00Z
  static let journal = "facts/pending"
  static let day = "facts/2026/03/02.facts"

  /// `store` creates two cases and claims the first task.
  func createAndClaim(_ store: FileRuntime) throws {
    for request in ["r1", "r2"] {
      _ = try store.create(type: "technical", fields: technicalForm(request), requestID: nil, by: "alice", at: Self.start)
    }
    try claim(store)
  }

  func claim(_ store: FileRuntime) throws {
    _ = try store.execute(.claim(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: Self.start.adding(seconds: 60))
  }

  func release(_ store: FileRuntime) throws {
    _ = try store.execute(.release(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: Self.start.adding(seconds: 120))
  }

  /// The calls of `body` on `path`, of those `log` records.
  func calls(on path: String, _ log: CallLog, during body: () throws -> Void) rethrows -> [String] {
    let before = log.calls().count
    try body()
    return log.calls()[before...].filter { $0.hasSuffix(" " + path) }
  }

  /// Before, every change opened, measured and closed both files, and read back the ranges of
  /// the journal's changes from the day file, its own included.
  @Test func aLaterChangeOfTheProcessChecksThePathsAndReadsNoRangeItWrote() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let log = CallLog(root: fixture.root, kinds: [.open, .read, .write])
    let store = try fixture.store(log)
    try createAndClaim(store)
    var day: [String] = []
    let journal = try calls(on: Self.journal, log) {
      day = try calls(on: Self.day, log) { try release(store) }
    }
    // Its `lstat` (which file, and its size), then read whole; the names, the `written` line.
    #expect(journal == ["stat facts/pending", "pread facts/pending", "write facts/pending", "write facts/pending"])
    // Its `lstat`, then the release's facts at the end it gave: the four ranges the journal
    // names (two creates, the claim) are this process's.
    #expect(day == ["stat facts/2026/03/02.facts", "write facts/2026/03/02.facts"])
    #expect(try fixture.store().verify().problems.isEmpty)
  }

  /// A range another process appended (its claim, between two changes of this one) is read
  /// back and checked; this process's own are not.
  @Test func aRangeAnotherProcessWroteIsReadBack() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let log = CallLog(root: fixture.root, kinds: [.open, .read, .write])
    let store = try fixture.store(log)
    for request in ["r1", "r2"] {
      _ = try store.create(type: "technical", fields: technicalForm(request), requestID: nil, by: "alice", at: Self.start)
    }
    try claim(fixture.store())
    let day = try calls(on: Self.day, log) { try release(store) }
    #expect(day == ["stat facts/2026/03/02.facts", "read facts/2026/03/02.facts", "write facts/2026/03/02.facts"])
    #expect(try fixture.store().verify().problems.isEmpty)
  }

  /// Another process makes `facts/` again (its files removed, as an operator may, then
  /// `store rebuild`, which writes every fact): this process's next change names its case in
  /// the new journal and adds its facts to the new day file, and never writes the old files
  /// it held (which dcmc itself only empties in place).
  @Test func filesAnotherProcessMadeAgainAreOpenedAndTheOldOnesNotWritten() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    try createAndClaim(store)
    let (journal, day) = (fixture.root + "/" + Self.journal, fixture.root + "/" + Self.day)
    let oldJournal = try #require(FileHandle(forReadingAtPath: journal))
    let oldDay = try #require(FileHandle(forReadingAtPath: day))
    defer { for file in [oldJournal, oldDay] { try? file.close() } }
    try FileManager.default.removeItem(atPath: fixture.root + "/facts")
    _ = try fixture.store().rebuild()
    let lengths = try (oldJournal.seekToEnd(), oldDay.seekToEnd())
    let rebuilt = try Data(contentsOf: URL(fileURLWithPath: day)).count
    try release(store)
    #expect(try String(contentsOfFile: journal, encoding: .utf8).hasPrefix("TEC-000001\nwritten "))
    #expect(try Data(contentsOf: URL(fileURLWithPath: day)).count > rebuilt, "the release's facts are not in it")
    #expect(try (oldJournal.seekToEnd(), oldDay.seekToEnd()) == lengths, "a removed file was written")
    #expect(try fixture.store().verify().problems.isEmpty)
  }

  /// A day file another process replaced (a copy renamed over it, as a redo that rewrites it
  /// does): this process's next facts go to the file at the path, not to the one it held.
  @Test func aDayFileAnotherProcessReplacedIsOpenedAgainAndTheOldOneNotWritten() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    try createAndClaim(store)
    let path = fixture.root + "/" + Self.day
    let old = try #require(FileHandle(forReadingAtPath: path))
    defer { try? old.close() }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    try bytes.write(to: URL(fileURLWithPath: path + ".new"))
    #expect(rename(path + ".new", path) == 0)
    try release(store)
    #expect(try old.seekToEnd() == UInt64(bytes.count), "the replaced day file was written")
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count > bytes.count, "the release's facts are not in it")
    #expect(try fixture.store().verify().problems.isEmpty)
  }

  /// The same over the in-memory file system the crash-state tests use, which tells files
  /// apart by inode too: a journal replaced between two changes of one store is not written.
  @Test func theMemoryFileSystemTellsAReplacedJournalApart() throws {
    let fileSystem = MemoryFileSystem()
    let root = "/store"
    let store = try FileRuntime.openOrCreate(at: root, fileSystem: fileSystem)
    _ = try store.deploy(CaseStoreFixture.compiled.bundle, bytes: CaseStoreFixture.compiled.bytes)
    try createAndClaim(store)
    let path = root + "/" + Self.journal
    let held = try fileSystem.open(path, .read)
    defer { fileSystem.close(held) }
    let created = try fileSystem.open(path + ".new", .createExclusive)
    fileSystem.close(created)
    try fileSystem.rename(path + ".new", to: path)
    let oldLength = try fileSystem.size(held)
    try release(store)
    #expect(try fileSystem.size(held) == oldLength, "the replaced journal was written")
    guard case .file(let journal)? = fileSystem.tree()[path] else {
      Issue.record("no journal")
      return
    }
    #expect(String(decoding: journal, as: UTF8.self).hasPrefix("TEC-000001\nwritten "))
    #expect(try store.verify().problems.isEmpty)
  }

  /// Over more changes than the journal holds before it is emptied (`flushEvery`), on two
  /// days: every range the journal names is this process's own, kept while the journal
  /// names it and dropped when it is emptied, so no change reads either day file back.
  @Test func noChangeReadsBackItsOwnRangesAcrossDaysAndTheJournalsEmptying() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let log = CallLog(root: fixture.root, kinds: [.open, .read, .write])
    let store = try fixture.store(log)
    try createAndClaim(store)
    let nextDay = "facts/2026/03/03.facts"
    var calls: [String] = []
    // Two windows of `flushEvery` (64) changes, and some: the journal is emptied twice.
    for change in 0..<136 {
      let at = Self.start.adding(seconds: 120 + 60 * change + (change >= 68 ? 86_400 : 0))
      let command: Command = change.isMultiple(of: 2) ? .release(task: "TEC-000001.1") : .claim(task: "TEC-000001.1")
      let before = log.calls().count
      _ = try store.execute(command, onCase: "TEC-000001", by: "bob", at: at)
      calls += log.calls()[before...].filter { $0.hasSuffix(" " + Self.day) || $0.hasSuffix(" " + nextDay) }
    }
    #expect(calls.contains("write " + nextDay), "no facts went to the second day")
    #expect(calls.filter { $0.hasPrefix("read ") || $0.hasPrefix("pread ") }.isEmpty, "read back: \(calls)")
    #expect(try fixture.store().verify().problems.isEmpty)
  }
}
