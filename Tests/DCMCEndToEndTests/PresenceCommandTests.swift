import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `dcmc presence set|list|history` through the built binary (SPEC section 15): each command
/// in text and JSON, each refusal (exit 1, one line, nothing changed), the load and capacity
/// `presence list` shows, and the presence histories under `store verify` and `store rebuild`.
@Suite struct PresenceCommandTests {
  typealias Session = RuntimeCommandTests.Session

  static func deployed() throws -> Session {
    let session = try Session()
    let deploy = try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z")
    #expect(deploy.status == 0, "\(deploy.stderr)")
    return session
  }

  @Test("set, list and history print lines or JSON, times in UTC")
  func commandsInTextAndJSON() throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    let ready = try session.run(["presence", "set", "ready"], as: "fiona", at: "2026-03-02T09:00:00+01:00")
    #expect(ready.status == 0, "\(ready.stderr)")
    #expect(ready.stdout == "fiona  ready  since 2026-03-02T08:00:00Z  holds 0 of 2\n")
    let set = try #require(
      try session.json(
        ["presence", "set", "not_ready", "--reason", "break", "--user", "gary"], as: "tina", at: "2026-03-02T08:05:00Z")
        as? [String: Any])
    #expect(set["user"] as? String == "gary" && set["state"] as? String == "not_ready")
    #expect(set["reason"] as? String == "break" && set["since"] as? String == "2026-03-02T08:05:00Z")
    #expect(set["capacity"] as? Int == 1 && set["load"] as? Int == 0)
    let list = try session.run(
      ["presence", "list", "--workgroup", "finances_group"], as: "gary", at: "2026-03-02T08:06:00Z")
    #expect(
      list.stdout == """
        fiona  ready  since 2026-03-02T08:00:00Z  holds 0 of 2
        gary  not_ready (break)  since 2026-03-02T08:05:00Z  holds 0 of 1

        """)
    let everyone = try #require(
      try session.json(["presence", "list"], as: "gary", at: "2026-03-02T08:06:00Z") as? [[String: Any]])
    let tina = try #require(everyone.first { $0["user"] as? String == "tina" })
    #expect(tina["state"] as? String == "logged_off" && tina["since"] is NSNull && tina["capacity"] as? Int == 1)
    #expect(everyone.first { $0["user"] as? String == "walter" }?["capacity"] is NSNull)
    let history = try session.run(["presence", "history", "gary"], as: "fiona", at: "2026-03-02T08:07:00Z")
    #expect(history.stdout == "1  2026-03-02T08:05:00Z  not_ready (break)  by tina\n")
    let records = try #require(
      try session.json(["presence", "history", "gary"], as: "fiona", at: "2026-03-02T08:07:00Z") as? [[String: Any]])
    #expect(records.first?["type"] as? String == "presence.changed" && records.first?["by"] as? String == "tina")
    try session.run(["store", "verify"], at: "2026-03-02T08:08:00Z").expectVerified(session.store)
  }

  @Test("presence list counts the weight of the tasks a user holds")
  func listShowsTheLoad() throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    for minute in 0...2 {
      let created = try session.run(
        ["case", "create", "technical", "--fields", "samples/fields/technical.json"], as: "alice",
        at: "2026-03-02T08:0\(minute):00Z")
      #expect(created.status == 0, "\(created.stderr)")
    }
    #expect(try session.run(["task", "next"], as: "bob", at: "2026-03-02T08:05:00Z").status == 0)
    let full = try session.run(["task", "next"], as: "bob", at: "2026-03-02T08:06:00Z")
    #expect(full.status == 1)
    #expect(full.stderr == "dcmc: 'bob' holds 1 of capacity 1 in 'employees_group'\n")
    let picked = try session.run(["task", "claim", "TEC-000003.1"], as: "carol", at: "2026-03-02T08:07:00Z")
    #expect(picked.status == 1)
    #expect(picked.stderr == "dcmc: 'carol' may not pick task 'TEC-000003.1': 'task next' gives 'TEC-000002.1'\n")
    let list = try session.run(
      ["presence", "list", "--workgroup", "employees_group"], as: "sam", at: "2026-03-02T08:08:00Z")
    #expect(list.stdout.contains("bob  logged_off  never set  holds 1 of 1\n"))
    #expect(list.stdout.contains("carol  logged_off  never set  holds 0 of 1\n"))
  }

  @Test(
    "each refusal exits 1 with one line and changes nothing",
    arguments: [
      (
        ["presence", "set", "not_ready", "--reason", "lunch"], "gary",
        "dcmc: unknown not-ready reason 'lunch'; the reasons are break, training, coaching\n"
      ),
      (
        ["presence", "set", "not_ready", "--reason", "RONA"], "gary",
        "dcmc: 'RONA' is given by the system when an offer times out, not chosen\n"
      ),
      (
        ["presence", "set", "ready", "--user", "gary"], "sam",
        "dcmc: 'sam' supervises no workgroup of 'gary' and may not set their presence\n"
      ),
      (
        ["presence", "set", "ready", "--user", "fiona"], "gary",
        "dcmc: 'gary' supervises no workgroup of 'fiona' and may not set their presence\n"
      ),
      (["presence", "set", "ready", "--user", "mallory"], "tina", "dcmc: user 'mallory' is in no workgroup\n"),
      (["presence", "set", "ready"], "mallory", "dcmc: user 'mallory' is in no workgroup and can do nothing\n"),
      (["presence", "history", "mallory"], "gary", "dcmc: user 'mallory' is in no workgroup\n"),
    ])
  func refusals(arguments: [String], user: String, message: String) throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    let result = try session.run(arguments, as: user, at: "2026-03-02T08:00:00Z")
    #expect(result.status == 1)
    #expect(result.stderr == message)
    #expect(result.stdout.isEmpty)
    let presence = session.directory.url.appendingPathComponent("store/presence")
    #expect((try? FileManager.default.contentsOfDirectory(atPath: presence.path))?.isEmpty ?? true)
  }

  @Test("an unknown state or workgroup is a usage error that lists the valid ones")
  func usageErrors() throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    let state = try session.run(["presence", "set", "away"], as: "gary", at: "2026-03-02T08:00:00Z")
    #expect(state.status == 2)
    #expect(state.stderr.hasPrefix("dcmc: unknown state 'away'; the states are ready, not_ready, logged_off\n"))
    let group = try session.run(["presence", "list", "--workgroup", "nope"], as: "gary", at: "2026-03-02T08:00:00Z")
    #expect(group.status == 2)
    #expect(group.stderr.hasPrefix("dcmc: unknown workgroup 'nope'; the workgroups are back_office_fr"))
    let backwards = try session.run(["presence", "set", "ready"], as: "gary", at: "2026-03-02T08:00:00Z")
    #expect(backwards.status == 0)
    let earlier = try session.run(["presence", "set", "logged_off"], as: "gary", at: "2026-03-02T07:00:00Z")
    #expect(earlier.status == 1)
    #expect(
      earlier.stderr
        == "dcmc: time does not run backwards: the presence of 'gary' last changed at 2026-03-02T08:00:00Z\n")
  }

  @Test(
    "store verify reports a damaged presence history and a stray file; rebuild removes the stray, keeps the history")
  func verifyAndRebuild() throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    #expect(try session.run(["presence", "set", "ready"], as: "gary", at: "2026-03-02T08:00:00Z").status == 0)
    #expect(try session.run(["presence", "set", "ready"], as: "fiona", at: "2026-03-02T08:00:00Z").status == 0)
    let presence = session.directory.url.appendingPathComponent("store/presence")
    // Fiona's history now holds Gary's record: another user's events.
    try Data(contentsOf: presence.appendingPathComponent("gary.log")).write(
      to: presence.appendingPathComponent("fiona.log"))
    try Data("x".utf8).write(to: presence.appendingPathComponent("notes.txt"))
    try Data("not a record\n".utf8).write(to: presence.appendingPathComponent("alice.log"))
    let verify = try session.run(["store", "verify"], at: "2026-03-02T08:01:00Z")
    #expect(verify.status == 1)
    #expect(verify.stdout.contains("presence of 'fiona': presence/fiona.log holds another user's events\n"))
    #expect(verify.stdout.contains("presence/notes.txt: stray file among the presence histories"))
    #expect(verify.stdout.contains("presence of 'alice': "), "\(verify.stdout)")
    let rebuild = try session.run(["store", "rebuild"], at: "2026-03-02T08:02:00Z")
    #expect(rebuild.status == 1)
    #expect(
      rebuild.stderr.contains(
        "dcmc: not rebuilt: presence of 'fiona': presence/fiona.log holds another user's events\n"))
    #expect(rebuild.stdout.contains("presence/notes.txt"))
    #expect(!FileManager.default.fileExists(atPath: presence.appendingPathComponent("notes.txt").path))
    #expect(FileManager.default.fileExists(atPath: presence.appendingPathComponent("fiona.log").path))
  }

  /// Two processes setting one user's presence at once, both waiting for the store's lock: both
  /// land, one after the other, none lost.
  @Test(.enabled(if: FileManager.default.isReadableFile(atPath: "/proc/locks"), "needs Linux's /proc/locks"))
  func twoProcessesSettingOnePresenceBothLand() throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    let lock = open(session.store + "/store.lock", O_RDWR | O_CLOEXEC)
    try #require(lock >= 0)
    #expect(flock(lock, LOCK_EX) == 0)
    let runs = try [["ready"], ["not_ready", "--reason", "break"]].map { state in
      let (output, error) = (Pipe(), Pipe())
      let process = try BinaryRunner.start(
        ["presence", "set"] + state + [
          "--user", "gary", "--store", session.store, "--as", "tina", "--at",
          "2026-03-02T08:00:00Z",
        ], output: output, errors: error)
      return (process, output, error)
    }
    let pids = Set(runs.map { String($0.0.processIdentifier) })
    while TaskNextRaceTests.waitingForALock(pids) < pids.count && runs.allSatisfy({ $0.0.isRunning }) { sched_yield() }
    #expect(flock(lock, LOCK_UN) == 0)
    close(lock)
    for (process, output, error) in runs {
      _ = output.fileHandleForReading.readDataToEndOfFile()
      let stderr = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "\(stderr)")
    }
    let history = try #require(
      try session.json(["presence", "history", "gary"], as: "tina", at: "2026-03-02T08:01:00Z") as? [[String: Any]])
    #expect(history.map { $0["seq"] as? Int } == [1, 2])
    #expect(Set(history.compactMap { $0["state"] as? String }) == ["ready", "not_ready"])
  }
}
