import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc token create` for a user the deployed definitions do not staff: made, with a warning.
@Suite struct TokenCommandTests {
  typealias Session = RuntimeCommandTests.Session

  @Test func aTokenForAUserInNoWorkgroupIsMadeWithAWarning() throws {
    let session = try Session()
    defer { session.directory.remove() }
    #expect(try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z").status == 0)
    let nobody = try session.run(["token", "create", "nobody_user"], at: "2026-03-01T12:01:00Z")
    #expect(nobody.status == 0, "\(nobody.stderr)")
    #expect(nobody.stdout.hasPrefix("dcmc_") && nobody.stdout.contains("acts as 'nobody_user'"))
    #expect(
      nobody.stderr
        == "dcmc: warning: 'nobody_user' is in no workgroup of the deployed definitions; "
        + "the token can do nothing until a deployment puts them in one\n")
    let alice = try session.run(["token", "create", "alice", "--json"], at: "2026-03-01T12:02:00Z")
    #expect(alice.status == 0 && alice.stderr.isEmpty, "\(alice.stderr)")
    #expect(try session.run(["token", "list"], at: "2026-03-01T12:03:00Z").stdout.contains("nobody_user"))
  }
}
