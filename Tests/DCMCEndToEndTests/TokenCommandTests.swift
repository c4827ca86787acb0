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
    // The secret alone on standard output (`TOKEN=$(dcmc token create USER)`), notes on standard error.
    #expect(nobody.stdout.hasPrefix("dcmc_") && nobody.stdout.split(separator: "\n").count == 1)
    #expect(nobody.stdout.hasSuffix("\n") && !nobody.stdout.contains(" "))
    #expect(
      nobody.stderr.hasPrefix(
        "dcmc: warning: 'nobody_user' is in no workgroup of the deployed definitions; "
          + "the token can do nothing until a deployment puts them in one\n"))
    #expect(nobody.stderr.contains("acts as 'nobody_user'; it is shown once\n"))
    let alice = try session.run(["token", "create", "alice", "--json"], at: "2026-03-01T12:02:00Z")
    #expect(alice.status == 0 && alice.stderr.isEmpty, "\(alice.stderr)")
    #expect(try session.run(["token", "list"], at: "2026-03-01T12:03:00Z").stdout.contains("nobody_user"))
  }

  /// `token create` takes a user by the id rule of `--as` (`deploy --as` refuses the same):
  /// `a/b`, `.x` and a C1 control are refused with the reason, exit 1, no token made.
  @Test func aTokenForANameThatIsNoUserIDIsRefused() throws {
    let session = try Session()
    defer { session.directory.remove() }
    #expect(try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z").status == 0)
    for (name, reason) in [
      ("a/b", "invalid id 'a/b': contains '/'"), (".x", "invalid id '.x': starts with '.'"),
      ("a\u{85}b", "invalid id 'a\\u{85}b': contains a control character"),
    ] {
      let refused = try session.run(["token", "create", name], at: "2026-03-01T12:01:00Z")
      #expect(refused.status == 1 && refused.stdout.isEmpty, "\(name): \(refused.stderr)")
      #expect(refused.stderr == "dcmc: \(reason)\n")
      let deployAs = try session.run(["deploy", "definitions"], as: name, at: "2026-03-01T12:02:00Z")
      #expect(deployAs.status == 1 && deployAs.stderr == refused.stderr, "\(name): \(deployAs.stderr)")
    }
    #expect(try session.run(["token", "list"], at: "2026-03-01T12:03:00Z").stdout.isEmpty)
  }

  /// An interval past the instants dcmc reads back trapped (`9223372036854775807s`), or wrote
  /// an expiry in year 275817 (`99999999d`) that made tokens.json unreadable: every request of
  /// `dcmc serve` answered 500 and `token list` failed. Both are usage errors now, as is a
  /// delivery time-out as long; and an expiry after 9999 from a late `--at` is refused.
  @Test func anExpiryPastTheInstantsKeptIsRefusedAndTheTokensStayReadable() throws {
    let session = try Session()
    defer { session.directory.remove() }
    #expect(try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z").status == 0)
    #expect(try session.run(["token", "create", "alice"], at: "2026-03-01T12:01:00Z").status == 0)
    for expires in ["9223372036854775807s", "99999999d", "36526d"] {
      let refused = try session.run(["token", "create", "alice", "--expires", expires], at: "2026-03-01T12:02:00Z")
      #expect(refused.status == 2, "\(expires): \(refused.stdout)")
      #expect(refused.stderr.hasPrefix("dcmc: the duration '\(expires)' is longer than 100 years (36525d)\n"))
    }
    let late = try session.run(["token", "create", "alice", "--expires", "2d"], at: "9999-12-31T00:00:00Z")
    #expect(late.status == 1)
    #expect(
      late.stderr
        == "dcmc: a token cannot expire at 10000-01-02T00:00:00Z, after 9999-12-31T23:59:59Z, "
        + "the last instant dcmc keeps\n")
    #expect(try session.run(["token", "create", "alice", "--expires", "36525d"], at: "2026-03-01T12:03:00Z").status == 0)
    let list = try session.run(["token", "list"], at: "2026-03-01T12:04:00Z")
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.split(separator: "\n").count == 2)
    let deliver = try session.run(
      ["outbox", "deliver", "--via", "cat", "--timeout", "9223372036854775807s"], at: "2026-03-01T12:05:00Z")
    #expect(deliver.status == 2 && deliver.stderr.contains("is longer than 100 years"), "\(deliver.stderr)")
  }
}
