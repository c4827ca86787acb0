import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// A store of format 1 (`Fixtures/store-v1`, made by the previous dcmc) through the file
/// repository: read as it is without a write, upgraded by the first write without a byte of
/// its histories changed, and an upgrade interrupted at any call is safe to run again.
struct CaseStoreUpgradeTests {
  static let formatOne = Array(#"{"format":"dcmc-store","version":1}"#.utf8) + [10]
  static let formatTwo = Array(#"{"format":"dcmc-store","version":2}"#.utf8) + [10]
  /// After the fixture's last tick: eve, an expert, claims the queued expert review of TEC-000002.
  static let now = Timestamp("2026-03-06T15:30:00Z")!.instant

  /// A copy of the fixture in a temporary directory.
  struct Copy {
    let directory: TemporaryDirectory
    var root: String { directory.url.path + "/store" }

    init() throws {
      directory = try TemporaryDirectory()
      try FileManager.default.copyItem(atPath: LegacyRecordTests.store.path, toPath: root)
    }

    func tree() throws -> MemoryFileSystem.Tree { try StoreFixture.tree(at: root) }
  }

  static func claim(_ root: String, _ fileSystem: any FileSystem = PosixFileSystem()) throws {
    _ = try FileRuntime.open(at: root, fileSystem: fileSystem).execute(
      .claim(task: "TEC-000002.2"), onCase: "TEC-000002", by: "eve", at: now)
  }

  @Test func aFormatOneStoreIsReadAndVerifiedWithoutAWrite() throws {
    let copy = try Copy()
    defer { copy.directory.remove() }
    let before = try copy.tree()
    let store = try FileRuntime.open(at: copy.root)
    #expect(store.store.formatVersion == 1)
    let cases = try store.cases()
    #expect(cases.map(\.id) == ["TEC-000001", "TEC-000002", "TEC-000003", "RPL-202603-00001", "TEC-000004"])
    for state in cases {
      let id = try StoreID(state.id)
      #expect(try store.history(of: id)?.count == state.version)
      #expect(try store.readCase(id) == state)
    }
    let verified = try store.verify()
    #expect(verified.cases == 5)
    #expect(verified.problems == [])
    #expect(try copy.tree() == before)
  }

  @Test func theFirstWriteUpgradesTheStoreAndKeepsEveryByteOfItsHistories() throws {
    let copy = try Copy()
    defer { copy.directory.remove() }
    let before = try copy.tree()
    let states = try FileRuntime.open(at: copy.root).cases()
    try Self.claim(copy.root)
    let after = try copy.tree()
    #expect(after["store.json"] == .file(Self.formatTwo))
    for (path, entry) in before where path.hasPrefix("streams/") {
      guard case .file(let old) = entry, case .file(let new) = after[path] else {
        Issue.record("\(path) is gone")
        continue
      }
      #expect(Array(new.prefix(old.count)) == old, "\(path): a history byte changed")
      let added = String(decoding: new.dropFirst(old.count), as: UTF8.self)
      #expect(added.isEmpty == (path != "streams/TEC-000002.log"), "\(path)")
      #expect(!added.contains(#""change":"#) && !added.contains("secondsSinceEpoch"), "\(path): \(added)")
    }
    #expect(
      String(decoding: try Self.bytes(after, "streams/TEC-000002.log"), as: UTF8.self).contains(
        #"{"at":"2026-03-06T15:30:00Z","by":"eve","seq":24,"task":"TEC-000002.2","to":"eve","type":"task.assigned"}"#))
    // Every state cache is rewritten in format 2, and the cases untouched read as before.
    let store = try FileRuntime.open(at: copy.root)
    for state in states {
      let cache = String(decoding: try Self.bytes(after, "states/\(state.id).json"), as: UTF8.self)
      #expect(cache.contains(#""created_at":""#) && !cache.contains("createdAt"), "\(state.id)")
      if state.id != "TEC-000002" { #expect(try store.readCase(StoreID(state.id)) == state) }
    }
    #expect(try store.verify().problems == [])
    // A second write finds the store upgraded and rewrites no cache it does not change.
    let upgraded = try copy.tree()
    _ = try store.execute(.open(task: "TEC-000002.2"), onCase: "TEC-000002", by: "eve", at: Self.now)
    for (path, entry) in try copy.tree() where path.hasPrefix("states/") && path != "states/TEC-000002.json" {
      #expect(entry == upgraded[path], "\(path)")
    }
  }

  /// The n-th file-system call of the first write fails, for every n. While `store.json`
  /// says 1 the upgrade was interrupted: the write failed, the histories are as before, and
  /// the store verifies clean whatever caches were rewritten. Either way the write, run
  /// again when it failed, succeeds, and the store is upgraded with the histories the write
  /// gives on a store that never failed.
  @Test func anUpgradeInterruptedAtAnyCallIsSafeToRunAgain() throws {
    let pristine = try Copy()
    defer { pristine.directory.remove() }
    try Self.claim(pristine.root)
    let upgraded = Self.histories(try pristine.tree())
    var interrupted = 0
    for call in 1... {
      let copy = try Copy()
      defer { copy.directory.remove() }
      let before = try copy.tree()
      let fileSystem = FaultInjectingFileSystem(
        base: PosixFileSystem(), plan: FaultPlan(kind: nil, call: call, persistent: false, code: EIO))
      let failed = (try? Self.claim(copy.root, fileSystem)) == nil
      guard fileSystem.failureCount > 0 else {
        #expect(!failed)
        break
      }
      let tree = try copy.tree()
      if tree["store.json"] == .file(Self.formatOne) {
        interrupted += 1
        #expect(failed, "call \(call)")
        #expect(Self.histories(tree) == Self.histories(before), "call \(call): a history changed")
        #expect(try FileRuntime.open(at: copy.root).verify().problems == [], "call \(call)")
      }
      if failed { try Self.claim(copy.root) }
      let done = try copy.tree()
      #expect(Self.histories(done) == upgraded, "call \(call)")
      #expect(done["store.json"] == .file(Self.formatTwo), "call \(call)")
    }
    #expect(interrupted > 5)
  }

  static func histories(_ tree: MemoryFileSystem.Tree) -> MemoryFileSystem.Tree {
    tree.filter { $0.key.hasPrefix("streams/") }
  }

  static func bytes(_ tree: MemoryFileSystem.Tree, _ path: String) throws -> [UInt8] {
    guard case .file(let bytes) = tree[path] else { throw StoreError.notAStore(path: path, reason: "no such file") }
    return bytes
  }
}
