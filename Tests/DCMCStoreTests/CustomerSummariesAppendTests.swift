import DCMCApplication
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// The customer summaries kept append-only: a command on a linked case writes that case's
/// line alone, whatever the record's number of cases; the file is compacted once it holds
/// more than twice as many lines as live cases; a file in the whole-rewrite format is read,
/// then rewritten framed by its first append.
@Suite struct CustomerSummariesAppendTests {
  typealias Fixture = CustomerCaseIndexTests.Fixture
  static let monday = CustomerCaseIndexTests.monday
  static let file = "by-customer/.CUS-000002.summaries"

  /// A file system that counts the bytes written to and read from files whose path contains
  /// `part`.
  final class ByteCounter: ForwardingFileSystem, @unchecked Sendable {
    let base: any FileSystem = PosixFileSystem()
    let part: String
    private let lock = NSLock()
    private var counts = (written: 0, read: 0)

    init(_ part: String) { self.part = part }

    var written: Int { lock.withLock { counts.written } }
    var read: Int { lock.withLock { counts.read } }

    func write(_ file: FileDescriptor, _ bytes: [UInt8], at offset: Int) throws(FileError) {
      if file.path.contains(part) { lock.withLock { counts.written += bytes.count } }
      try base.write(file, bytes, at: offset)
    }

    func read(_ file: FileDescriptor) throws(FileError) -> [UInt8] {
      let bytes = try base.read(file)
      if file.path.contains(part) { lock.withLock { counts.read += bytes.count } }
      return bytes
    }

    func read(_ file: FileDescriptor, at offset: Int, count: Int) throws(FileError) -> [UInt8] {
      let bytes = try base.read(file, at: offset, count: count)
      if file.path.contains(part) { lock.withLock { counts.read += bytes.count } }
      return bytes
    }
  }

  static func lines(_ store: Fixture) throws -> [SummaryLine] {
    try Data(contentsOf: store.url(file)).split(separator: 10).map { try #require(SummaryLine(Array($0)[...])) }
  }

  /// Claims or releases the first task of `id` as the `step`-th command.
  static func toggle(_ id: String, step: Int, _ runtime: FileRuntime) throws {
    let command: Command = step % 2 == 0 ? .claim(task: "\(id).1") : .release(task: "\(id).1")
    _ = try runtime.execute(command, onCase: id, by: "bob", at: monday.adding(seconds: 3600 + 60 * step))
  }

  @Test("a command on a case of a record with N cases writes one line to its summaries, not N", arguments: [5, 40])
  func anAppendWritesOneLine(cases: Int) throws {
    let store = try Fixture(cases: cases)
    defer { store.directory.remove() }
    let size = try Data(contentsOf: store.url(Self.file)).count
    #expect(size > cases * 300)
    let counter = ByteCounter(".CUS-000002.summaries")
    try Self.toggle(store.duplicateCases[0], step: 0, store.runtime(counter))
    let grown = try Data(contentsOf: store.url(Self.file)).count
    #expect(counter.written == grown - size, "the file was written again rather than appended to")
    #expect((200..<1_000).contains(counter.written))
    #expect(counter.read <= 4_096)
    #expect(
      try CustomerSummariesTests.summaries(store, "CUS-000002")
        == CustomerSummariesTests.expected(store, store.duplicateCases))
  }

  @Test("the file is compacted to one line per case once it holds more than twice as many and more than the floor")
  func compactionAtTwiceTheLiveLines() throws {
    let store = try Fixture(cases: 1)
    defer { store.directory.remove() }
    let (id, runtime) = (store.duplicateCases[0], try store.runtime())
    #expect(try Self.lines(store).count == 1)
    for step in 0..<(CustomerSummaries.compactionFloor - 1) {
      try Self.toggle(id, step: step, runtime)
      #expect(try Self.lines(store).count == step + 2)
    }
    let full = try Self.lines(store)
    #expect(full.map(\.number) == Array(1...CustomerSummaries.compactionFloor) && full.allSatisfy { $0.live == 1 })
    try Self.toggle(id, step: CustomerSummaries.compactionFloor - 1, runtime)
    let compacted = try Self.lines(store)
    #expect(compacted.count == 1 && compacted[0].number == 1 && compacted[0].live == 1)
    #expect(compacted[0].summary != full.last?.summary, "the compacted file lost the newest line")
    let listed = try FileManager.default.contentsOfDirectory(atPath: store.root + "/by-customer")
    #expect(!listed.contains { $0.hasSuffix(".tmp") })
    let counter = CustomerSummariesTests.OpenCounter()
    #expect(
      try CustomerSummariesTests.summaries(store, "CUS-000002", counter) == CustomerSummariesTests.expected(store, [id])
    )
    #expect(counter.opens(containing: "/states/") == 0)
    #expect(try runtime.verify().problems == [])
    #expect(try runtime.rebuild().repaired == [])
  }

  @Test("a file in the whole-rewrite format is read as it is, and its first append rewrites it framed")
  func theOlderFormatIsReadThenRewritten() throws {
    let store = try Fixture(cases: 3)
    defer { store.directory.remove() }
    let summaries = try Self.lines(store).map { String(decoding: $0.summary, as: UTF8.self) + "\n" }.sorted().joined()
    try Data((summaries + CustomerSummariesTests.checksumLine(of: summaries)).utf8).write(to: store.url(Self.file))
    let all = try CustomerSummariesTests.expected(store, store.duplicateCases)
    let counter = CustomerSummariesTests.OpenCounter()
    #expect(try CustomerSummariesTests.summaries(store, "CUS-000002", counter) == all)
    #expect(counter.opens(containing: "/states/") == 0)
    let runtime = try store.runtime()
    #expect(try runtime.verify().problems == [])
    #expect(try runtime.rebuild().repaired == [], "a file in the older format whose lines are right is left")
    try Self.toggle(store.duplicateCases[0], step: 0, runtime)
    #expect(try Self.lines(store).count == 3)
    counter.reset()
    #expect(
      try CustomerSummariesTests.summaries(store, "CUS-000002", counter)
        == CustomerSummariesTests.expected(store, store.duplicateCases))
    #expect(counter.opens(containing: "/states/") == 0)
  }
}
