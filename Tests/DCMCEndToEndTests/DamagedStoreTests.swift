import Foundation
import Testing
import _DCMCTestSupport

/// Issue 14, items 1-3 through the binary: a history cut short is named by verify, refused by
/// rebuild without --accept-loss, and every list, `task next`, `tick` and the outbox warn about
/// the damaged case and serve the others.
@Suite struct DamagedStoreTests {
  struct Session {
    let directory: TemporaryDirectory
    var store: String { directory.url.appendingPathComponent("store").path }

    init() throws {
      directory = try TemporaryDirectory()
      #expect(try run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z").status == 0)
      for minute in ["00", "01"] {
        let created = try run(
          ["case", "create", "technical", "--fields", "samples/fields/technical.json"], as: "alice",
          at: "2026-03-02T09:\(minute):00+01:00")
        #expect(created.status == 0, "\(created.stderr)")
      }
    }

    func run(_ arguments: [String], as user: String? = nil, at time: String) throws -> BinaryRunner.Output {
      var full = arguments + ["--store", store, "--at", time]
      if let user { full += ["--as", user] }
      return try BinaryRunner.run(full)
    }
  }

  @Test(
    "a log cut at a record boundary: verify names the events, the lists warn and serve the rest, rebuild refuses without --accept-loss"
  )
  func aCutLogThroughTheBinary() throws {
    let session = try Session()
    defer { session.directory.remove() }
    let claimed = try session.run(["task", "claim", "TEC-000001.1"], as: "bob", at: "2026-03-02T09:05:00+01:00")
    #expect(claimed.status == 0, "\(claimed.stderr)")
    let log = URL(fileURLWithPath: session.store + "/streams/TEC-000001.log")
    let bytes = try Data(contentsOf: log)
    let records = bytes.split(separator: 10).count
    let kept = bytes.split(separator: 10, omittingEmptySubsequences: false).prefix(records - 1)
    // The claim's records after the creation's: cut its last record, at a line boundary.
    try (Data(kept.joined(separator: [10])) + [10]).write(to: log)
    let verify = try session.run(["store", "verify"], at: "2026-03-02T09:10:00+01:00")
    #expect(verify.status == 1)
    let ended = verify.stdout.split(separator: "\n").first.map(String.init) ?? ""
    #expect(ended.hasPrefix("case 'TEC-000001': streams/TEC-000001.log ends at event "), "\(verify.stdout)")
    #expect(
      ended.hasSuffix(", its state recorded \(records): event \(records) is missing")
        || ended.contains("-\(records) are missing"))
    let warning = "dcmc: warning: skipped damaged \(ended)\n"
    for (arguments, user) in [
      (["case", "list"], nil), (["task", "list"], nil), (["outbox", "list"], nil), (["task", "next"], "carol"),
      (["outbox", "deliver", "--via", "cat >/dev/null"], nil), (["tick"], nil),
    ] as [([String], String?)] {
      let result = try session.run(arguments, as: user, at: "2026-03-04T12:00:00+01:00")
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
      #expect(result.stderr == warning, "\(arguments)")
      #expect(!result.stdout.contains("TEC-000001"), "\(arguments): \(result.stdout)")
    }
    #expect(try session.run(["case", "list"], at: "2026-03-04T12:00:00+01:00").stdout.contains("TEC-000002"))
    #expect(try session.run(["case", "show", "TEC-000001"], at: "2026-03-04T12:00:00+01:00").status == 2)
    let refused = try session.run(["store", "rebuild"], at: "2026-03-04T12:00:00+01:00")
    #expect(refused.status == 1)
    #expect(
      refused.stderr.hasPrefix("dcmc: not rebuilt: \(ended); rebuilding it would lose them\n"), "\(refused.stderr)")
    #expect(try session.run(["store", "verify"], at: "2026-03-04T12:00:00+01:00").status == 1)
    let accepted = try session.run(["store", "rebuild", "--accept-loss"], at: "2026-03-04T12:00:00+01:00")
    #expect(accepted.status == 0, "\(accepted.stderr)")
    let clean = try session.run(["store", "verify"], at: "2026-03-04T12:00:00+01:00")
    #expect(clean.status == 0, "\(clean.stdout)")
  }

  @Test(
    "a log cut back at a record boundary with its state gone: the customer's case summaries name the loss, rebuild refuses without --accept-loss (audit36 H3)"
  )
  func aCutLogWithoutItsStateThroughTheBinary() throws {
    let session = try Session()
    defer { session.directory.remove() }
    let log = URL(fileURLWithPath: session.store + "/streams/TEC-000001.log")
    let created = try Data(contentsOf: log)
    let claimed = try session.run(["task", "claim", "TEC-000001.1"], as: "bob", at: "2026-03-02T09:05:00+01:00")
    #expect(claimed.status == 0, "\(claimed.stderr)")
    let end = created.split(separator: 10).count
    let recorded = try Data(contentsOf: log).split(separator: 10).count
    // A log restored from a copy taken before the claim, and the state cache lost.
    try created.write(to: log)
    try FileManager.default.removeItem(atPath: session.store + "/states/TEC-000001.json")
    let missing = end + 1 == recorded ? "event \(recorded) is" : "events \(end + 1)-\(recorded) are"
    let line =
      "case 'TEC-000001': streams/TEC-000001.log ends at event \(end), its customer's case summaries recorded "
      + "\(recorded): \(missing) missing"
    let verify = try session.run(["store", "verify"], at: "2026-03-02T09:10:00+01:00")
    #expect(verify.status == 1)
    #expect(verify.stdout.contains(line + "\n"), "\(verify.stdout)")
    let refused = try session.run(["store", "rebuild"], at: "2026-03-02T09:10:00+01:00")
    #expect(refused.status == 1)
    #expect(refused.stderr.hasPrefix("dcmc: not rebuilt: \(line); rebuilding it would lose them\n"), "\(refused.stderr)")
    #expect(try session.run(["store", "verify"], at: "2026-03-02T09:10:00+01:00").stdout.contains(line))
    let accepted = try session.run(["store", "rebuild", "--accept-loss"], at: "2026-03-02T09:10:00+01:00")
    #expect(accepted.status == 0, "\(accepted.stderr)")
    let clean = try session.run(["store", "verify"], at: "2026-03-02T09:10:00+01:00")
    #expect(clean.status == 0, "\(clean.stdout)")
  }

  @Test(
    "a presence history cut back at a record boundary: verify names the lost change, rebuild refuses without --accept-loss (audit36 H2)"
  )
  func aCutPresenceHistoryThroughTheBinary() throws {
    let session = try Session()
    defer { session.directory.remove() }
    #expect(try session.run(["presence", "set", "ready"], as: "alice", at: "2026-03-02T09:05:00+01:00").status == 0)
    let rest = try session.run(
      ["presence", "set", "not_ready", "--reason", "break"], as: "alice", at: "2026-03-02T09:06:00+01:00")
    #expect(rest.status == 0, "\(rest.stderr)")
    let log = URL(fileURLWithPath: session.store + "/presence/alice.log")
    let bytes = try Data(contentsOf: log)
    try bytes.prefix(through: try #require(bytes.firstIndex(of: 10))).write(to: log)
    let line =
      "presence of 'alice': presence/alice.log ends at event 1, the report facts recorded 2: event 2 is missing"
    let verify = try session.run(["store", "verify"], at: "2026-03-02T09:10:00+01:00")
    #expect(verify.status == 1)
    #expect(verify.stdout.hasPrefix(line + "\n"), "\(verify.stdout)")
    #expect(!verify.stdout.contains("ready/alice"), "\(verify.stdout)")
    let refused = try session.run(["store", "rebuild"], at: "2026-03-02T09:10:00+01:00")
    #expect(refused.status == 1)
    #expect(refused.stderr.hasPrefix("dcmc: not rebuilt: \(line); rebuilding it would lose them\n"), "\(refused.stderr)")
    let accepted = try session.run(["store", "rebuild", "--accept-loss"], at: "2026-03-02T09:10:00+01:00")
    #expect(accepted.status == 0, "\(accepted.stderr)")
    let clean = try session.run(["store", "verify"], at: "2026-03-02T09:10:00+01:00")
    #expect(clean.status == 0, "\(clean.stdout)")
  }

  @Test(
    "a customer history cut back to its first record (audit36 H2): verify names the history, not the indexes; rebuild refuses without --accept-loss"
  )
  func aCutCustomerHistoryThroughTheBinary() throws {
    let session = try Session()
    defer { session.directory.remove() }
    let added = try session.run(
      ["customer", "add", "--name", "Zed Zork", "--email", "zed@example.com"], as: "alice",
      at: "2026-03-02T09:05:00+01:00")
    #expect(added.status == 0, "\(added.stderr)")
    let id = try #require(added.stdout.split(separator: " ").dropFirst().first.map(String.init))
    let updated = try session.run(
      ["customer", "update", id, "--email", "zed2@example.com", "--name", "Zed Zorkin"], as: "sam",
      at: "2026-03-02T09:06:00+01:00")
    #expect(updated.status == 0, "\(updated.stderr)")
    let log = URL(fileURLWithPath: session.store + "/customers/streams/\(id).log")
    let bytes = try Data(contentsOf: log)
    try bytes.prefix(through: try #require(bytes.firstIndex(of: 10))).write(to: log)
    let line = "customer '\(id)': customers/streams/\(id).log ends at event 1, its head recorded 2: event 2 is missing"
    let verify = try session.run(["store", "verify"], at: "2026-03-02T09:10:00+01:00")
    #expect(verify.status == 1)
    #expect(verify.stdout.hasPrefix(line + "\n"), "\(verify.stdout)")
    #expect(!verify.stdout.contains("customers/emails/"), "\(verify.stdout)")
    let refused = try session.run(["store", "rebuild"], at: "2026-03-02T09:10:00+01:00")
    #expect(refused.status == 1)
    #expect(refused.stderr.hasPrefix("dcmc: not rebuilt: \(line); rebuilding it would lose them\n"), "\(refused.stderr)")
    let shown = try session.run(["customer", "show", id], as: "alice", at: "2026-03-02T09:11:00+01:00")
    #expect(!shown.stdout.contains("Zed Zorkin"), "\(shown.stdout)")
    let accepted = try session.run(["store", "rebuild", "--accept-loss"], at: "2026-03-02T09:12:00+01:00")
    #expect(accepted.status == 0, "\(accepted.stderr)")
    #expect(try session.run(["store", "verify"], at: "2026-03-02T09:12:00+01:00").status == 0)
  }

  @Test("verify holds the store's lock: on a store another process keeps writing, it finds no damage")
  func verifyOnALiveStore() throws {
    let session = try Session()
    defer { session.directory.remove() }
    let writer = Process()
    writer.executableURL = URL(fileURLWithPath: "/bin/sh")
    writer.currentDirectoryURL = BinaryRunner.repositoryRoot
    writer.arguments = [
      "-c",
      """
      for i in $(seq 40); do
        "$0" case create technical --fields samples/fields/technical.json --as alice --store "$1" \
          --at 2026-03-02T10:00:00+01:00 >/dev/null || exit 1
      done
      """,
      BinaryRunner.executable.path, session.store,
    ]
    try writer.run()
    var checks = 0
    repeat {
      let verify = try session.run(["store", "verify"], at: "2026-03-02T11:00:00+01:00")
      #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
      checks += 1
    } while writer.isRunning
    writer.waitUntilExit()
    #expect(writer.terminationStatus == 0)
    #expect(checks > 1)
  }
}
