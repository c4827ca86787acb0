import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
@testable import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// Issue 18 (creates a second through `dcmc serve`): what a round of creates costs the file
/// system. Its index entries share one inode (a `link` each, not a new file: ext4's inode
/// allocation was the largest cost of a create), and each numbering file is written once a
/// round, with the highest number the round took.
@Suite struct CreateRoundFilesTests {
  static let monday = Timestamp("2026-03-02T09:00:00+01:00")!.instant
  static let indexes = ["timers", "workbins", "queues", "holders", "open", "by-customer"]

  /// Every entry file of the runtime's indexes under `root`, with its inode number.
  static func entries(under root: String) throws -> [(path: String, inode: UInt64)] {
    var found: [(String, UInt64)] = []
    for index in indexes {
      let directory = root + "/" + index
      guard let walk = FileManager.default.enumerator(atPath: directory) else { continue }
      for case let relative as String in walk {
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/" + relative)
        // Names starting with `.` are the store's own files (`.CUS-000001.summaries`), not entries.
        guard attributes[.type] as? FileAttributeType == .typeRegular,
          !(relative.split(separator: "/").last ?? "").hasPrefix(".")
        else { continue }
        found.append((index + "/" + relative, (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0))
      }
    }
    return found.sorted { $0.0 < $1.0 }
  }

  /// `count` technical cases of one customer made in a store of their own: their creations,
  /// as a batch of new cases to append elsewhere (numbers 1, 2, ...).
  static func creations(_ count: Int = 2) throws -> [CaseChangeSet] {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let runtime = try FileRuntime.openOrCreate(at: directory.url.path + "/store")
    let (bundle, bytes) = CaseStoreFixture.compiled
    _ = try runtime.deploy(bundle, bytes: bytes)
    return try (1...count).map { number in
      let state = try runtime.create(
        type: "technical", fields: technicalForm("round \(number)"), requestID: nil, by: "alice",
        at: monday.adding(seconds: 60 * number))
      let events = try #require(try runtime.history(of: StoreID(state.id)))
      return CaseChangeSet(before: nil, events: events, after: state, sequence: number)
    }
  }

  /// An empty store with the same bundle.
  static func emptyStore(in directory: TemporaryDirectory) throws -> FileRuntime {
    let runtime = try FileRuntime.openOrCreate(at: directory.url.path + "/store")
    let (bundle, bytes) = CaseStoreFixture.compiled
    _ = try runtime.deploy(bundle, bytes: bytes)
    return runtime
  }

  @Test func aRoundOfCreatesMakesOneInodeForAllItsIndexEntries() throws {
    let creations = try Self.creations()
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let runtime = try Self.emptyStore(in: directory)
    #expect(try runtime.repository.append(creations, tick: nil) == [.appended, .appended])
    let entries = try Self.entries(under: runtime.store.root)
    // Each case: its timer, its task's workbin and queue entries, its open entry at least (three a case).
    #expect(entries.count >= 6)
    #expect(Set(entries.map(\.inode)).count == 1, "\(entries)")
    #expect(try runtime.verify().problems.isEmpty)
    // A later command's entries link to the files it removes, or to one of its own: still
    // no inode per entry, and the case reads the same.
    let first = creations[0].after
    _ = try runtime.execute(.escalate(task: first.id + ".1"), onCase: first.id, by: "alice", at: Self.monday.adding(seconds: 600))
    #expect(Set(try Self.entries(under: runtime.store.root).map(\.inode)).count <= 2)
    #expect(try runtime.verify().problems.isEmpty)
  }

  @Test func anEntryWhoseSharedFileIsGoneIsCreatedAndSharedOnward() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let root = directory.url.path
    let index = EntryIndex(fileSystem: PosixFileSystem(), directory: root + "/workbins")
    var shared: String? = root + "/gone"
    let changed = try index.insert(
      [.init(entry: StoreID("T-1"), key: [StoreID("a")]), .init(entry: StoreID("T-2"), key: [StoreID("b")])],
      sharing: &shared)
    #expect(shared == root + "/workbins/a/T-1")
    #expect(changed == [root, root + "/workbins", root + "/workbins/a", root + "/workbins/b"])
    let inodes = try ["a/T-1", "b/T-2"].map { name in
      try FileManager.default.attributesOfItem(atPath: root + "/workbins/" + name)[.systemFileNumber] as? NSNumber
    }
    #expect(inodes[0] != nil && inodes[0] == inodes[1])
  }

  /// A create under keys that exist (the same minute, workbin and queue as the one before)
  /// makes no directory and tries none (`mkdir` of each level of each key was a refused call
  /// per level per entry), links its entries to its first, and creates no other entry file.
  @Test func aCreateUnderExistingKeysMakesNoDirectoryAndOneEntryFile() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    _ = try fixture.store().create(type: "technical", fields: technicalForm("r1"), requestID: nil, by: "alice", at: Self.monday)
    let calls = CallLog(root: fixture.root, kinds: [.makeDirectory, .link, .open])
    _ = try fixture.store(calls).create(
      type: "technical", fields: technicalForm("r2"), requestID: nil, by: "alice", at: Self.monday)
    #expect(calls.calls().filter { $0.hasPrefix("mkdir ") } == [])
    let entries = calls.calls().filter { call in
      Self.indexes.contains { call.contains(" \($0)/") } && !call.contains("/.")
    }
    #expect(entries.filter { $0.hasPrefix("open ") }.count == 1, "\(entries)")
    #expect(entries.filter { $0.hasPrefix("link ") }.count >= 2, "\(entries)")
    #expect(try fixture.store().verify().problems.isEmpty)
  }

  @Test func aRoundWritesEachNumberingFileOnceWithItsHighestNumber() throws {
    let creations = try Self.creations()
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let runtime = try Self.emptyStore(in: directory)
    // A round takes its changes in the order they joined it, not in the order of their numbers.
    #expect(try runtime.repository.append(creations.reversed(), tick: nil) == [.appended, .appended])
    #expect(try runtime.repository.lastSequence(of: "technical") == 2)
    #expect(try runtime.verify().problems.isEmpty)
  }

  /// The summaries of a customer's cases are written once a round, with the lines of all the
  /// round's cases filed under the customer: one open and one write (and a read of the end of
  /// an existing file), where each create opened, read and wrote the file (five calls).
  @Test func aRoundWritesEachCustomersSummariesOnce() throws {
    let creations = try Self.creations(4)
    let customer = try #require(creations[0].after.customer)
    #expect(creations.allSatisfy { $0.after.customer == customer })
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let runtime = try Self.emptyStore(in: directory)
    let calls = CallLog(root: runtime.store.root, kinds: [.open, .read, .write])
    let repository = try FileCaseRepository.open(at: runtime.store.root, fileSystem: calls)
    let summaries = "by-customer/.\(customer).summaries"
    // A new file: the refused open, its creation, one write of both lines.
    #expect(try repository.append(Array(creations[0..<2]), tick: nil) == [.appended, .appended])
    #expect(calls.calls().filter { $0.hasSuffix(summaries) } == ["open " + summaries, "open " + summaries, "write " + summaries])
    // An existing file: opened, its size and end read, both lines written in one write.
    let before = calls.calls().count
    #expect(try repository.append(Array(creations[2..<4]), tick: nil) == [.appended, .appended])
    #expect(
      calls.calls()[before...].filter { $0.hasSuffix(summaries) }
        == ["open " + summaries, "stat " + summaries, "read " + summaries, "write " + summaries])
    let lines = try String(contentsOfFile: runtime.store.root + "/" + summaries, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines.map { $0.split(separator: " ")[1...2].joined(separator: " ") } == ["1 1", "2 2", "3 3", "4 4"])
    #expect(try runtime.verify().problems.isEmpty)
  }

  /// A round's report facts of one day are written to its day file in one write, where each
  /// create wrote its own (a `pwrite` a create under the lock), and the journal's `written`
  /// line names each create's range as before: the same bytes as four rounds of one create.
  @Test func aRoundWritesEachDayOfFactsOnce() throws {
    let creations = try Self.creations(4)
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let runtime = try Self.emptyStore(in: directory)
    let calls = CallLog(root: runtime.store.root, kinds: [.write])
    let repository = try FileCaseRepository.open(at: runtime.store.root, fileSystem: calls)
    #expect(try repository.append(creations, tick: nil) == Array(repeating: .appended, count: 4))
    let days = calls.calls().filter { $0.hasPrefix("write facts/") && $0.hasSuffix(".facts") }
    #expect(days.count == 1, "\(days)")
    let pending = try #require(try runtime.store.contents(of: FileCaseRepository.pendingFactsPath))
    let written = try #require(PendingFacts(pending).changes.last?.written)
    #expect(written.count == 4)
    #expect(zip(written, written.dropFirst()).allSatisfy { $0.to == $1.from && $0.day == $1.day })
    #expect(try repository.pendingFactsSettled())
    #expect(try runtime.verify().problems.isEmpty)
    // One create a round writes the same day file.
    let other = try TemporaryDirectory()
    defer { other.remove() }
    let single = try Self.emptyStore(in: other)
    for creation in creations { #expect(try single.repository.append([creation], tick: nil) == [.appended]) }
    let day = String(try #require(days.first).dropFirst("write ".count))
    #expect(
      try single.store.contents(of: StorePath(day.split(separator: "/").map { try StoreID(String($0)) }))
        == runtime.store.contents(of: StorePath(day.split(separator: "/").map { try StoreID(String($0)) })))
  }

  /// A new case's state cache is created at once (`O_EXCL`): no `open` of it refused first,
  /// and no `ftruncate` of the empty file just made (main did both for every create).
  @Test func aNewCaseStateIsCreatedWithoutARefusedOpenOrATruncate() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    _ = try fixture.store().create(type: "technical", fields: technicalForm("r1"), requestID: nil, by: "alice", at: Self.monday)
    let calls = CallLog(root: fixture.root, kinds: [.open, .truncate, .write])
    let created = try fixture.store(calls).create(
      type: "technical", fields: technicalForm("r2"), requestID: nil, by: "alice", at: Self.monday)
    let state = calls.calls().filter { $0.hasSuffix(" states/\(created.id).json") }
    // The append's check that no state is left where the new case goes (refused), its creation,
    // its write.
    #expect(state == ["open states/\(created.id).json", "open states/\(created.id).json", "write states/\(created.id).json"])
    #expect(try fixture.store().verify().problems.isEmpty)
  }

  /// A file found where a new file was expected is rewritten whole, as any other.
  @Test func aFileFoundWhereANewOneWasExpectedIsRewrittenWhole() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.url.path + "/state.json"
    let files = DurableFiles(fileSystem: PosixFileSystem())
    try files.overwrite(path, with: Array("a longer leftover".utf8), new: true)
    try files.overwrite(path, with: Array("short".utf8), new: true)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("short".utf8))
  }
}

