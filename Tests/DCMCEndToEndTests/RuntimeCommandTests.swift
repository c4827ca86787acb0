import Foundation
import Testing
import _DCMCTestSupport

/// The runtime commands through the built binary, on a temporary store: a Technical case
/// from the web form to the expert, with the clock given by --at.
@Suite struct RuntimeCommandTests {
  struct Session {
    let directory: TemporaryDirectory
    var store: String { directory.url.appendingPathComponent("store").path }

    init() throws { directory = try TemporaryDirectory() }

    func run(_ arguments: [String], as user: String? = nil, at time: String) throws -> BinaryRunner.Output {
      var full = arguments + ["--store", store, "--at", time]
      if let user { full += ["--as", user] }
      return try BinaryRunner.run(full)
    }

    func json(_ arguments: [String], as user: String? = nil, at time: String) throws -> Any {
      let result = try run(arguments + ["--json"], as: user, at: time)
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
      return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
  }

  @Test("every runtime action that takes --json answers in JSON")
  func jsonEverywhere() throws {
    let session = try Session()
    defer { session.directory.remove() }
    let deploy = try #require(try session.json(["deploy", "definitions"], at: "2026-03-01T12:00:00Z") as? [String: Any])
    #expect(deploy["new"] as? Bool == true)
    #expect((deploy["bundle"] as? String)?.hasPrefix("sha256:") == true)
    _ = try session.json(
      ["case", "create", "technical", "--field", "Customer_Name=Jane", "--field", "Customer_Email=jane@example.com",
       "--field", "Product=internet", "--field", "Problem_Description=Slow"], as: "alice", at: "2026-03-02T09:00:00Z")
    _ = try session.json(["case", "create", "technical", "--field", "Customer_Name=Joe", "--field",
       "Customer_Email=joe@example.com", "--field", "Product=internet", "--field", "Problem_Description=Slow"],
      as: "alice", at: "2026-03-02T09:01:00Z")
    let ack = try #require(try session.json(["outbox", "ack", "TEC-000001/n1"], at: "2026-03-02T09:02:00Z") as? [String: Any])
    #expect(ack["delivered"] as? String == "TEC-000001/n1")
    let delivered = try #require(
      try session.json(["outbox", "deliver", "--via", "cat >/dev/null"], at: "2026-03-02T09:03:00Z") as? [String: Any])
    #expect(delivered["delivered"] as? [String] == ["TEC-000002/n1"])
    #expect((delivered["failed"] as? [Any])?.isEmpty == true)
    #expect(try session.json(["tick"], at: "2026-03-02T09:04:00Z") is [Any])
    let rebuilt = try #require(try session.json(["store", "rebuild"], at: "2026-03-02T09:05:00Z") as? [String: Any])
    #expect(rebuilt["cases"] as? Int == 2)
    #expect(try session.json(["store", "verify"], at: "2026-03-02T09:06:00Z") is [String: Any])
  }

  /// A pending case whose type pauses its SLA says so in JSON (`sla_paused`), as `case show`
  /// says "SLA paused": `sla_due` alone read as a breach to a script comparing it with now
  /// (the audit of 6 December 2026). A type that does not pause (complaint) runs on, false.
  @Test func aPausedSLAIsSaidInJSON() throws {
    let session = try Session()
    defer { session.directory.remove() }
    _ = try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z")
    _ = try session.run(
      ["case", "create", "technical", "--fields", "samples/fields/technical.json"], as: "alice", at: "2026-03-02T09:00:00Z")
    func show() throws -> [String: Any]? {
      try session.json(["case", "show", "TEC-000001"], at: "2026-03-02T09:30:00Z") as? [String: Any]
    }
    #expect(try show()?["sla_paused"] as? Bool == false)
    let pend = try session.run(["case", "pend", "TEC-000001"], as: "alice", at: "2026-03-02T09:10:00Z")
    #expect(pend.status == 0, "\(pend.stderr)")
    #expect(try show()?["sla_paused"] as? Bool == true)
    #expect(try show()?["status"] as? String == "pending")
    let resume = try session.run(["case", "resume", "TEC-000001"], as: "alice", at: "2026-03-02T09:20:00Z")
    #expect(resume.status == 0, "\(resume.stderr)")
    #expect(try show()?["sla_paused"] as? Bool == false)
  }

  @Test("a case runs from creation to escalation and the store verifies clean")
  func wholeCase() throws {
    let session = try Session()
    defer { session.directory.remove() }
    let deploy = try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z")
    #expect(deploy.status == 0, "\(deploy.stderr)")
    #expect(deploy.stdout.hasPrefix("deployed 6 case types"))
    let created = try #require(
      try session.json(
        ["case", "create", "technical", "--fields", "samples/fields/technical.json", "--request-id", "web-1"], as: "alice",
        at: "2026-03-02T09:00:00+01:00") as? [String: Any])
    #expect(created["id"] as? String == "TEC-000001")
    #expect(created["status"] as? String == "open")
    #expect(created["sla_due"] as? String == "2026-03-03T16:00:00Z")
    // The same request again returns the same case, and makes no second one.
    let retried = try #require(
      try session.json(
        ["case", "create", "technical", "--fields", "samples/fields/technical.json", "--request-id", "web-1"], as: "alice",
        at: "2026-03-02T09:01:00+01:00") as? [String: Any])
    #expect(retried["id"] as? String == "TEC-000001")
    #expect((try session.json(["case", "list"], at: "2026-03-02T09:02:00+01:00") as? [Any])?.count == 1)
    // Bob pulls the most urgent task and opens it.
    let next = try #require(try session.json(["task", "next"], as: "bob", at: "2026-03-02T09:10:00+01:00") as? [String: Any])
    #expect(next["id"] as? String == "TEC-000001.1")
    #expect(next["assignee"] as? String == "bob")
    #expect(try session.run(["task", "open", "TEC-000001.1"], as: "bob", at: "2026-03-02T09:11:00+01:00").status == 0)
    // One minute before the OLA nothing escalates; at 13:00 the breach waits for the release.
    _ = try session.run(["tick"], at: "2026-03-03T12:59:00+01:00")
    let before = try #require(try session.json(["case", "show", "TEC-000001"], at: "2026-03-03T12:59:00+01:00") as? [String: Any])
    #expect((before["tasks"] as? [[String: Any]])?.count == 1)
    _ = try session.run(["tick"], at: "2026-03-03T13:00:00+01:00")
    let released = try #require(
      try session.json(["task", "release", "TEC-000001.1"], as: "bob", at: "2026-03-03T13:05:00+01:00") as? [String: Any])
    #expect(released["status"] as? String == "escalated")
    let shown = try #require(try session.json(["case", "show", "TEC-000001"], at: "2026-03-03T13:06:00+01:00") as? [String: Any])
    #expect(shown["status"] as? String == "escalated")
    let tasks = try #require(shown["tasks"] as? [[String: Any]])
    #expect(tasks.map { $0["task"] as? String } == ["handle", "expert_review"])
    #expect(tasks[1]["target"] as? String == "expert_group_x")
    // The history names who did what and when; the outbox holds the rendered messages.
    let history = try #require(try session.json(["case", "history", "TEC-000001"], at: "2026-03-03T13:07:00+01:00") as? [[String: Any]])
    #expect(history.first?["type"] as? String == "case.created")
    #expect(history.first?["by"] as? String == "alice")
    #expect(history.map { $0["seq"] as? Int } == Array(1...history.count).map { $0 })
    let outbox = try #require(try session.json(["outbox", "list"], at: "2026-03-03T13:07:00+01:00") as? [[String: Any]])
    #expect(outbox.first?["to"] as? String == "jane.doe@example.com")
    #expect(outbox.first?["status"] as? String == "pending")
    #expect(try session.run(["outbox", "ack", "TEC-000001/n1"], at: "2026-03-03T13:08:00+01:00").status == 0)
    let verify = try #require(try session.json(["store", "verify"], at: "2026-03-03T13:09:00+01:00") as? [String: Any])
    #expect(verify["ok"] as? Bool == true)
    #expect(verify["cases"] as? Int == 1)
  }

  @Test("refusals exit 1 with a reason and change nothing")
  func refusals() throws {
    let session = try Session()
    defer { session.directory.remove() }
    _ = try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z")
    _ = try session.run(
      ["case", "create", "technical", "--fields", "samples/fields/technical.json"], as: "alice", at: "2026-03-02T09:00:00Z")
    let historyBefore = try session.run(["case", "history", "TEC-000001"], at: "2026-03-02T09:01:00Z").stdout
    let cases: [([String], String?, String)] = [
      (["task", "claim", "TEC-000001.1"], "eve", "not a member"),
      (["task", "claim", "TEC-000001.1"], "mallory", "in no workgroup"),
      (["task", "complete", "TEC-000001.1", "--outcome", "resolved"], "alice", "not assigned"),
      (["task", "assign", "TEC-000001.1", "--to", "bob"], "alice", "not a supervisor"),
      (["case", "show", "TEC-999999"], nil, "no case"),
      (["case", "create", "technical", "--field", "Customer_Email=x"], "alice", "is required"),
      (["case", "show", "../etc"], nil, "invalid id '../etc'"),
      (["case", "show", "a/b"], nil, "invalid id 'a/b'"),
      // SPEC 4: a user in no workgroup can do nothing, reading included (these printed the
      // case, its history, the tasks and a report before 6 December 2026).
      (["case", "show", "TEC-000001"], "mallory", "user 'mallory' is in no workgroup and can do nothing"),
      (["case", "history", "TEC-000001"], "mallory", "user 'mallory' is in no workgroup and can do nothing"),
      (["case", "list"], "mallory", "user 'mallory' is in no workgroup and can do nothing"),
      (["task", "list"], "mallory", "user 'mallory' is in no workgroup and can do nothing"),
      (["report", "cases"], "mallory", "user 'mallory' is in no workgroup and can do nothing"),
    ]
    for (arguments, user, reason) in cases {
      let result = try session.run(arguments, as: user, at: "2026-03-02T09:02:00Z")
      #expect(result.status == 1, "\(arguments): \(result.stderr)")
      #expect(result.stderr.hasPrefix("dcmc: ") && result.stderr.contains(reason), "\(arguments): \(result.stderr)")
    }
    #expect(try session.run(["case", "history", "TEC-000001"], at: "2026-03-02T09:03:00Z").stdout == historyBefore)
    // Item 11: a tick far in the future stops no later tick; the later one says when the
    // last tick was and that the cases it changed wait for their time.
    _ = try session.run(["tick"], at: "2099-03-02T10:00:00Z")
    let later = try session.run(["tick"], at: "2026-03-02T09:30:00Z")
    #expect(later.status == 0, "\(later.stderr)")
    #expect(
      later.stderr
        == "dcmc: note: the last tick was at 2099-03-02T10:00:00Z; cases changed after 2026-03-02T09:30:00Z wait for a later tick\n"
    )
    #expect(later.stdout == "tick at 2026-03-02T09:30:00Z: 0 cases changed\n")
  }
}

/// Attachments, interactions and delivery of the outbox through the binary.
@Suite struct CaseExtrasCommandTests {
  /// A session with the reference definitions deployed and one technical case, TEC-000001.
  static func sessionWithACase() throws -> RuntimeCommandTests.Session {
    let session = try RuntimeCommandTests.Session()
    _ = try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z")
    _ = try session.run(
      ["case", "create", "technical", "--fields", "samples/fields/technical.json"], as: "alice", at: "2026-03-02T09:00:00Z")
    return session
  }

  @Test("attach copies the file into the store; link records an interaction; deliver pipes JSON and marks on exit 0")
  func attachLinkDeliver() throws {
    let session = try Self.sessionWithACase()
    defer { session.directory.remove() }
    let photo = try session.directory.write("modem.txt", "the modem's lights\n")
    let attached = try #require(
      try session.json(["case", "attach", "TEC-000001", photo.path], as: "alice", at: "2026-03-02T09:05:00Z") as? [String: Any])
    let attachment = try #require((attached["attachments"] as? [[String: Any]])?.first)
    #expect(attachment["name"] as? String == "modem.txt")
    #expect(attachment["size"] as? Int == 19)
    let stored = session.store + "/" + (attachment["stored"] as? String ?? "")
    #expect(try String(contentsOfFile: stored, encoding: .utf8) == "the modem's lights\n")
    // Someone outside the case's workgroups may not attach; nothing is kept.
    #expect(try session.run(["case", "attach", "TEC-000001", photo.path], as: "eve", at: "2026-03-02T09:06:00Z").status == 1)
    let linked = try #require(
      try session.json(["case", "link", "TEC-000001", "--interaction", "phone:call-42"], as: "alice", at: "2026-03-02T09:07:00Z")
        as? [String: Any])
    #expect(linked["interactions"] as? [String] == ["phone:call-42"])
    #expect(try session.run(["case", "link", "TEC-000001", "--interaction", "phone"], as: "alice", at: "2026-03-02T09:08:00Z").status == 2)
    let bidi = try session.run(["case", "link", "TEC-000001", "--interaction", "\u{202E}phone:x"], as: "alice", at: "2026-03-02T09:08:00Z")
    #expect(bidi.status == 2 && bidi.stderr.contains(
        "'\\u{202e}phone:x' holds U+202E (a bidirectional embedding or override); an interaction is one line of plain text"))
    // A failing gateway leaves the notification pending; a working one gets its JSON.
    let failing = try session.run(["outbox", "deliver", "--via", "exit 3"], at: "2026-03-02T09:09:00Z")
    #expect(failing.status == 1)
    #expect(failing.stderr.contains("stays pending: 'exit 3' exited with status 3"))
    let received = session.directory.url.appendingPathComponent("received.json").path
    let delivered = try session.run(["outbox", "deliver", "--via", "cat > '\(received)'"], at: "2026-03-02T09:10:00Z")
    #expect(delivered.status == 0, "\(delivered.stderr)")
    #expect(delivered.stdout == "delivered TEC-000001/n1\n")
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: received))) as? [String: Any])
    #expect(document["to"] as? String == "jane.doe@example.com")
    #expect(document["template"] as? String == "case_created")
    let outbox = try #require(try session.json(["outbox", "list"], at: "2026-03-02T09:11:00Z") as? [[String: Any]])
    #expect(outbox.map { $0["status"] as? String } == ["delivered"])
  }
}

extension CaseExtrasCommandTests {
  @Test("an attachment is read only when it is a regular file within the limit")
  func attachReadsBoundedRegularFiles() throws {
    let session = try Self.sessionWithACase()
    defer { session.directory.remove() }
    // A sparse file of 64 GiB: refused from its size, which reading it whole could not do.
    let huge = try session.directory.write("huge.bin", "")
    let handle = try FileHandle(forWritingTo: huge)
    try handle.truncate(atOffset: 1 << 36)
    try handle.close()
    let tooLarge = try session.run(["case", "attach", "TEC-000001", huge.path], as: "alice", at: "2026-03-02T09:05:00Z")
    #expect(tooLarge.status == 1)
    #expect(tooLarge.stderr == "dcmc: 'huge.bin' has \(1 << 36) bytes; an attachment holds at most \(10 << 20)\n")
    let device = try session.run(["case", "attach", "TEC-000001", "/dev/zero"], as: "alice", at: "2026-03-02T09:06:00Z")
    #expect(device.status == 2)
    #expect(device.stderr == "dcmc: cannot read '/dev/zero': not a regular file\n")
    let history = try session.run(["case", "history", "TEC-000001"], at: "2026-03-02T09:07:00Z").stdout
    #expect(!history.contains("attach"))
  }

  /// A right-to-left override in a file's name reorders it where it is shown
  /// (`invoice\u{202E}fdp.exe` read as `invoiceexe.pdf`): refused, exit 1, nothing recorded.
  @Test("an attachment's name with a bidirectional override is refused")
  func attachRefusesBidirectionalOverrides() throws {
    let session = try Self.sessionWithACase()
    defer { session.directory.remove() }
    let spoofed = try session.directory.write("invoice\u{202E}fdp.exe", "MZ")
    let refused = try session.run(["case", "attach", "TEC-000001", spoofed.path], as: "alice", at: "2026-03-02T09:05:00Z")
    #expect(refused.status == 1)
    #expect(
      refused.stderr
        == "dcmc: invalid attachment name 'invoice\\u{202e}fdp.exe': holds U+202E (a bidirectional embedding or override); "
          + "an attachment's name is one line of plain text\n"
    )
    let history = try session.run(["case", "history", "TEC-000001"], at: "2026-03-02T09:06:00Z").stdout
    #expect(!history.contains("attach"))
  }
}

/// Form data in YAML on standard input.
@Suite struct FormDataCommandTests {
  @Test("--fields - reads a YAML mapping; --field overrides it; a list is refused")
  func yamlFormOnStandardInput() throws {
    let session = try RuntimeCommandTests.Session()
    defer { session.directory.remove() }
    _ = try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z")
    let yaml = """
      Customer_Name: Nora Peeters
      Customer_Email: nora@example.com
      Language: en
      Topic: billing
      Complaint: |
        Billed twice
        in February
      Goodwill_Requested: true

      """
    let created = try BinaryRunner.run(
      ["case", "create", "complaint", "--fields", "-", "--field", "Topic=delivery", "--json", "--store", session.store,
       "--as", "leo", "--at", "2026-03-02T09:00:00Z"], stdin: Data(yaml.utf8))
    #expect(created.status == 0, "\(created.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])
    // Field values keep their types (SPEC section 13): the boolean is a JSON boolean.
    let fields = try #require(object["fields"] as? [String: Any])
    #expect(fields["Topic"] as? String == "delivery")
    #expect(fields["Complaint"] as? String == "Billed twice\nin February\n")
    #expect(fields["Goodwill_Requested"] as? Bool == true)
    let list = try BinaryRunner.run(
      ["case", "create", "complaint", "--fields", "-", "--store", session.store, "--as", "leo", "--at", "2026-03-02T09:00:00Z"],
      stdin: Data("- a\n- b\n".utf8))
    #expect(list.status == 2)
    #expect(list.stderr.contains("is not one mapping of field to value"))
  }
}

/// Deploying a new bundle never changes a running case: each case stays on its bundle.
@Suite struct DeploymentCommandTests {
  @Test("a case keeps the bundle it started with when a new one is deployed")
  func runningCasesKeepTheirBundle() throws {
    let session = try RuntimeCommandTests.Session()
    defer { session.directory.remove() }
    _ = try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z")
    let first = try #require(
      try session.json(
        ["case", "create", "technical", "--fields", "samples/fields/technical.json"], as: "alice",
        at: "2026-03-02T09:00:00+01:00") as? [String: Any])
    // The same definitions with the OLA of 'handle' cut from 12h to 2h.
    let copy = session.directory.url.appendingPathComponent("definitions")
    try FileManager.default.copyItem(at: BinaryRunner.repositoryRoot.appendingPathComponent("definitions"), to: copy)
    let technical = copy.appendingPathComponent("technical.yaml")
    let text = try String(contentsOf: technical, encoding: .utf8)
    let shorter = text.replacingOccurrences(of: "          within: 12h\n", with: "          within: 2h\n")
    #expect(shorter != text)
    try shorter.write(to: technical, atomically: true, encoding: .utf8)
    let redeploy = try session.run(["deploy", copy.path], at: "2026-03-02T09:30:00+01:00")
    #expect(redeploy.status == 0, "\(redeploy.stderr)")
    let second = try #require(
      try session.json(
        ["case", "create", "technical", "--fields", "samples/fields/technical.json"], as: "alice",
        at: "2026-03-02T09:00:00+01:00") as? [String: Any])
    #expect(first["bundle"] as? String != second["bundle"] as? String)
    func olaDue(_ object: [String: Any]) -> String? { (object["tasks"] as? [[String: Any]])?.first?["ola_due"] as? String }
    #expect(olaDue(first) == "2026-03-03T12:00:00Z")  // 12 office hours: Tuesday 13:00 Brussels
    #expect(olaDue(second) == "2026-03-02T10:00:00Z")  // 2 office hours: Monday 11:00 Brussels
    // A tick at Monday noon escalates the new case only; the old one still runs on its bundle.
    _ = try session.run(["tick"], at: "2026-03-02T12:00:00+01:00")
    let old = try #require(try session.json(["case", "show", "TEC-000001"], at: "2026-03-02T12:01:00+01:00") as? [String: Any])
    let new = try #require(try session.json(["case", "show", "TEC-000002"], at: "2026-03-02T12:01:00+01:00") as? [String: Any])
    #expect(old["status"] as? String == "open")
    #expect(new["status"] as? String == "escalated")
    #expect(old["bundle"] as? String == first["bundle"] as? String)
  }

  /// A deployment that renames a workgroup leaves the tasks in its workbin where no member may
  /// take them and no supervisor may move them (both are checked against the latest
  /// deployment): `deploy` said nothing before 6 December 2026; it warns now, and deploys.
  @Test func aDeploymentThatDropsAWorkgroupWithWorkWarnsOfIt() throws {
    let session = try RuntimeCommandTests.Session()
    defer { session.directory.remove() }
    #expect(try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z").status == 0)
    for _ in 0..<2 {
      #expect(
        try session.run(
          ["case", "create", "technical", "--fields", "samples/fields/technical.json"], as: "alice",
          at: "2026-03-02T09:00:00+01:00"
        ).status == 0)
    }
    #expect(try session.run(["tick"], at: "2026-03-03T14:00:00+01:00").status == 0)  // both escalate
    let copy = session.directory.url.appendingPathComponent("definitions")
    try FileManager.default.copyItem(at: BinaryRunner.repositoryRoot.appendingPathComponent("definitions"), to: copy)
    try FileManager.default.removeItem(at: copy.appendingPathComponent("scenarios"))
    for name in ["workgroups.yaml", "technical.yaml", "connectivity.yaml"] {
      let file = copy.appendingPathComponent(name)
      let text = try String(contentsOf: file, encoding: .utf8)
      try text.replacingOccurrences(of: "expert_group_x", with: "expert_group_y").write(
        to: file, atomically: true, encoding: .utf8)
    }
    let renamed = try session.run(["deploy", copy.path], at: "2026-03-03T15:00:00+01:00")
    #expect(renamed.status == 0)
    #expect(
      renamed.stderr
        == "dcmc: warning: 2 active tasks are in workbin 'expert_group_x', which no workgroup of this deployment "
        + "has: no member may take them and no supervisor may move them until a deployment has it again\n")
    let back = try session.run(["deploy", "definitions"], at: "2026-03-03T15:01:00+01:00")
    #expect(back.status == 0 && back.stderr.isEmpty, "\(back.stderr)")
  }
}
