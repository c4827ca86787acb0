import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

struct StoreFormatTests {
  @Test func creationWritesTheFormatFileTheLockAndTheStreamsDirectory() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    #expect(
      try fixture.tree() == [
        "store.json": .file(Array(#"{"format":"dcmc-store","version":2}"#.utf8) + [0x0a]),
        "store.lock": .file([]),
        "streams": .directory,
      ])
  }

  @Test func creatingAgainOrOverAnInterruptedCreationKeepsOneStore() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    try fixture.store().append(["kept"], to: "s")
    let before = try fixture.tree()
    _ = try Store.create(at: fixture.root)
    #expect(try fixture.tree() == before)
    try FileManager.default.removeItem(atPath: fixture.root + "/store.json")
    #expect(throws: StoreError.notAStore(path: fixture.root, reason: "it has no store.json")) {
      try Store.open(at: fixture.root)
    }
    _ = try Store.create(at: fixture.root + "/")
    #expect(try fixture.tree() == before)
  }

  @Test func aStoreOfANewerFormatIsRefusedWithAClearMessage() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    try fixture.overwrite("store.json", with: Array(#"{"format":"dcmc-store","version":3,"shards":16}"#.utf8))
    let before = try fixture.tree()
    let expected = StoreError.newerFormat(path: fixture.root, found: 3, supported: 2)
    #expect(throws: expected) { try Store.open(at: fixture.root) }
    #expect(throws: expected) { try Store.create(at: fixture.root) }
    #expect(
      expected.description
        == "store '\(fixture.root)' has format version 3, written by a newer dcmc; this dcmc reads versions up to 2")
    #expect(try fixture.tree() == before)
  }

  @Test(arguments: [
    (#"{"format":"other","version":1}"#, "store.json names the format 'other'"),
    (#"{"format":"dcmc-store","version":0}"#, "store.json has the version 0"),
    ("not json", "store.json is not a format description"),
  ])
  func aDirectoryThatIsNotAStoreIsRefused(contents: String, reason: String) throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    try fixture.overwrite("store.json", with: Array(contents.utf8))
    let error = try #require(throws: StoreError.self) { try Store.open(at: fixture.root) }
    #expect(error == .notAStore(path: fixture.root, reason: reason))
    #expect(error.description == "'\(fixture.root)' is not a dcmc store: \(reason)")
  }

  /// stop 24's user test: `deploy --store DIR` made a store among DIR's other files.
  @Test func creationRefusesADirectoryOfOtherFilesAndWritesNothingThere() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let root = directory.url.path
    try Data("mine".utf8).write(to: directory.url.appendingPathComponent("notes.txt"))
    try FileManager.default.createDirectory(atPath: root + "/streams", withIntermediateDirectories: false)
    let reason = "it has no store.json and holds 'notes.txt'; give an empty directory or a new path"
    #expect(throws: StoreError.notAStore(path: root, reason: reason)) { try Store.create(at: root) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["notes.txt", "streams"])
    // What an interrupted creation leaves is not foreign: creation completes over it.
    try FileManager.default.removeItem(atPath: root + "/notes.txt")
    try Data().write(to: directory.url.appendingPathComponent("store.lock"))
    try Data("{".utf8).write(to: directory.url.appendingPathComponent(".store.json.tmp"))
    _ = try Store.create(at: root)
    #expect(try Store.open(at: root).formatVersion == 2)
  }

  @Test func anEmptyDirectoryIsNotAStore() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(throws: StoreError.notAStore(path: directory.url.path, reason: "it has no store.json")) {
      try Store.open(at: directory.url.path)
    }
  }
}
