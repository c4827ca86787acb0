import Foundation
import Testing
import _DCMCTestSupport

/// `presence set --request-id` (audit37 L1): each run is its own process, as a retry after a
/// crash is.
extension PresenceCommandTests {
  /// A retry with the request id answers the presence its first run set and changes nothing:
  /// the break fiona took since stays (before 8 December 2026 the retry set her ready again,
  /// and ready makes offers). The id with other arguments is refused, exit 1, and so is a
  /// supervisor's id retried by the member whose presence it set.
  @Test func aPresenceChangeRetriedWithItsRequestIDChangesNothing() throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    let ready = ["presence", "set", "ready", "--request-id", "pres-1"]
    let first = try session.run(ready, as: "fiona", at: "2026-03-02T08:00:00Z")
    #expect(first.status == 0 && first.stdout == "fiona  ready  since 2026-03-02T08:00:00Z  holds 0 of 2\n", "\(first.stderr)")
    let pause = try session.run(["presence", "set", "not_ready", "--reason", "break"], as: "fiona", at: "2026-03-02T08:05:00Z")
    #expect(pause.status == 0, "\(pause.stderr)")
    let retry = try session.run(ready, as: "fiona", at: "2026-03-02T08:10:00Z")
    #expect(retry.status == 0 && retry.stdout == first.stdout, "\(retry.stdout)\(retry.stderr)")
    let other = try session.run(
      ["presence", "set", "logged_off", "--request-id", "pres-1"], as: "fiona", at: "2026-03-02T08:11:00Z")
    #expect(other.status == 1)
    #expect(
      other.stderr == "dcmc: request 'pres-1' set the presence of 'fiona' with another state, reason or user\n",
      "\(other.stderr)")
    let byTina = ["presence", "set", "not_ready", "--reason", "break", "--user", "gary", "--request-id", "t-1"]
    #expect(try session.run(byTina, as: "tina", at: "2026-03-02T08:12:00Z").status == 0)
    let byGary = try session.run(
      ["presence", "set", "ready", "--request-id", "t-1"], as: "gary", at: "2026-03-02T08:13:00Z")
    #expect(byGary.status == 1 && byGary.stderr.contains("was used by another user"), "\(byGary.stderr)")
    let history = try session.run(["presence", "history", "fiona"], as: "fiona", at: "2026-03-02T08:14:00Z")
    #expect(
      history.stdout == """
        1  2026-03-02T08:00:00Z  ready  by fiona
        2  2026-03-02T08:05:00Z  not_ready (break)  by fiona

        """, "\(history.stdout)")
    let records = try #require(
      try session.json(["presence", "history", "fiona"], as: "fiona", at: "2026-03-02T08:14:00Z") as? [[String: Any]])
    #expect(records.map { $0["request"] as? String } == ["pres-1", nil])
    #expect(try session.run(["presence", "history", "gary"], as: "gary", at: "2026-03-02T08:14:00Z").stdout
      == "1  2026-03-02T08:12:00Z  not_ready (break)  by tina\n")
    try session.run(["store", "verify"], at: "2026-03-02T08:15:00Z").expectVerified(session.store)
  }
}
