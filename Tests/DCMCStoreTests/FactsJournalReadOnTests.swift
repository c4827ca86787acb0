import DCMCFiles
@testable import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// A process's write locks keep what the last one parsed of `facts/pending` with its bytes
/// (`HeldFactsFiles`, `docs/store.md`, "Held open across locks"): a lock whose journal still
/// begins with those bytes parses only what follows the last change read whole; one whose
/// journal another process wrote differently in between parses it whole again.
struct FactsJournalReadOnTests {
  static let names = Array("TEC-000001\n".utf8)
  static let written = Array("written 20514:0:10 @5\n".utf8)

  /// A store with an empty journal, and the files its locks keep.
  static func store(_ directory: TemporaryDirectory) throws -> (Store, HeldFactsFiles) {
    let repository = try FileCaseRepository.openOrCreate(at: directory.url.path + "/store")
    return (repository.store, HeldFactsFiles())
  }

  static func journal(_ store: Store, _ held: HeldFactsFiles) throws -> FactsJournal {
    let path = FileCaseRepository.pendingFactsPath
    return try #require(try FactsJournal(store, path: path, days: FileCaseRepository.factsPath, held: held))
  }

  /// One change (its names, then its `written` line) through its own lock.
  static func change(_ store: Store, _ held: HeldFactsFiles) throws {
    let journal = try journal(store, held)
    defer { journal.close() }
    _ = journal.pending
    _ = try journal.append(names)
    _ = try journal.append(written)
  }

  @Test func aLaterLockParsesOnlyWhatFollowsTheChangesReadWhole() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let (store, held) = try Self.store(directory)
    try Self.change(store, held)
    try Self.change(store, held)
    let journal = try Self.journal(store, held)
    defer { journal.close() }
    // The second lock parsed the first change (before writing its own): this one parses
    // only the second.
    let change = Self.names.count + Self.written.count
    #expect(journal.pending.changes == PendingFacts(journal.bytes).changes)
    #expect(journal.pending.changes.count == 2)
    #expect(journal.parsedBytes == change)
    // A change's names, then its `written` line: what follows the changes read whole (its
    // names twice, the second time with the line that makes it whole).
    _ = try journal.append(Self.names)
    #expect(journal.pending.changes.count == 3)
    _ = try journal.append(Self.written)
    #expect(journal.pending.changes == PendingFacts(journal.bytes).changes)
    #expect(journal.parsedBytes == 2 * change + Self.names.count)
    #expect(journal.pending.recordedEnds == ["TEC-000001": 5])
  }

  /// Another process emptied the journal and wrote a change of the same length (another
  /// case): the bytes differ from those kept, so the journal is parsed whole, and names it.
  @Test func aJournalAnotherProcessRewroteIsParsedWhole() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let (store, held) = try Self.store(directory)
    try Self.change(store, held)
    let path = FileCaseRepository.pendingFactsPath.absolute(in: store.root)
    let other = Array("TEC-000002\n".utf8) + Self.written
    let file = try PosixFileSystem().open(path, .readWrite)
    try PosixFileSystem().truncate(file, to: 0)
    try PosixFileSystem().write(file, other, at: 0)
    PosixFileSystem().close(file)
    let journal = try Self.journal(store, held)
    defer { journal.close() }
    #expect(journal.pending.changes.map(\.names) == [["TEC-000002"]])
    #expect(journal.parsedBytes == other.count)
  }

  /// Emptied in place by the lock (every `flushEvery` changes), the journal is parsed from
  /// its start again: nothing of what it held is kept.
  @Test func anEmptiedJournalKeepsNothingOfItsChanges() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let (store, held) = try Self.store(directory)
    try Self.change(store, held)
    let journal = try Self.journal(store, held)
    defer { journal.close() }
    #expect(journal.pending.changes.count == 1)
    try journal.truncate(to: 0)
    #expect(journal.pending.isEmpty)
    _ = try journal.append(Array("TEC-000003\n".utf8) + Self.written)
    #expect(journal.pending.changes.map(\.names) == [["TEC-000003"]])
  }
}
