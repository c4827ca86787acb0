import DCMCJSON
import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc case set ID --sla D` through the binary (`docs/runtime.md`, "Case set --sla"): the
/// new due time from the case's creation, the pause not counted, the history, a tick, the
/// refusals (exit 1, one line, nothing changed; a bad duration exit 2), `store verify` and
/// `store rebuild`.
@Suite struct CaseSetCommandTests {
  typealias Session = RuntimeCommandTests.Session

  static func json(_ text: String) throws -> JSONValue {
    try JSONValue.parse(Array(text.utf8), limits: JSONValue.Limits(maxBytes: 1 << 20))
  }

  /// A field of the case's JSON, as compact text.
  static func member(_ output: String, _ key: String) throws -> String? {
    try json(output)[key].map { String(decoding: $0.compact(), as: UTF8.self) }
  }

  @Test func aSupervisorSetsTheSLAFromTheCreation() throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let history = { () throws -> String in
      try session.run(["case", "history", "TEC-000001"], at: "2026-03-03T12:00:00+01:00").stdout
    }
    let before = try history()
    // Refused, nothing changed: a member who supervises nothing, an unknown case; a duration
    // that does not read, is not positive or is longer than a supervisor may set (whoever
    // gives it) is a usage error.
    let refusals: [([String], String, Int32, String)] = [
      (["--sla", "3d"], "alice", 1, "'alice' supervises none of the case's targets and may not change the case's SLA"),
      (
        ["--sla", "99999999d"], "sam", 2,
        "an SLA of 99999999d is longer than a supervisor may set: at most 3650 days (87600 hours)"
      ),
      (["--sla", "87601h"], "alice", 2, "an SLA of 87601h is longer than a supervisor may set"),
      (["--sla", "0h"], "sam", 2, "the duration '0h' is not positive"),
      (["--sla", "soon"], "sam", 2, "invalid duration 'soon'"),
    ]
    for (options, user, status, message) in refusals {
      let refused = try session.run(["case", "set", "TEC-000001"] + options, as: user, at: "2026-03-02T10:00:00+01:00")
      #expect(refused.status == status && refused.stderr.contains(message), "\(options): \(refused.stderr)")
      #expect(refused.stdout.isEmpty)
    }
    #expect(try session.run(["case", "set", "TEC-000009", "--sla", "3d"], as: "sam", at: "2026-03-02T10:00:00+01:00")
      .status == 1)
    #expect(try session.run(["case", "set", "TEC-000001"], as: "sam", at: "2026-03-02T10:00:00+01:00").status == 2)
    #expect(try history() == before)
    // Pending from 10:00 to 12:00 Monday: 2 office hours the SLA does not count.
    #expect(try session.run(["case", "pend", "TEC-000001"], as: "alice", at: "2026-03-02T10:00:00+01:00").status == 0)
    #expect(try session.run(["case", "resume", "TEC-000001"], as: "alice", at: "2026-03-02T12:00:00+01:00").status == 0)
    let set = try session.run(
      ["case", "set", "TEC-000001", "--sla", "1d", "--json"], as: "sam", at: "2026-03-02T13:00:00+01:00")
    #expect(set.status == 0, "\(set.stderr)")
    // 8 office hours from Monday 09:00 and the 2 pending: Tuesday 11:00 Brussels.
    #expect(try Self.member(set.stdout, "sla_due") == "\"2026-03-03T10:00:00Z\"")
    #expect(try Self.member(set.stdout, "sla_set") == "\"1d\"")
    let shown = try session.run(["case", "show", "TEC-000001", "--json"], at: "2026-03-02T13:00:00+01:00")
    // The case as `case show` prints it, and whether the SLA was recorded.
    #expect(try Self.member(set.stdout, "recorded") == "true")
    #expect(try Self.json(set.stdout).removing("recorded").compact() == Self.json(shown.stdout).compact())
    // The list reads the state's summary: the new due time there too.
    let listed = try session.run(["case", "list", "--json"], at: "2026-03-02T13:00:00+01:00")
    #expect(listed.stdout.contains("\"sla_due\": \"2026-03-03T10:00:00Z\""), "\(listed.stdout)")
    #expect(listed.stdout.contains("\"sla_set\": \"1d\""), "\(listed.stdout)")
    let afterSet = try history()
    #expect(afterSet.contains("2026-03-02T12:00:00Z  sam  case.sla_set  sla=1d sla_due=2026-03-03T10:00:00Z"), "\(afterSet)")
    // The warning (75%: 6 office hours and the 2 pending) is due Monday 17:00; the tick at
    // 16:59 fires nothing, the one at 17:00 the warning.
    #expect(try session.run(["tick"], at: "2026-03-02T16:59:00+01:00").status == 0)
    #expect(try !history().contains("timer=sla_warning"))
    #expect(try session.run(["tick"], at: "2026-03-02T17:00:00+01:00").status == 0)
    #expect(try history().contains("timer=sla_warning due=2026-03-02T16:00:00Z"))
    try session.run(["store", "verify"], at: "2026-03-03T12:00:00+01:00").expectVerified(session.store)
    #expect(try session.run(["store", "rebuild"], at: "2026-03-03T12:00:00+01:00").status == 0)
    let rebuilt = try session.run(["case", "show", "TEC-000001", "--json"], at: "2026-03-02T17:00:00+01:00")
    #expect(try Self.member(rebuilt.stdout, "sla_due") == "\"2026-03-03T10:00:00Z\"")
    // The readable answer is the case, as `case update` prints it.
    let readable = try session.run(
      ["case", "set", "TEC-000001", "--sla", "2d"], as: "sam", at: "2026-03-03T12:00:00+01:00")
    #expect(readable.status == 0, "\(readable.stderr)")
    #expect(readable.stdout.hasPrefix("TEC-000001  technical  "), "\(readable.stdout)")
    #expect(readable.stdout.contains("  SLA due Wednesday 4 March 2026, 11:00 CET (SLA set to 2d)\n"), "\(readable.stdout)")
    // Pending, the clock standing still: one pair of parentheses says both.
    let pended = try session.run(["case", "pend", "TEC-000001"], as: "alice", at: "2026-03-03T12:00:00+01:00")
    #expect(pended.stdout.contains(" if resumed now; SLA set to 2d)\n"), "\(pended.stdout)")
  }
}
