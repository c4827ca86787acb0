import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// The index of the cases not finished (`open/<case id>`): the open cases read through it
/// (`CaseFilter.open`, what `ReportNow` asks) are those a read of every case finds; `store
/// verify` names a missing entry and a stray, `store rebuild` repairs both, and a store made
/// before the index is read case by case until rebuild makes the index whole.
@Suite struct OpenCaseIndexTests {
  static let start = Instant(secondsSinceEpoch: 1_772_438_400)

  /// Seeded cases, each left open, in progress, pending, closed or cancelled.
  static func seeded(_ fixture: CaseStoreFixture, seed: UInt64) throws -> FileRuntime {
    let store = try fixture.store()
    var random = SeededGenerator(seed: seed)
    for number in 0..<24 {
      let at = start.adding(seconds: number * 600)
      let created = try store.create(
        type: "technical", fields: technicalForm("\(number)"), requestID: nil, by: "alice", at: at)
      let task = created.id + ".1"
      switch random.next() % 5 {
      case 0: break
      case 1:
        _ = try store.execute(.assign(task: task, to: "alice"), onCase: created.id, by: "sam", at: at.adding(seconds: 60))
      case 2: _ = try store.execute(.pend, onCase: created.id, by: "alice", at: at.adding(seconds: 60))
      case 3:
        _ = try store.execute(.assign(task: task, to: "alice"), onCase: created.id, by: "sam", at: at.adding(seconds: 60))
        _ = try store.execute(
          .complete(task: task, outcome: "resolved", data: [:]), onCase: created.id, by: "alice",
          at: at.adding(seconds: 120))
      default: _ = try store.execute(.cancel, onCase: created.id, by: "sam", at: at.adding(seconds: 60))
      }
    }
    return store
  }

  /// The open cases a read of every case finds.
  static func slowPath(_ store: FileRuntime) throws -> [CaseState] {
    try store.repository.cases(CaseFilter()).cases.filter { $0.status != .closed && $0.status != .cancelled }
  }

  @Test(arguments: [1, 2, 3] as [UInt64]) func theIndexGivesTheOpenCasesEveryCaseGives(seed: UInt64) throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try Self.seeded(fixture, seed: seed)
    let open = try store.repository.cases(CaseFilter(open: true)).cases
    #expect(open == (try Self.slowPath(store)))
    #expect(!open.isEmpty && open.count < 24)
    let entries = try FileManager.default.contentsOfDirectory(atPath: fixture.root + "/open").sorted()
    #expect(entries == open.map(\.id).sorted())
    #expect(try store.verify().problems == [])
  }

  @Test func verifyNamesAMissingEntryAndAStrayAndRebuildRepairsThem() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try Self.seeded(fixture, seed: 4)
    let expected = try Self.slowPath(store)
    let first = try #require(expected.first).id
    try FileManager.default.removeItem(atPath: fixture.root + "/open/" + first)
    try FileManager.default.createDirectory(atPath: fixture.root + "/open/x", withIntermediateDirectories: false)
    #expect(
      try store.verify().problems == [
        "case '\(first)': missing from the open cases (open/\(first))", "open/x: stray directory in the index",
      ])
    #expect(try store.repository.rebuild().repaired.filter { $0.hasPrefix("open/") } == ["open/\(first)", "open/x"])
    #expect(try store.verify().problems == [])
    #expect(try store.repository.cases(CaseFilter(open: true)).cases == expected)
  }

  /// Without `open/` a store is read case by case and its changes add no entry; rebuild makes
  /// the index whole, which is no repair.
  @Test func aStoreWithoutTheIndexGetsItOnRebuild() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try Self.seeded(fixture, seed: 5)
    try FileManager.default.removeItem(atPath: fixture.root + "/open")
    _ = try store.create(
      type: "technical", fields: technicalForm("late"), requestID: nil, by: "alice", at: Self.start.adding(seconds: 86_400))
    #expect(!FileManager.default.fileExists(atPath: fixture.root + "/open"))
    let expected = try Self.slowPath(store)
    #expect(try store.repository.cases(CaseFilter(open: true)).cases == expected)
    #expect(try store.verify().problems == [])
    #expect(try store.repository.rebuild().repaired.filter { $0.hasPrefix("open") } == [])
    let entries = try FileManager.default.contentsOfDirectory(atPath: fixture.root + "/open").sorted()
    #expect(entries == expected.map(\.id).sorted())
    #expect(try store.repository.cases(CaseFilter(open: true)).cases == expected)
  }

  /// Whether `open/` is there is one `lstat`, not a listing of its names (100,000 of them on a
  /// large store): `store verify` lists it once, for its stray scan, however many entries it
  /// finds missing (it asked once per missing entry), and the open cases' query once, for their
  /// names (it listed it twice).
  @Test func verifyAndTheOpenCasesListOpenOnce() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let open = try Self.slowPath(try Self.seeded(fixture, seed: 6)).map(\.id)
    #expect(open.count > 3)
    for id in open { try FileManager.default.removeItem(atPath: fixture.root + "/open/" + id) }
    let log = CallLog(root: fixture.root, kinds: [.list])
    let store = try fixture.store(log)
    #expect(try store.verify().problems == open.map { "case '\($0)': missing from the open cases (open/\($0))" })
    #expect(log.calls().filter { $0 == "list open" }.count == 1)
    let listed = log.calls().count
    #expect(try store.repository.cases(CaseFilter(open: true)).cases.isEmpty)
    #expect(log.calls()[listed...].filter { $0 == "list open" }.count == 1)
  }

  /// A file system that cannot tell files apart (`status` gives `nil`, as the protocol allows)
  /// is asked for the listing instead: the index is still found there, and a missing entry named.
  @Test func aFileSystemThatCannotTellFilesApartStillFindsTheIndex() throws {
    struct Blind: ForwardingFileSystem {
      let base: any FileSystem = PosixFileSystem()
      func status(_ path: String) throws(FileError) -> FileStatus? { nil }
    }
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let expected = try Self.slowPath(try Self.seeded(fixture, seed: 7))
    let first = try #require(expected.first).id
    try FileManager.default.removeItem(atPath: fixture.root + "/open/" + first)
    let store = try fixture.store(Blind())
    #expect(try store.verify().problems == ["case '\(first)': missing from the open cases (open/\(first))"])
    #expect(try store.repository.cases(CaseFilter(open: true)).cases == Array(expected.dropFirst()))
  }
}
