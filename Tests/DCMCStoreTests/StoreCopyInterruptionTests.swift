import DCMCApplication
import DCMCFiles
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// `store copy` into a store directory cut off at a file call (the n-th call and every one
/// after it fail, as a full disk or a killed process leaves a copy, for every 17th n, about
/// 40 points through the copy's 700 calls, until the copy completes): a run again on the
/// target as it was left completes the copy, with the source's tallies, and the target
/// verifies clean. Nothing is synced (a failed call, not a power loss, is what is tested),
/// so each run takes milliseconds.
struct StoreCopyInterruptionTests {
  @Test func aCopyCutOffAtAnyCallIsCompletedByARunAgain() throws {
    let source = try RepositoryKind.memory.make()
    defer { source.remove() }
    try source.fillForCopy()
    let expected = try StoreTally(of: source.copyable)
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    var interrupted = 0
    for call in stride(from: 1, through: 10_000, by: 17) {
      let root = directory.url.path + "/copy-\(call)"
      let fileSystem = FaultInjectingFileSystem(
        base: NoSyncFileSystem(), plan: FaultPlan(kind: nil, call: call, persistent: true, code: EIO))
      do {
        let target = try FileCaseRepository.openOrCreate(at: root, fileSystem: fileSystem)
        _ = try StoreCopy(from: source.copyable, to: target).run()
      } catch {
        interrupted += 1
      }
      guard fileSystem.failureCount > 0 else { break }
      let target = try FileCaseRepository.openOrCreate(at: root, fileSystem: NoSyncFileSystem())
      let report = try StoreCopy(from: source.copyable, to: target).run()
      #expect(report.target == expected, "cut off at call \(call)")
      #expect(try target.verify().problems == [], "cut off at call \(call)")
    }
    #expect(interrupted > 30)
  }
}
