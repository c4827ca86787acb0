import DCMCJSON
import Foundation
import Testing
import _DCMCTestSupport

/// Through the binary (`docs/runtime.md`): `case set --sla` and `task set --ola` that give the
/// case or task what it has already record nothing, say so (exit 0, `"recorded": false` in
/// JSON), after the permissions; `case list --customer --unidentified` is a usage error.
@Suite struct RepeatedSettingCommandTests {
  typealias Session = RuntimeCommandTests.Session

  static func history(_ session: Session) throws -> String {
    try session.run(["case", "history", "TEC-000001"], at: "2026-03-04T12:00:00+01:00").stdout
  }

  @Test func theSLAASupervisorGaveAlreadyRecordsNothing() throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let set = try session.run(["case", "set", "TEC-000001", "--sla", "2d"], as: "sam", at: "2026-03-02T10:00:00+01:00")
    #expect(set.status == 0, "\(set.stderr)")
    let before = try Self.history(session)
    #expect(before.contains("case.sla_set  sla=2d"), "\(before)")
    // Permissions first: the SLA the case has does not let a member in.
    let member = try session.run(["case", "set", "TEC-000001", "--sla", "2d"], as: "alice", at: "2026-03-02T10:30:00+01:00")
    #expect(member.status == 1 && member.stderr.contains("'alice' supervises none of the case's targets"))
    let again = try session.run(["case", "set", "TEC-000001", "--sla", "2d"], as: "sam", at: "2026-03-02T11:00:00+01:00")
    #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
    #expect(again.stdout == "case TEC-000001 already has SLA 2d set; nothing recorded\n")
    // `P2D` reads as `2d`, as the event records it: the same setting.
    let same = try session.run(
      ["case", "set", "TEC-000001", "--sla", "P2D", "--json"], as: "sam", at: "2026-03-02T11:00:00+01:00")
    #expect(same.status == 0, "\(same.stderr)")
    let shown = try session.run(["case", "show", "TEC-000001", "--json"], at: "2026-03-02T11:00:00+01:00")
    let view = try ReplanCommandTests.json(same.stdout)
    #expect(ReplanCommandTests.text(view["recorded"]) == "false")
    #expect(
      ReplanCommandTests.text(view.removing("recorded")) == ReplanCommandTests.text(try ReplanCommandTests.json(shown.stdout)))
    #expect(try Self.history(session) == before)
    // 16 hours are two 8-hour office days, the same due time, but another setting: recorded.
    let hours = try session.run(
      ["case", "set", "TEC-000001", "--sla", "16h", "--json"], as: "sam", at: "2026-03-02T11:00:00+01:00")
    #expect(hours.status == 0, "\(hours.stderr)")
    #expect(ReplanCommandTests.text(try ReplanCommandTests.json(hours.stdout)["recorded"]) == "true")
    let after = try Self.history(session)
    #expect(after.hasPrefix(before) && after.contains("case.sla_set  sla=16h"), "\(after)")
    #expect(after.components(separatedBy: "case.sla_set").count == 3)
    try session.run(["store", "verify"], at: "2026-03-04T12:00:00+01:00").expectVerified(session.store)
  }

  /// The OLA counts from the command: given again while the office is closed it gives the task
  /// the plan it has; the next morning it is a new plan.
  @Test func anOLAGivingTheTaskItsPlanRecordsNothing() throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let olaSet = ["task", "set", "TEC-000001.1", "--ola", "2h"]
    let set = try session.run(olaSet, as: "sam", at: "2026-03-02T18:00:00+01:00")
    #expect(set.status == 0, "\(set.stderr)")
    let before = try Self.history(session)
    let member = try session.run(olaSet, as: "alice", at: "2026-03-02T19:00:00+01:00")
    #expect(member.status == 1, "\(member.stderr)")
    let again = try session.run(olaSet, as: "sam", at: "2026-03-02T20:00:00+01:00")
    #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
    // Two office hours from Tuesday 09:00.
    #expect(
      again.stdout == "task TEC-000001.1 already has this OLA (due Tuesday 3 March 2026, 11:00 CET); nothing recorded\n",
      "\(again.stdout)")
    let json = try session.run(olaSet + ["--json"], as: "sam", at: "2026-03-02T21:00:00+01:00")
    let task = try ReplanCommandTests.json(json.stdout)
    #expect(ReplanCommandTests.text(task["recorded"]) == "false")
    #expect(ReplanCommandTests.text(task["ola_due"]) == "\"2026-03-03T10:00:00Z\"")
    #expect(try Self.history(session) == before)
    let morning = try session.run(olaSet + ["--json"], as: "sam", at: "2026-03-03T10:00:00+01:00")
    let replanned = try ReplanCommandTests.json(morning.stdout)
    #expect(ReplanCommandTests.text(replanned["recorded"]) == "true")
    #expect(ReplanCommandTests.text(replanned["ola_due"]) == "\"2026-03-03T11:00:00Z\"")
    #expect(try Self.history(session).components(separatedBy: "task.ola_changed").count == 3)
  }

  /// The priority the task has, given again: nothing recorded, and said so in the priority's words.
  @Test func thePriorityATaskHasRecordsNothing() throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let prioritySet = ["task", "set", "TEC-000001.1", "--priority", "high"]
    let set = try session.run(prioritySet, as: "sam", at: "2026-03-02T10:00:00+01:00")
    #expect(set.status == 0, "\(set.stderr)")
    let before = try Self.history(session)
    let again = try session.run(prioritySet, as: "sam", at: "2026-03-02T10:05:00+01:00")
    #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
    #expect(again.stdout.hasPrefix("task TEC-000001.1 already has priority "), "\(again.stdout)")
    #expect(again.stdout.hasSuffix("; nothing recorded\n"), "\(again.stdout)")
    let json = try session.run(prioritySet + ["--json"], as: "sam", at: "2026-03-02T10:10:00+01:00")
    #expect(ReplanCommandTests.text(try ReplanCommandTests.json(json.stdout)["recorded"]) == "false")
    #expect(try Self.history(session) == before)
  }

  /// audit33 finding 4: `case update` with the values the case has records nothing and says
  /// so, as `case set --sla` does; `--json` tells the two apart by `"recorded"`.
  @Test func anUpdateWithTheValuesTheCaseHasRecordsNothing() throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let update = ["case", "update", "TEC-000001", "--field", "Customer_Segment=gold"]
    let changed = try session.run(update, as: "sam", at: "2026-03-02T10:00:00+01:00")
    #expect(changed.status == 0 && changed.stdout.hasPrefix("updated TEC-000001  technical  "), "\(changed.stdout)")
    let before = try Self.history(session)
    #expect(before.contains("case.updated"), "\(before)")
    let again = try session.run(update, as: "sam", at: "2026-03-02T10:05:00+01:00")
    #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
    #expect(again.stdout == "case TEC-000001 already has these values; nothing recorded\n", "\(again.stdout)")
    let json = try session.run(update + ["--json"], as: "sam", at: "2026-03-02T10:10:00+01:00")
    let view = try ReplanCommandTests.json(json.stdout)
    #expect(ReplanCommandTests.text(view["recorded"]) == "false")
    let shown = try session.run(["case", "show", "TEC-000001", "--json"], at: "2026-03-02T10:10:00+01:00")
    let shownCase = try ReplanCommandTests.json(shown.stdout)
    #expect(ReplanCommandTests.text(view.removing("recorded")) == ReplanCommandTests.text(shownCase))
    #expect(try Self.history(session) == before)
    let silver = try session.run(
      ["case", "update", "TEC-000001", "--field", "Customer_Segment=silver", "--json"], as: "sam",
      at: "2026-03-02T10:15:00+01:00")
    #expect(ReplanCommandTests.text(try ReplanCommandTests.json(silver.stdout)["recorded"]) == "true")
    #expect(try Self.history(session).components(separatedBy: "case.updated").count == 3)
  }

  /// An assignment to the user who has the task, or a move to the workbin it is in: nothing
  /// recorded, and the task keeps its assignee (a move puts a task back in the queue).
  @Test func assigningTheHolderOrMovingToTheSameWorkbinRecordsNothing() throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let assign = ["task", "assign", "TEC-000001.1", "--to", "alice"]
    let set = try session.run(assign, as: "sam", at: "2026-03-02T10:00:00+01:00")
    #expect(set.status == 0, "\(set.stderr)")
    let before = try Self.history(session)
    #expect(before.components(separatedBy: "task.assigned").count == 2, "\(before)")
    let again = try session.run(assign, as: "sam", at: "2026-03-02T10:05:00+01:00")
    #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
    #expect(again.stdout == "task TEC-000001.1 is already assigned to alice; nothing recorded\n", "\(again.stdout)")
    let move = ["task", "reassign", "TEC-000001.1", "--target", "employees_group"]
    let moved = try session.run(move, as: "sam", at: "2026-03-02T10:10:00+01:00")
    #expect(moved.status == 0 && moved.stderr.isEmpty, "\(moved.stderr)")
    #expect(moved.stdout == "task TEC-000001.1 is already in workbin employees_group; nothing recorded\n")
    for command in [assign, move] {
      let json = try session.run(command + ["--json"], as: "sam", at: "2026-03-02T10:15:00+01:00")
      let task = try ReplanCommandTests.json(json.stdout)
      #expect(ReplanCommandTests.text(task["recorded"]) == "false", "\(json.stdout)")
      #expect(ReplanCommandTests.text(task["assignee"]) == "\"alice\"")
    }
    #expect(try Self.history(session) == before)
    // Another user is a change, recorded.
    let bob = try session.run(
      ["task", "assign", "TEC-000001.1", "--to", "bob", "--json"], as: "sam", at: "2026-03-02T10:20:00+01:00")
    #expect(ReplanCommandTests.text(try ReplanCommandTests.json(bob.stdout)["recorded"]) == "true", "\(bob.stderr)")
    // An open task assigned to the user working on it stays open.
    #expect(try session.run(["task", "open", "TEC-000001.1"], as: "bob", at: "2026-03-02T10:25:00+01:00").status == 0)
    let working = try session.run(
      ["task", "assign", "TEC-000001.1", "--to", "bob"], as: "sam", at: "2026-03-02T10:30:00+01:00")
    #expect(working.status == 0, "\(working.stderr)")
    #expect(working.stdout == "task TEC-000001.1 is already being worked on by bob; nothing recorded\n")
  }

  /// A case of an ambiguous customer that no one has linked has no customer: no case is both.
  @Test func aCustomerAndUnidentifiedTogetherAreAUsageError() throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let shown = try ReplanCommandTests.json(
      try session.run(["case", "show", "TEC-000001", "--json"], at: "2026-03-02T10:00:00+01:00").stdout)
    let customer = try #require(shown["customer"].flatMap { value -> String? in
      guard case .string(let id) = value else { return nil }
      return id
    })
    for id in [customer, "CUS-999999"] {
      let both = try session.run(
        ["case", "list", "--customer", id, "--unidentified"], as: "sam", at: "2026-03-02T10:00:00+01:00")
      #expect(both.status == 2 && both.stdout.isEmpty)
      #expect(
        both.stderr
          == "dcmc: --customer and --unidentified cannot be combined: an unidentified case is linked to no customer "
          + "record (its customer was ambiguous and no one has linked it), so no case would match\n", "\(both.stderr)")
    }
    let one = try session.run(["case", "list", "--customer", customer], as: "sam", at: "2026-03-02T10:00:00+01:00")
    #expect(one.status == 0 && one.stdout.hasPrefix("TEC-000001  technical  "), "\(one.stderr)")
  }
}
