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
        let target = try FileCaseRepository.openOrCreate(at: root, fileSystem: fileSystem, copying: true)
        _ = try StoreCopy(from: source.copyable, to: target).run()
      } catch {
        interrupted += 1
      }
      guard fileSystem.failureCount > 0 else { break }
      let target = try FileCaseRepository.openOrCreate(at: root, fileSystem: NoSyncFileSystem(), copying: true)
      let report = try StoreCopy(from: source.copyable, to: target).run()
      #expect(report.target == expected, "cut off at call \(call)")
      #expect(try target.verify().problems == [], "cut off at call \(call)")
    }
    #expect(interrupted > 30)
  }

  /// The target of a copy cut off at any call (audit36 L7: it verified clean, "verified 0
  /// cases ...", and could be served) is refused by every other opening, `open` (every
  /// command) and `openOrCreate` (`deploy`), with the error that names `store copy`, until a
  /// run again completes the copy; then it opens and verifies clean.
  @Test func aCopyCutOffIsRefusedUntilARunAgainFinishesIt() throws {
    let source = try RepositoryKind.memory.make()
    defer { source.remove() }
    try source.fillForCopy()
    let expected = try StoreTally(of: source.copyable)
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    var refused = 0
    for call in stride(from: 1, through: 10_000, by: 23) {
      let root = directory.url.path + "/copy-\(call)"
      let fileSystem = FaultInjectingFileSystem(
        base: NoSyncFileSystem(), plan: FaultPlan(kind: nil, call: call, persistent: true, code: EIO))
      do {
        let target = try FileCaseRepository.openOrCreate(at: root, fileSystem: fileSystem, copying: true)
        _ = try StoreCopy(from: source.copyable, to: target, sourceName: "SOURCE").run()
      } catch {}
      guard fileSystem.failureCount > 0 else { break }
      opening: for creating in [false, true] {
        do throws(StoreError) {
          if creating {
            _ = try FileCaseRepository.openOrCreate(at: root, fileSystem: NoSyncFileSystem())
          } else {
            _ = try FileCaseRepository.open(at: root, fileSystem: NoSyncFileSystem())
          }
          Issue.record("cut off at call \(call): the unfinished copy was opened")
        } catch {
          switch error {
          case .unfinishedCopy(let path, _):
            #expect(path == root)
            refused += 1
          case .notAStore:
            // Cut off before `store.json`: no store at all (`openOrCreate` would make one).
            break opening
          default:
            Issue.record("cut off at call \(call): \(error)")
          }
        }
      }
      let target = try FileCaseRepository.openOrCreate(at: root, fileSystem: NoSyncFileSystem(), copying: true)
      let report = try StoreCopy(from: source.copyable, to: target, sourceName: "SOURCE").run()
      #expect(report.target == expected, "cut off at call \(call)")
      let finished = try FileCaseRepository.open(at: root, fileSystem: NoSyncFileSystem())
      #expect(try finished.verify().problems == [], "cut off at call \(call)")
    }
    #expect(refused > 40)
  }

  @Test func theRefusalNamesTheCopyThatFinishesIt() {
    let error = StoreError.unfinishedCopy(path: "/srv/copy", source: "/srv/store")
    #expect(
      "\(error)"
        == "store '/srv/copy' is an unfinished copy (a 'dcmc store copy' into it did not end): run "
        + "'dcmc store copy /srv/store /srv/copy' again to finish it; no other command uses it until then")
  }
}
