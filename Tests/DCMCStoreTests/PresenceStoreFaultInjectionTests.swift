import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// The presence histories of the file store keep the guarantees of cases: when the n-th file
/// call of a presence change fails (for n = 1, 2, … until the change completes), the user's
/// presence is the one before or after it, never a mix, `store verify` finds no damage, and
/// the store takes the next change as usual. The first change of a user makes `presence/` and
/// the log; a later one appends to it.
struct PresenceStoreFaultInjectionTests {
  static let monday = Timestamp("2026-03-02T09:00:00+01:00")!.instant

  static func presence(_ root: String, _ fileSystem: any FileSystem, at seconds: Int) throws -> PresenceService {
    let repository = try FileCaseRepository.open(at: root, fileSystem: fileSystem)
    return repository.presenceService(
      zone: TimeZoneDatabase.rules(named:), clock: FixedClock(monday.adding(seconds: seconds)))
  }

  @Test(arguments: [(EIO, false), (ENOSPC, false), (EIO, true), (ENOSPC, true)])
  func aFailedChangeLeavesThePresenceBeforeOrAfter(code: Int32, appends: Bool) throws {
    let template = try TemporaryDirectory()
    defer { template.remove() }
    let root = template.url.path + "/template"
    let runtime = try FileRuntime.openOrCreate(at: root)
    _ = try runtime.deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes)
    let before =
      appends
      ? try Self.presence(root, PosixFileSystem(), at: 0).set(.ready, reason: nil, by: "gary")
      : PresenceState(user: "gary")
    let copy = template.url.path + "/copy"
    var failedBefore = 0
    for call in 1... {
      try? FileManager.default.removeItem(atPath: copy)
      try FileManager.default.copyItem(atPath: root, toPath: copy)
      let fileSystem = FaultInjectingFileSystem(
        base: PosixFileSystem(), plan: FaultPlan(kind: nil, call: call, persistent: false, code: code))
      var thrown: Error?
      do {
        _ = try Self.presence(copy, fileSystem, at: 60).set(.notReady, reason: "break", user: "gary", by: "tina")
      } catch {
        thrown = error
      }
      let repository = try FileCaseRepository.open(at: copy)
      let found = try repository.loadPresence("gary") ?? PresenceState(user: "gary")
      if found == before {
        failedBefore += 1
        #expect(thrown != nil, "call \(call): nothing happened and nothing was said")
      } else {
        #expect(found.status == .notReady(reason: "break") && found.version == before.version + 1, "call \(call)")
        if fileSystem.failureCount == 0 {
          #expect(thrown == nil)
          break
        }
      }
      #expect(try FileRuntime.open(at: copy).verify().problems == [], "call \(call)")
      _ = try Self.presence(copy, PosixFileSystem(), at: 120).set(
        .notReady, reason: "training", user: "gary", by: "tina")
      #expect(try repository.presenceHistory(of: "gary")?.map(\.seq) == Array(1...found.version + 1), "call \(call)")
    }
    #expect(failedBefore > 0)
  }
}
