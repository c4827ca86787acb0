import Testing
import _DCMCTestSupport

/// SPEC section 8: how a command is called wrongly (an unreadable value, an option the
/// command or state does not take, one it needs and lacks) exits 2, whichever command and
/// wherever the check is made; the history is unchanged. stop 24's user test found
/// `task reschedule --until tomorrow` and `presence set ready --reason lunch` exiting 1.
@Suite struct UsageExitTests {
  @Test(arguments: [
    (["task", "reschedule", "TEC-000001.1", "--until", "tomorrow"], "alice", "invalid time 'tomorrow' for --until"),
    (["task", "claim", "TEC-000001.1"], "alice", "invalid time 'tomorrow' for --at"),
    (["task", "set", "TEC-000001.1", "--priority", "urgent"], "sam", "invalid priority 'urgent'"),
    (["task", "set", "TEC-000001.1", "--ola", "soon"], "sam", "invalid duration 'soon'"),
    (["task", "set", "TEC-000001.1"], "sam", "'task set' needs --priority P or --ola DURATION"),
    // Longer than a supervisor may set (`CaseService.longestDeadlineDays`), the API's 422.
    (
      ["task", "set", "TEC-000001.1", "--ola", "3651d"], "sam",
      "an OLA of 3651d is longer than a supervisor may set: at most 3650 days (87600 hours)"
    ),
    (
      ["case", "set", "TEC-000001", "--sla", "3650d 1h"], "sam",
      "an SLA of 3650d 1h is longer than a supervisor may set: at most 3650 days (87600 hours)"
    ),
    (["task", "claim", "TEC-000001"], "alice", "'TEC-000001' is not a task id"),
    (["presence", "set", "ready", "--reason", "break"], "gary", "ready takes no reason"),
    (["presence", "set", "logged_off", "--reason", "break"], "gary", "logged_off takes no reason"),
    (["presence", "set", "not_ready"], "gary", "not_ready needs a reason: break, training, coaching"),
    (["presence", "set", "away"], "gary", "unknown state 'away'"),
    (["case", "list", "--status", "opne"], "alice", "unknown status 'opne'"),
    (["case", "create", "technical", "--channel", "fax"], "alice", "unknown channel 'fax'"),
    (["customer", "find", "Jane", "--limit", "0"], "alice", "--limit"),
    (["token", "create", "alice", "--expires", "forever"], "alice", "forever"),
    (["outbox", "ack", "n1"], "alice", "'n1' is not a notification id"),
    (["case", "show"], "alice", "'case show' needs a case id"),
    (["case", "show", "TEC-000001", "--until", "2026-03-03T09:00:00+01:00"], "alice", "--until"),
  ])
  func aMistakeInHowACommandIsCalledExitsTwo(_ arguments: [String], user: String, message: String) throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let history = try session.run(["case", "history", "TEC-000001"], at: "2026-03-02T10:00:00+01:00").stdout
    let time = message.hasSuffix("for --at") ? "tomorrow" : "2026-03-02T10:00:00+01:00"
    let result = try session.run(arguments, as: user, at: time)
    #expect(result.status == 2, "\(arguments): \(result.stderr)")
    #expect(result.stderr.hasPrefix("dcmc: ") && result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(try session.run(["case", "history", "TEC-000001"], at: "2026-03-02T10:00:00+01:00").stdout == history)
  }

  @Test func anUnreadableTimeNamesItsOption() throws {
    let result = try BinaryRunner.run([
      "calendar", "between", "--calendar", "office_brussels", "--from", "2026-03-02T09:00:00Z", "--to", "monday",
    ])
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("dcmc: invalid time 'monday' for --to; write ISO 8601 with an offset"))
  }
}
