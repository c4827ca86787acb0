import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// A command rewrites its case's state cache in place (`DurableFiles.overwrite`); the append
/// has read the cache under the lock (its chain), so it knows the file's length and cuts the
/// file only when the new state is shorter. Before, every rewrite paid an `ftruncate`, which
/// on ext4 trims the file's preallocated blocks even at the same size.
struct StateCacheRewriteTests {
  static let start = Instant(secondsSinceEpoch: 1_772_442_000)  // 2026-03-02T09:00:00Z
  static let cache = "states/TEC-000001.json"

  @Test func aCacheTheNewStateCoversIsRewrittenWithoutATruncate() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    _ = try fixture.store().create(
      type: "technical", fields: technicalForm("r1"), requestID: nil, by: "alice", at: Self.start)
    let path = fixture.root + "/" + Self.cache
    let created = try Data(contentsOf: URL(fileURLWithPath: path)).count
    let calls = CallLog(root: fixture.root, kinds: [.truncate, .write])
    _ = try fixture.store(calls).execute(
      .claim(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: Self.start.adding(seconds: 60))
    let claimed = try Data(contentsOf: URL(fileURLWithPath: path))
    // The claim's state (an assignee, a claim time) is longer than the create's.
    #expect(claimed.count >= created)
    #expect(calls.calls().filter { $0.hasSuffix(Self.cache) } == ["write " + Self.cache])
    #expect(StateCache.read(Array(claimed))?.state == (try fixture.store().repository.load("TEC-000001")))
    #expect(try fixture.store().verify().problems.isEmpty)
  }

  /// A cache longer than the state written over it (here a torn one with bytes after its
  /// checksum line) is cut to the new state's length: what is left reads whole.
  @Test func aCacheLongerThanTheNewStateIsCut() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    _ = try fixture.store().create(
      type: "technical", fields: technicalForm("r1"), requestID: nil, by: "alice", at: Self.start)
    let path = fixture.root + "/" + Self.cache
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(repeating: 0x78, count: 8_192))
    try handle.close()
    let calls = CallLog(root: fixture.root, kinds: [.truncate])
    _ = try fixture.store(calls).execute(
      .claim(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: Self.start.adding(seconds: 60))
    #expect(calls.calls().filter { $0.hasSuffix(Self.cache) } == ["truncate " + Self.cache])
    let claimed = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(StateCache.read(Array(claimed))?.state == (try fixture.store().repository.load("TEC-000001")))
    #expect(try fixture.store().verify().problems.isEmpty)
  }
}
