import Foundation
import Testing
import _DCMCTestSupport

/// audit36 L1 and L2 through the binary: `store verify`'s first line names what mends each
/// kind of finding it prints (before 7 December 2026 it advised `store rebuild` for every one,
/// even a history that a rebuild refuses and a bundle it leaves as it is), `--json` gives each
/// problem's remedy, and a log swapped in from another case says whose history it holds.
@Suite struct StoreVerifyRemedyTests {
  static let rebuild = "'dcmc store rebuild' rewrites the files derived from the histories"
  static let lostEvents =
    "restore a history that lost events from a backup, or accept the loss: "
    + "'dcmc store rebuild --accept-loss' rebuilds from what it holds"
  static let history =
    "restore a history that cannot be read, or holds another's, from a backup "
    + "('dcmc store rebuild' refuses it: nothing else holds its events)"
  static let deployments =
    "'dcmc store rebuild' does not mend the bundles or deployments, which are derived from nothing: "
    + "'dcmc deploy BUNDLE' puts a missing bundle back (deploy the current bundle last) and writes a damaged "
    + "deployment.json again; mend the rest by hand, or restore it from a backup"

  /// A case whose last event (its delivery) was cut from its log, and a second case.
  static func damaged() throws -> RuntimeCommandTests.Session {
    let session = try StoreCopyCommandTests.created()
    try StoreCopyCommandTests.deliver(session)
    let second = try session.run(
      ["case", "create", "technical", "--fields", "samples/fields/technical.json"], as: "alice",
      at: "2026-03-02T09:30:00Z")
    #expect(second.status == 0, "\(second.stderr)")
    let log = URL(fileURLWithPath: session.store + "/streams/TEC-000001.log")
    let records = try Data(contentsOf: log).split(separator: 10, omittingEmptySubsequences: false).dropLast()
    try (Data(records.dropLast().joined(separator: [10])) + [10]).write(to: log)
    return session
  }

  @Test func aHistoryThatLostEventsIsNotToldToRebuild() throws {
    let session = try Self.damaged()
    defer { session.directory.remove() }
    let verify = try session.run(["store", "verify"], at: "2026-03-02T10:00:00Z")
    #expect(verify.status == 1)
    #expect(verify.stdout.hasPrefix("case 'TEC-000001': streams/TEC-000001.log ends at event "), "\(verify.stdout)")
    #expect(verify.stderr == "dcmc: 1 problem found; \(Self.lostEvents)\n", "\(verify.stderr)")
  }

  @Test func eachKindOfFindingIsGivenItsRemedyOnceInTheTablesOrder() throws {
    let session = try Self.damaged()
    defer { session.directory.remove() }
    let store = URL(fileURLWithPath: session.store)
    // Another case's log in place of TEC-000002's, an unreadable tick.json, the bundle gone.
    let second = store.appendingPathComponent("streams/TEC-000002.log")
    try FileManager.default.removeItem(at: second)
    try FileManager.default.copyItem(at: store.appendingPathComponent("streams/TEC-000001.log"), to: second)
    try Data("{\"last\": \"yesterday\"}\n".utf8).write(to: store.appendingPathComponent("tick.json"))
    let bundles = store.appendingPathComponent("bundles")
    for name in try FileManager.default.contentsOfDirectory(atPath: bundles.path) where name.hasSuffix(".json") {
      try FileManager.default.removeItem(at: bundles.appendingPathComponent(name))
    }
    let verify = try session.run(["store", "verify"], at: "2026-03-02T10:00:00Z")
    #expect(verify.status == 1)
    let problems = verify.stdout.split(separator: "\n").map(String.init)
    #expect(problems.contains("case 'TEC-000002': streams/TEC-000002.log holds case TEC-000001's history"), "\(problems)")
    let advice = [Self.rebuild, Self.lostEvents, Self.history, Self.deployments].joined(separator: "; ")
    #expect(verify.stderr == "dcmc: \(problems.count) problems found; \(advice)\n", "\(verify.stderr)")
    let json = try session.run(["store", "verify", "--json"], at: "2026-03-02T10:00:00Z")
    let report = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let listed = try #require(report["problems"] as? [String])
    let remedies = try #require(report["remedies"] as? [String])
    #expect(listed == problems)
    #expect(remedies.count == listed.count)
    let named = Dictionary(zip(listed, remedies), uniquingKeysWith: { first, _ in first })
    #expect(named["case 'TEC-000002': streams/TEC-000002.log holds case TEC-000001's history"] == "history")
    #expect(named.first { $0.key.hasPrefix("case 'TEC-000001': ") }?.value == "lost_events", "\(named)")
    #expect(named.first { $0.key.hasPrefix("tick.json ") }?.value == "rebuild", "\(named)")
    #expect(named.first { $0.key.hasPrefix("bundles/") }?.value == "deployments", "\(named)")
    // `store copy` refuses the source with the same remedies, naming the store.
    let copy = session.directory.url.appendingPathComponent("copy").path
    let refused = try BinaryRunner.run(["store", "copy", session.store, copy])
    #expect(refused.status == 1)
    let withStore = advice.replacingOccurrences(of: "--accept-loss'", with: "--accept-loss --store \(session.store)'")
      .replacingOccurrences(of: "'dcmc store rebuild' rewrites", with: "'dcmc store rebuild --store \(session.store)' rewrites")
      .replacingOccurrences(of: "'dcmc deploy BUNDLE'", with: "'dcmc deploy BUNDLE --store \(session.store)'")
    #expect(refused.stderr.hasSuffix("nothing was copied: \(withStore), then copy again\n"), "\(refused.stderr)")
  }
}
