import DCMCJSON
import Foundation
import Testing
import _DCMCTestSupport

/// Issue 16 item 5 through the binary: `task reschedule` and `case update`, their refusals
/// (exit 1, one line, nothing changed), `task list`, `tick`, the history and `store verify`.
@Suite struct ReplanCommandTests {
  typealias Session = RuntimeCommandTests.Session

  static let form = [
    "--field", "Customer_Name=Jane", "--field", "Customer_Email=jane@example.com", "--field", "Product=internet",
    "--field", "Problem_Description=Slow", "--field", "Customer_Segment=silver",
  ]

  static func json(_ text: String) throws -> JSONValue {
    try JSONValue.parse(Array(text.utf8), limits: JSONValue.Limits(maxBytes: 1 << 20))
  }

  /// A value's compact JSON text, to compare.
  static func text(_ json: JSONValue?) -> String? { json.map { String(decoding: $0.compact(), as: UTF8.self) } }

  static func session() throws -> Session {
    let session = try Session()
    #expect(try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z").status == 0)
    #expect(
      try session.run(["case", "create", "technical"] + form, as: "alice", at: "2026-03-02T09:00:00+01:00").status == 0)
    return session
  }

  @Test func aRescheduledTaskLeavesTheQueueAndATickBringsItBack() throws {
    let session = try Self.session()
    defer { session.directory.remove() }
    #expect(
      try session.run(["task", "claim", "TEC-000001.1"], as: "alice", at: "2026-03-02T09:30:00+01:00").status == 0)
    let done = try session.run(
      ["task", "reschedule", "TEC-000001.1", "--until", "2026-03-03T09:00:00+01:00", "--json"], as: "alice",
      at: "2026-03-02T10:00:00+01:00")
    #expect(done.status == 0, "\(done.stderr)")
    let task = try Self.json(done.stdout)
    #expect(Self.text(task["status"]) == "\"scheduled\"" && Self.text(task["assignee"]) == "null")
    #expect(Self.text(task["scheduled_until"]) == "\"2026-03-03T08:00:00Z\"")
    let list = try session.run(["task", "list", "--workbin", "employees_group"], at: "2026-03-02T11:00:00+01:00")
    #expect(
      list.stdout.contains("TEC-000001.1  handle  scheduled  employees_group  priority 50  until "), "\(list.stdout)")
    #expect(list.stdout.contains("OLA stopped"))
    let next = try session.run(["task", "next"], as: "bob", at: "2026-03-02T11:00:00+01:00")
    #expect(next.status == 1)
    try session.run(["store", "verify"], at: "2026-03-02T11:00:00+01:00").expectVerified(session.store)
    #expect(try session.run(["tick"], at: "2026-03-03T09:00:00+01:00").status == 0)
    let back = try session.run(["case", "show", "TEC-000001", "--json"], at: "2026-03-03T09:01:00+01:00")
    let shown = try Self.json(back.stdout)
    guard case .array(let tasks)? = shown["tasks"] else {
      Issue.record("no tasks")
      return
    }
    #expect(Self.text(tasks.first?["status"]) == "\"queued\"")
    #expect(Self.text(tasks.first?["scheduled_until"]) == "null")
    // 11 office hours from Tuesday 09:00: Wednesday 12:00 Brussels.
    #expect(Self.text(tasks.first?["ola_due"]) == "\"2026-03-04T11:00:00Z\"")
    let history = try session.run(["case", "history", "TEC-000001"], at: "2026-03-03T09:01:00+01:00").stdout
    #expect(history.contains("alice  task.rescheduled  task=TEC-000001.1 until=2026-03-03T08:00:00Z"), "\(history)")
    #expect(history.contains("timer.fired  timer=task_return"))
    #expect(history.contains("task.returned  task=TEC-000001.1 ola_due=2026-03-04T11:00:00Z"))
    #expect(try session.run(["store", "verify"], at: "2026-03-03T09:01:00+01:00").status == 0)
    #expect(try session.run(["task", "next"], as: "bob", at: "2026-03-03T09:02:00+01:00").status == 0)
  }

  @Test(arguments: [
    (["2026-03-02T09:30:00+01:00"], "sam", "is not after the command's time"),
    (["2026-03-03T09:00:00+01:00"], "bob", "task 'TEC-000001.1' is not assigned"),
    (["2026-03-03T09:00:00+01:00", "TEC-000001.7"], "sam", "case 'TEC-000001' has no task 'TEC-000001.7'"),
  ])
  func aRescheduleRefusalExitsOneAndChangesNothing(_ arguments: [String], user: String, message: String) throws {
    let session = try Self.session()
    defer { session.directory.remove() }
    let history = try session.run(["case", "history", "TEC-000001"], at: "2026-03-02T10:00:00+01:00").stdout
    let task = arguments.count > 1 ? arguments[1] : "TEC-000001.1"
    let refused = try session.run(
      ["task", "reschedule", task, "--until", arguments[0]], as: user, at: "2026-03-02T10:00:00+01:00")
    #expect(refused.status == 1)
    #expect(refused.stderr.hasPrefix("dcmc: ") && refused.stderr.contains(message), "\(refused.stderr)")
    #expect(refused.stderr.split(separator: "\n").count == 1)
    #expect(try session.run(["case", "history", "TEC-000001"], at: "2026-03-02T10:00:00+01:00").stdout == history)
  }

  @Test func aCaseUpdateReclassifiesAndRecordsBeforeAndAfter() throws {
    let session = try Self.session()
    defer { session.directory.remove() }
    let updated = try session.run(
      ["case", "update", "TEC-000001", "--field", "Customer_Segment=gold", "--json"], as: "sam",
      at: "2026-03-02T10:00:00+01:00")
    #expect(updated.status == 0, "\(updated.stderr)")
    let view = try Self.json(updated.stdout)
    #expect(Self.text(view["priority"]) == "75")
    guard case .object(let fields)? = view["fields"], case .array(let tasks)? = view["tasks"] else {
      Issue.record("no fields or tasks")
      return
    }
    #expect(Self.text(fields.first { $0.key == "Customer_Segment" }?.value) == "\"gold\"")
    #expect(Self.text(tasks.first?["priority"]) == "75")
    let history = try session.run(["case", "history", "TEC-000001"], at: "2026-03-02T10:00:00+01:00").stdout
    #expect(
      history.contains(
        "sam  case.updated  Customer_Segment=silver->gold priority=50->75 task=TEC-000001.1 priority=50->75"),
      "\(history)")
    #expect(try session.run(["store", "verify"], at: "2026-03-02T10:00:00+01:00").status == 0)
  }

  @Test func aCaseUpdateRefusalListsEveryProblemAndChangesNothing() throws {
    let session = try Self.session()
    defer { session.directory.remove() }
    let history = try session.run(["case", "history", "TEC-000001"], at: "2026-03-02T10:00:00+01:00").stdout
    let invalid = try session.run(
      ["case", "update", "TEC-000001", "--field", "Customer_Segment=platinum", "--field", "Shoe_Size=42"], as: "sam",
      at: "2026-03-02T10:00:00+01:00")
    #expect(invalid.status == 1)
    #expect(invalid.stderr.contains("the update of case 'TEC-000001' is not valid"), "\(invalid.stderr)")
    #expect(invalid.stderr.contains("'Shoe_Size' is not a field") && invalid.stderr.contains("'Customer_Segment'"))
    let peer = try session.run(
      ["case", "update", "TEC-000001", "--field", "Customer_Segment=gold"], as: "bob", at: "2026-03-02T10:00:00+01:00")
    #expect(peer.status == 1)
    #expect(peer.stderr.contains("may not update it"), "\(peer.stderr)")
    let unknown = try session.run(
      ["case", "update", "TEC-000009", "--field", "Customer_Segment=gold"], as: "sam", at: "2026-03-02T10:00:00+01:00")
    #expect(unknown.status == 1)
    #expect(try session.run(["case", "update", "TEC-000001"], as: "sam", at: "2026-03-02T10:00:00+01:00").status == 2)
    #expect(try session.run(["case", "history", "TEC-000001"], at: "2026-03-02T10:00:00+01:00").stdout == history)
  }
}
