import DCMCApplication
import DCMCCalendar
import DCMCRuntime
@testable import DCMCStore
import Synchronization
import Testing
import _DCMCTestSupport

/// A change prepared before the store's lock (`CaseRepository.prepare`,
/// `FileCaseRepository.PreparedCaseChange`, `docs/store.md`, "Group commit"): `GroupCommit` has
/// each request prepare its changes in its own thread, the append under the lock writes what
/// was prepared, and the bytes are those the CLI's direct append writes.
@Suite struct PreparedAppendTests {
  static let root = "/store"
  static let now = Instant(secondsSinceEpoch: 1_772_442_000)  // 2026-03-02T09:00:00Z

  /// A deployed store on a file system in memory.
  static func store() throws -> (MemoryFileSystem, FileRuntime) {
    let memory = MemoryFileSystem()
    let runtime = try FileRuntime.openOrCreate(at: root, fileSystem: memory)
    _ = try runtime.deploy(CaseStoreFixture.compiled.bundle, bytes: CaseStoreFixture.compiled.bytes)
    return (memory, runtime)
  }

  /// The same commands on `runtime`, each at an instant of its own: creates linked to a
  /// customer record (state caches, summaries, facts, index entries), a create with a request
  /// id, then claims and releases of the first case's task (updates: entries moved, facts).
  static func script(_ runtime: FileRuntime, committer: GroupCommit?) throws {
    func service(_ step: Int) -> CaseService {
      var service = runtime.at(now.adding(seconds: 60 * step))
      service.committer = committer
      return service
    }
    let first = try service(0).create(type: "technical", fields: technicalForm("p0"), request: nil, by: "alice")
    for number in 1...3 {
      _ = try service(number).create(
        type: "technical", fields: technicalForm("p\(number)"), request: number == 2 ? "req-\(number)" : nil,
        customer: first.customer, by: "alice")
    }
    for step in 4...7 {
      let command: DCMCRuntime.Command = step % 2 == 0 ? .claim(task: "\(first.id).1") : .release(task: "\(first.id).1")
      _ = try service(step).execute(command, onCase: first.id, by: "bob")
    }
  }

  @Test func thePreparedPathWritesTheSameBytesAsTheDirectAppend() throws {
    let (direct, directRuntime) = try Self.store()
    try Self.script(directRuntime, committer: nil)
    let (prepared, preparedRuntime) = try Self.store()
    let counting = CountingRepository(preparedRuntime.repository)
    try Self.script(preparedRuntime, committer: GroupCommit(repository: counting))
    #expect(counting.appended.withLock { $0 } == (prepared: 8, unprepared: 0))
    let (before, after) = (direct.tree(), prepared.tree())
    // What a prepared change writes, all compared: logs, state caches, a customer's
    // summaries, report facts, index entries.
    for part in ["/streams/", "/states/", ".summaries", "/facts/2026/", "/open/", "/holders/"] {
      #expect(after.keys.contains { $0.contains(part) }, "nothing written under \(part)")
    }
    #expect(before.keys.sorted() == after.keys.sorted())
    for (path, entry) in before where after[path] != entry {
      Issue.record("\(path) differs between the direct and the prepared append")
    }
    #expect(try preparedRuntime.verify().problems == [])
  }

  /// The append writes the bytes prepared for a change, not bytes made again under the lock:
  /// a prepared change whose state is altered afterwards (which no caller does: the prepared
  /// value is set last) still writes the state it was prepared with, and the same change
  /// not prepared writes the altered one.
  @Test func theAppendWritesWhatWasPrepared() throws {
    let (_, made) = try Self.store()
    let counting = CountingRepository(made.repository)
    var service = made.at(Self.now)
    service.committer = GroupCommit(repository: counting)
    let created = try service.create(type: "technical", fields: technicalForm("t"), request: nil, by: "alice")
    var altered = try #require(counting.lastAppended.withLock { $0 }.first)
    #expect(altered.prepared != nil)
    altered.after.priority += 1
    for prepared in [true, false] {
      let (_, other) = try Self.store()
      var change = altered
      if !prepared { change.prepared = nil }
      #expect(try other.repository.append([change], tick: nil) == [.appended])
      let state = try #require(try other.repository.loadForUpdate(created.id))
      #expect(state.priority == (prepared ? created.priority : created.priority + 1))
    }
  }

  /// A link of a history's chain is the CRC-32C of the chain so far and the record's CRC, both
  /// as 4 big-endian bytes (`docs/store.md`, "How far a history went"), computed on the stack.
  @Test func aChainLinkIsTheChecksumOfBothWordsBigEndian() {
    let records = HistoryLog.records([Array("first".utf8), Array("second".utf8), Array("third".utf8)], after: 0)
    var expected: UInt32 = 0
    for record in records {
      let words = [expected, record.checksum]
      expected = CRC32C.checksum(words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) } })
    }
    #expect(HistoryChain(records) == HistoryChain(sequence: 3, text: "crc32c:" + hex(expected)))
    #expect(HistoryChain(records).value != 0)
  }

  func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
  }
}
