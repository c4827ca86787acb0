import DCMCFiles
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// Issue 15: `customer cases` checks each case's log end with one single-shot read
/// (`FileSystem.readOnce`, one `pread` on the real file system) of the last record and one
/// byte more. Before, it asked the looping read, which `pread` again until a read of 0 bytes:
/// two system calls per case, a thousand more for a customer with 1,000 cases.
@Suite struct CustomerSummariesLogEndTests {
  typealias Fixture = CustomerCaseIndexTests.Fixture

  /// A real file system whose single-shot read answers only the first byte, as a file system
  /// that answers in parts may, and that counts the state caches it opens.
  final class PartialReads: ForwardingFileSystem, @unchecked Sendable {
    let base: any FileSystem = PosixFileSystem()
    private let lock = NSLock()
    private var stateOpens = 0

    func willCall(_ kind: OperationKind, _ operation: String, _ path: String) throws(FileError) {
      if kind == .open, path.contains("/states/") { lock.withLock { stateOpens += 1 } }
    }

    func readOnce(_ file: FileDescriptor, at offset: Int, count: Int) throws(FileError) -> [UInt8] {
      try base.readOnce(file, at: offset, count: min(count, 1))
    }

    var statesOpened: Int { lock.withLock { stateOpens } }
  }

  @Test("each case's log is opened once and read with one single-shot read")
  func oneReadPerCase() throws {
    let store = try Fixture(cases: 4)
    defer { store.directory.remove() }
    let calls = CallLog(root: store.root, kinds: [.open, .read])
    let listed = try CustomerSummariesTests.summaries(store, "CUS-000002", calls)
    #expect(listed == (try CustomerSummariesTests.expected(store, store.duplicateCases)))
    let logCalls = calls.calls().filter { $0.contains("streams/") }
    #expect(
      logCalls
        == store.duplicateCases.flatMap { ["open streams/\($0).log", "pread streams/\($0).log"] })
    #expect(!calls.calls().contains { $0.contains("states/") })
  }

  @Test("a single-shot read cut short before the record's end reads on: the line is still served")
  func aShortReadReadsOn() throws {
    let store = try Fixture(cases: 2)
    defer { store.directory.remove() }
    let partial = PartialReads()
    let listed = try CustomerSummariesTests.summaries(store, "CUS-000002", partial)
    #expect(listed == (try CustomerSummariesTests.expected(store, store.duplicateCases)))
    // The lines were served: no case was read from its state cache.
    #expect(partial.statesOpened == 0)
  }

  @Test("the real single-shot read gives fewer bytes only at the end of the file")
  func posixReadOnceStopsAtTheEnd() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.url.path + "/file"
    try Data("0123456789".utf8).write(to: URL(fileURLWithPath: path))
    let fileSystem = PosixFileSystem()
    let file = try fileSystem.open(path, .read)
    defer { fileSystem.close(file) }
    #expect(try fileSystem.readOnce(file, at: 2, count: 4) == Array("2345".utf8))
    #expect(try fileSystem.readOnce(file, at: 6, count: 5) == Array("6789".utf8))
    #expect(try fileSystem.readOnce(file, at: 10, count: 1) == [])
  }
}
