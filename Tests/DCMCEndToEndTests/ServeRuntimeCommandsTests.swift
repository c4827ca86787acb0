import Foundation
import Testing
import _DCMCTestSupport

/// The endpoints of the runtime commands that had none (issue 18) through `dcmc serve` on a
/// free loopback port: `task reassign` and `case cancel` answer what the CLI's `--json` prints;
/// a target that cannot be an id is 422 naming the member, one that names nothing 404.
@Suite(.serialized) struct ServeRuntimeCommandsTests {
  @Test func aTaskIsReassignedAndItsCaseCancelledAsTheCLIDoes() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let harness = ServeCommandTests()
    #expect(try harness.dcmc(["deploy", "definitions"], in: directory).status == 0)
    let alice = harness.token(try harness.dcmc(["token", "create", "alice", "--json"], in: directory))
    let sam = harness.token(try harness.dcmc(["token", "create", "sam", "--json"], in: directory))
    let output = Pipe()
    let server = try BinaryRunner.start(
      ["serve", "--listen", "127.0.0.1:0", "--store", directory.url.appendingPathComponent("store").path],
      output: output, errors: Pipe())
    let line = harness.firstLine(of: output)
    #expect(line.hasPrefix("listening on http://127.0.0.1:"))
    let base = String(line.dropFirst("listening on ".count))
    let answers = try harness.send(
      [
        ["method": "POST", "path": "/api/v1/cases", "token": alice, "body": ServeRequestShapeTests.form],
        ["method": "POST", "path": "/api/v1/tasks/TEC-000001.1/reassign", "token": alice,
         "body": #"{"target": "expert_group_x"}"#],
        ["method": "POST", "path": "/api/v1/tasks/TEC-000001.1/reassign", "token": sam,
         "body": #"{"target": "expert_group_x"}"#],
        // A body's id that cannot be one is 422 naming the member; one that names nothing, 404.
        ["method": "POST", "path": "/api/v1/tasks/TEC-000001.1/reassign", "token": sam,
         "body": #"{"target": "a/b"}"#],
        ["method": "POST", "path": "/api/v1/tasks/TEC-000001.1/reassign", "token": sam,
         "body": #"{"target": "nowhere"}"#],
        // A file of 3 MiB (4 MiB of base64) as the CLI takes it: read by the daemon whole,
        // where another route's limit is 1 MiB (before, 413 above about 760 KiB).
        ["method": "POST", "path": "/api/v1/cases/TEC-000001/attachments", "token": sam,
         "body": #"{"name": "scan.bin", "content": ""# + String(repeating: "QUJD", count: 1 << 20) + #""}"#],
        ["method": "POST", "path": "/api/v1/cases/TEC-000001/pend", "token": sam,
         "body": #"{"pad": ""# + String(repeating: "x", count: 2 << 20) + #""}"#],
        ["method": "POST", "path": "/api/v1/cases/TEC-000001/cancel", "token": alice],
        ["method": "POST", "path": "/api/v1/cases/TEC-000001/cancel", "token": sam],
      ], to: base, in: directory)
    server.terminate()
    server.waitUntilExit()
    #expect(server.terminationStatus == 0)
    guard let answers else { return }  // no python3 here
    #expect(answers.map { $0["status"] as? Int } == [201, 403, 200, 422, 404, 200, 413, 403, 200])
    let invalid = try #require(answers[3]["body"] as? [String: Any])
    let errors = try #require(invalid["errors"] as? [[String: Any]])
    #expect(errors.count == 1 && errors[0]["field"] as? String == "target")
    #expect(invalid["detail"] as? String == "'target' contains '/'")
    #expect((answers[4]["body"] as? [String: Any])?["detail"] as? String == "unknown target 'nowhere'")
    let moved = try #require(answers[2]["body"] as? [String: Any])
    #expect(moved["target"] as? String == "expert_group_x" && moved["id"] as? String == "TEC-000001.1")
    // The case after, as `case show --json` prints it, is the cancel's answer.
    let attached = try #require(answers[5]["body"] as? [String: Any])
    #expect((attached["attachments"] as? [[String: Any]])?.first?["size"] as? Int == 3 << 20)
    let cancelled = try #require(answers[8]["body"] as? NSDictionary)
    #expect(cancelled["status"] as? String == "cancelled")
    let shown = try harness.dcmc(["case", "show", "TEC-000001", "--json"], in: directory)
    #expect(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? NSDictionary == cancelled)
    // `task reassign --json` prints the task as the endpoint answers it: the same members, and
    // whether anything was recorded, as `task set --json` does (a move to its own workbin is none).
    let fields = ["--field", "Customer_Name=Jo", "--field", "Customer_Email=jo@example.com", "--field", "Product=internet",
      "--field", "Problem_Description=x",
    ]
    #expect(try harness.dcmc(["case", "create", "technical", "--as", "alice"] + fields, in: directory).status == 0)
    let printed = try harness.dcmc(
      ["task", "reassign", "TEC-000002.1", "--target", "expert_group_x", "--as", "sam", "--json"], in: directory)
    let task = try #require(try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? [String: Any])
    #expect(Set(task.keys) == Set(moved.keys).union(["recorded"]) && task["target"] as? String == "expert_group_x")
    #expect(task["recorded"] as? Bool == true)
    #expect(try harness.dcmc(["store", "verify"], in: directory).status == 0)
  }
}
