import DCMCApplication
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// The file store's claim lock (`FileCaseRepository+ClaimLock`): `claims/<user>.lock`, held
/// for one claim, its wait bounded.
@Suite struct ClaimLockFileTests {
  /// A claim of bob made while another holds bob's lock (from a second open of the file, as
  /// another thread or process would) is refused after its tries, its body not run; carol's
  /// is not; once the first ends, bob's runs.
  @Test func aClaimWaitingPastItsTriesIsRefusedAndRunsNothing() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    var repository = try FileCaseRepository.openOrCreate(at: directory.url.path + "/store")
    repository.claimLockTries = 3
    let (ran, refusal) = try ClaimLockCheck.nestedClaims(repository)
    #expect(refusal == .claimBusy(user: "bob"))
    #expect(refusal.map { "\($0)" } == "another claim by 'bob' is still running; nothing was claimed, try again")
    #expect(ran == ["carol", "bob after"])
    let locks = try FileManager.default.contentsOfDirectory(atPath: directory.url.path + "/store/claims").sorted()
    #expect(locks == ["bob.lock", "carol.lock"])
  }
}
