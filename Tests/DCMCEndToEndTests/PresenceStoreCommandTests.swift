import Foundation
import Testing
import _DCMCTestSupport

/// The presence histories in the file store's maintenance and listings (SPEC section 15):
/// `store verify` counts them, and `presence list` with one damaged history reports that user
/// on standard error and lists the others, as the case listings do a damaged case.
@Suite struct PresenceStoreCommandTests {
  typealias Session = RuntimeCommandTests.Session

  static func readyPair() throws -> Session {
    let session = try PresenceCommandTests.deployed()
    for (minute, user) in ["gary", "fiona"].enumerated() {
      let set = try session.run(["presence", "set", "ready"], as: user, at: "2026-03-02T08:0\(minute):00Z")
      #expect(set.status == 0, "\(set.stderr)")
    }
    return session
  }

  @Test("store verify counts the presence histories beside the cases and customers")
  func verifyCountsPresence() throws {
    let session = try Self.readyPair()
    defer { session.directory.remove() }
    let verified = try session.run(["store", "verify"], at: "2026-03-02T08:05:00Z")
    #expect(verified.status == 0)
    #expect(verified.stdout == "verified 0 cases, 0 customers and 2 presence histories: no damage\n")
    let json = try #require(try session.json(["store", "verify"], at: "2026-03-02T08:05:00Z") as? [String: Any])
    #expect(json["presences"] as? Int == 2)
  }

  @Test("presence list with one damaged history warns about that user and lists the rest, exit 0")
  func aDamagedPresenceIsReportedAndTheRestListed() throws {
    let session = try Self.readyPair()
    defer { session.directory.remove() }
    // A changed byte inside gary's first record.
    let log = URL(fileURLWithPath: session.store + "/presence/gary.log")
    var bytes = try Data(contentsOf: log)
    let state = try #require(bytes.range(of: Data("\"ready\"".utf8)))
    bytes[state.lowerBound + 1] = UInt8(ascii: "R")
    try bytes.write(to: log)
    let list = try session.run(
      ["presence", "list", "--workgroup", "finances_group"], as: "tina", at: "2026-03-02T08:05:00Z")
    #expect(list.status == 0)
    #expect(list.stdout == "fiona  ready  since 2026-03-02T08:01:00Z  holds 0 of 2\n")
    let warnings = list.stderr.split(separator: "\n")
    #expect(
      warnings.count == 1 && warnings[0].hasPrefix("dcmc: warning: skipped damaged presence of 'gary': ")
        && warnings[0].contains("presence/gary.log"), "\(list.stderr)")
    let verify = try session.run(["store", "verify"], at: "2026-03-02T08:05:00Z")
    #expect(verify.status == 1 && verify.stdout.hasPrefix("presence of 'gary': "), "\(verify.stdout)")
  }

  @Test("a user in wrap-up missing from the wrap-up index is found by store verify, refiled by rebuild, then ended by tick")
  func aWrapUpMissingFromItsIndexIsRebuilt() throws {
    let session = try OfferCommandTests.session(ready: ["gary"])
    defer { session.directory.remove() }
    #expect(try session.run(["task", "accept", OfferCommandTests.task], as: "gary", at: "2026-03-02T08:10:05Z").status == 0)
    let done = try session.run(
      ["task", "complete", OfferCommandTests.task, "--outcome", "refused"], as: "gary", at: "2026-03-02T08:11:00Z")
    #expect(done.status == 0, "\(done.stderr)")
    #expect(FileManager.default.fileExists(atPath: session.store + "/wrapups/20260302/0813/gary"))
    try FileManager.default.removeItem(atPath: session.store + "/wrapups")
    // Without its entry, tick does not find the wrap-up: the index is what it reads.
    #expect(try session.run(["tick"], at: "2026-03-02T08:14:00Z").status == 0)
    let waiting = try session.run(["presence", "history", "gary"], as: "gary", at: "2026-03-02T08:14:01Z")
    #expect(waiting.stdout.hasSuffix("wrap_up until 2026-03-02T08:13:00Z  by the system\n"), "\(waiting.stdout)")
    let verify = try session.run(["store", "verify"], at: "2026-03-02T08:14:01Z")
    #expect(verify.status == 1)
    #expect(verify.stdout.contains("presence of 'gary': missing from the wrap-up ends (wrapups/20260302/0813/gary)"))
    #expect(try session.run(["store", "rebuild"], at: "2026-03-02T08:14:01Z").status == 0)
    #expect(try session.run(["store", "verify"], at: "2026-03-02T08:14:01Z").status == 0)
    #expect(try session.run(["tick"], at: "2026-03-02T08:14:02Z").status == 0)
    let history = try session.run(["presence", "history", "gary"], as: "gary", at: "2026-03-02T08:14:03Z")
    #expect(history.stdout.hasSuffix("2026-03-02T08:13:00Z  ready  by the system\n"), "\(history.stdout)")
    #expect(!FileManager.default.fileExists(atPath: session.store + "/wrapups/20260302/0813/gary"))
  }

  @Test("store verify names a malformed RONA note and what is wrong with it; store rebuild drops it")
  func aMalformedRONANoteIsReportedAndDropped() throws {
    let session = try OfferCommandTests.session(ready: ["gary"])
    defer { session.directory.remove() }
    let ronas = session.store + "/ronas"
    try FileManager.default.createDirectory(atPath: ronas + "/leftover", withIntermediateDirectories: true)
    let entry = #"{"case":"FIN-2026-000001","expired":"2026-03-02T08:10:45Z","task":"TASK","user":"gary"}"#
    // A task that is no number, and a whole note renamed (its name no longer its checksum).
    try Data("[\(entry.replacingOccurrences(of: "TASK", with: "one"))]\n".utf8).write(
      to: URL(fileURLWithPath: ronas + "/0badc0de.json"))
    try Data("[\(entry.replacingOccurrences(of: "TASK", with: "1"))]\n".utf8).write(
      to: URL(fileURLWithPath: ronas + "/00000000.json"))
    let verify = try session.run(["store", "verify"], at: "2026-03-02T08:11:00Z")
    #expect(verify.status == 1)
    let lines = verify.stdout.split(separator: "\n")
    #expect(lines.count == 3, "\(verify.stdout)")
    #expect(lines.first?.hasPrefix("ronas/00000000.json: malformed RONA note: its name is not the checksum of its contents (") == true)
    #expect(lines.contains("ronas/0badc0de.json: malformed RONA note: entry 1: task 'one' is not a task number"))
    #expect(lines.contains("ronas/leftover: stray directory among the RONA notes"))
    // Left out by the commands that settle notes: gary stays ready, nothing fails.
    let list = try session.run(["presence", "list", "--workgroup", "finances_group"], as: "tina", at: "2026-03-02T08:11:00Z")
    #expect(list.status == 0 && list.stdout.contains("gary  ready"), "\(list.stdout)\(list.stderr)")

    let rebuild = try session.run(["store", "rebuild"], at: "2026-03-02T08:11:00Z")
    #expect(rebuild.status == 0, "\(rebuild.stderr)")
    #expect(rebuild.stdout.contains("ronas/0badc0de.json (malformed RONA note: entry 1: task 'one' is not a task number)"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: ronas).isEmpty)
    #expect(try session.run(["store", "verify"], at: "2026-03-02T08:11:00Z").status == 0)
  }

  @Test("a wrap-up entry of a user in wrap-up no more is no damage; tick removes those it reads, rebuild all")
  func staleWrapUpEntriesAreDropped() throws {
    let session = try Self.readyPair()
    defer { session.directory.remove() }
    let past = session.store + "/wrapups/20260302/0803"
    let future = session.store + "/wrapups/20260302/0900"
    for directory in [past, future] {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    FileManager.default.createFile(atPath: past + "/gary", contents: nil)
    FileManager.default.createFile(atPath: future + "/fiona", contents: nil)
    #expect(try session.run(["store", "verify"], at: "2026-03-02T08:05:00Z").status == 0)
    #expect(try session.run(["tick"], at: "2026-03-02T08:05:00Z").status == 0)
    #expect(!FileManager.default.fileExists(atPath: past + "/gary"))
    #expect(FileManager.default.fileExists(atPath: future + "/fiona"))
    let history = try session.run(["presence", "history", "gary"], as: "gary", at: "2026-03-02T08:05:01Z")
    #expect(history.stdout == "1  2026-03-02T08:00:00Z  ready  by gary\n", "\(history.stdout)")
    let rebuild = try session.run(["store", "rebuild"], at: "2026-03-02T08:05:01Z")
    #expect(rebuild.stdout.contains("wrapups/20260302/0900/fiona"), "\(rebuild.stdout)")
    #expect(!FileManager.default.fileExists(atPath: future + "/fiona"))
  }
}
