import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// How often a durable command waits for the disk: what must be durable before its append
/// (the facts journal's line and the index entries it adds, in as many directories as it
/// touches) is flushed once, then its log is: two flushes, however many directories changed.
/// Before, the journal's `fdatasync` was followed by an `fsync` of each directory, and each of
/// those flushed the disk's cache again.
struct CommandFlushTests {
  /// The flushes of a command, each as its call and its path in the store.
  func flushLog(_ fixture: CaseStoreFixture) -> CallLog {
    CallLog(root: fixture.root, kinds: [.synchronize, .synchronizeDirectory, .synchronizeFileSystem])
  }

  static let start = Instant(secondsSinceEpoch: 1_772_442_000)  // 2026-03-02T09:00:00Z

  /// The fixture's store with TEC-000001 created and its task claimed by bob.
  static func claimedCase(_ fixture: CaseStoreFixture) throws -> FileRuntime {
    let store = try fixture.store()
    _ = try store.create(type: "technical", fields: technicalForm("r1"), requestID: nil, by: "alice", at: start)
    _ = try store.execute(.claim(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: start.adding(seconds: 60))
    return store
  }

  @Test func aClaimFlushesItsJournalAndNewEntriesOnceThenItsLog() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    _ = try fixture.store().create(
      type: "technical", fields: technicalForm("r1"), requestID: nil, by: "alice", at: Self.start)
    // The claim adds bob's holder directory and an entry in it, and names the case in the
    // facts journal: three things to make durable before the append.
    let claiming = flushLog(fixture)
    _ = try fixture.store(claiming).execute(
      .claim(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: Self.start.adding(seconds: 60))
    #expect(claiming.calls() == ["syncfs store.lock", "fdatasync streams/TEC-000001.log"])
    // The release adds a queue entry under new key directories: still one flush before the log.
    let releasing = flushLog(fixture)
    _ = try fixture.store(releasing).execute(
      .release(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: Self.start.adding(seconds: 120))
    #expect(releasing.calls() == ["syncfs store.lock", "fdatasync streams/TEC-000001.log"])
    #expect(try fixture.store().verify().problems.isEmpty)
  }

  /// A user's holder directory stays when their last task leaves it: the release removes the
  /// entry only, and the next claim links its entry into the directory that is there (one
  /// directory to flush, with an `fsync` of it alone, and no `mkdir`). Before, each release
  /// removed `holders/bob` and the next claim made it again (a refused `link`, two `mkdir`s)
  /// and had two directories to flush, which took a `syncfs`.
  @Test func aUsersHolderDirectoryStaysForTheirNextTask() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    _ = try Self.claimedCase(fixture)
    let kinds: Set<OperationKind> = [
      .makeDirectory, .removeDirectory, .synchronize, .synchronizeDirectory, .synchronizeFileSystem,
    ]
    let releasing = CallLog(root: fixture.root, kinds: kinds)
    _ = try fixture.store(releasing).execute(
      .release(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: Self.start.adding(seconds: 120))
    #expect(!releasing.calls().contains { $0.contains("holders") })
    #expect(FileManager.default.fileExists(atPath: fixture.root + "/holders/bob"))
    let claiming = CallLog(root: fixture.root, kinds: kinds)
    _ = try fixture.store(claiming).execute(
      .claim(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: Self.start.adding(seconds: 180))
    // The queue entry the claim takes away goes with its day and minute directories.
    #expect(
      claiming.calls().filter { !$0.hasPrefix("rmdir queues/") } == [
        "fsync holders/bob", "fdatasync streams/TEC-000001.log",
      ])
    #expect(try fixture.store().verify().problems.isEmpty)
  }

  /// A claim into bob's existing holder directory, whose case the facts journal does not name
  /// (emptied since, as every 64 changes): the journal's line and the one directory are each
  /// flushed on their own (`fdatasync`, `fsync`), then the log. Before, the two took a
  /// `syncfs`, which writes back every dirty file of the file system, where the same claim in
  /// a store without facts flushed its one directory alone.
  @Test func aClaimFlushesTheJournalAndItsOneDirectoryEachOnItsOwn() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try Self.claimedCase(fixture)
    _ = try store.execute(
      .release(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: Self.start.adding(seconds: 120))
    try Data().write(to: URL(fileURLWithPath: fixture.root + "/facts/pending"))
    let claiming = flushLog(fixture)
    _ = try fixture.store(claiming).execute(
      .claim(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: Self.start.adding(seconds: 180))
    #expect(
      claiming.calls() == ["fdatasync facts/pending", "fsync holders/bob", "fdatasync streams/TEC-000001.log"])
    #expect(try fixture.store().verify().problems.isEmpty)
  }

  /// A `task open` adds no index entry, and its case is named in the facts journal by the
  /// claim before it (a flushed line that recorded the log's end): it waits for the disk once,
  /// for its log. Before, the journal's `fdatasync` came first, as it still does when the
  /// journal does not name the case (`journalEmptied`: emptied since, as every 64 changes).
  @Test(arguments: [false, true]) func aChangeThatAddsNoEntryFlushesTheJournalOnlyWhenItDoesNotNameTheCase(
    journalEmptied: Bool
  ) throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    _ = try Self.claimedCase(fixture)
    let journal = fixture.root + "/facts/pending"
    if journalEmptied { try Data().write(to: URL(fileURLWithPath: journal)) }
    // Starting work on a claimed task keeps every index entry where it was.
    let opening = flushLog(fixture)
    _ = try fixture.store(opening).execute(
      .open(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: Self.start.adding(seconds: 120))
    let log = "fdatasync streams/TEC-000001.log"
    #expect(opening.calls() == (journalEmptied ? ["fdatasync facts/pending", log] : [log]))
    #expect(try String(contentsOfFile: journal, encoding: .utf8).contains("again TEC-000001\n") == !journalEmptied)
    #expect(try fixture.store().verify().problems.isEmpty)
  }

  /// The facts journal is opened and read once per change, and written through that descriptor
  /// (its names before the append, its `written` line after); the day file is opened once,
  /// for the settling's read of the ranges the journal names and the change's facts. Before,
  /// the journal was opened four times (settling, `namedAlready`, the names, the `written`
  /// line) and read twice, the day file opened twice, and each range read on its own.
  @Test func aChangeOpensTheFactsJournalAndItsDayFileOnce() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    _ = try store.create(type: "technical", fields: technicalForm("r1"), requestID: nil, by: "alice", at: Self.start)
    _ = try store.create(type: "technical", fields: technicalForm("r2"), requestID: nil, by: "alice", at: Self.start)
    let calls = CallLog(root: fixture.root, kinds: [.open, .read, .write])
    _ = try fixture.store(calls).execute(
      .claim(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: Self.start.adding(seconds: 60))
    let journal = calls.calls().filter { $0.hasSuffix(" facts/pending") }
    let day = calls.calls().filter { $0.hasSuffix(" facts/2026/03/02.facts") }
    // Opened, its size, then read whole in one `pread` of a byte more (`read` took a second
    // `pread` to find the end); the claim's names, then its `written` line.
    #expect(journal == ["open facts/pending", "stat facts/pending", "pread facts/pending", "write facts/pending",
      "write facts/pending"])
    // Opened and its size taken (which file it is, kept for the store's next change:
    // `HeldFactsFilesTests`); the two creates' ranges read in one call; the claim's facts at
    // the end it gave.
    #expect(day == ["open facts/2026/03/02.facts", "stat facts/2026/03/02.facts", "read facts/2026/03/02.facts",
      "write facts/2026/03/02.facts"])
    #expect(try fixture.store().verify().problems.isEmpty)
  }
}
