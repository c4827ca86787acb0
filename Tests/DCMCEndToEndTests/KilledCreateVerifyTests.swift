import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// A `dcmc` killed by SIGKILL after its append and before its state cache is written (by
/// `strace`, which sends the signal as the process makes the cache's `pwrite`) leaves the cache
/// behind its history: `store verify` says so and exits 0 (no damage), and `store rebuild`
/// writes the cache. A create leaves it empty (created, not yet written), a later command the
/// state before it.
private let straceBinary = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite(.enabled(if: straceBinary != nil, "needs strace to kill dcmc at one system call"))
struct KilledCreateVerifyTests {

  /// Runs `dcmc arguments` under strace, killed with SIGKILL at its first `pwrite` to `path`:
  /// whether it was (strace then ends by the same signal).
  static func killed(at path: String, _ arguments: [String]) throws -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(straceBinary))
    process.arguments =
      ["-f", "-qq", "-o", "/dev/null", "-P", path, "-e", "trace=pwrite64", "-e", "inject=pwrite64:signal=KILL:when=1"]
      + [BinaryRunner.executable.path] + arguments
    process.currentDirectoryURL = BinaryRunner.repositoryRoot
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    #expect(BinaryRunner.exits(process, within: 120))
    return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
  }

  @Test func aCommandKilledBeforeItsStateCacheLeavesItBehindAndVerifyFindsNoDamage() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("store").path
    let state = store + "/states/TEC-000001.json"
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", store]).status == 0)
    let create = [
      "case", "create", "technical", "--fields", "samples/fields/technical.json", "--as", "alice",
      "--at", "2026-03-02T09:00:00Z", "--store", store,
    ]
    #expect(try Self.killed(at: state, create))
    #expect(FileManager.default.fileExists(atPath: store + "/streams/TEC-000001.log"))
    let verify = { (at: String) in try BinaryRunner.run(["store", "verify", "--store", store, "--at", at]) }
    var verified = try verify("2026-03-02T09:01:00Z")
    #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    #expect(
      verified.stdout == """
        verified 1 case, 1 customer and 0 presence histories: no damage
        1 derived file behind the histories, as a crash leaves them (no damage: readers replay the histories; the next change or 'dcmc store rebuild' writes them again):
        case 'TEC-000001': states/TEC-000001.json is torn (a rewrite cut short), behind its history (event 4)

        """)
    let shown = try BinaryRunner.run(["case", "show", "TEC-000001", "--store", store])
    #expect(shown.status == 0 && shown.stdout.hasPrefix("TEC-000001  technical  open"), "\(shown.stderr)")

    let events = {
      let output = try BinaryRunner.run(["case", "history", "TEC-000001", "--json", "--store", store])
      return try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [Any]).count
    }
    #expect(try events() == 4)
    let pend = ["case", "pend", "TEC-000001", "--as", "alice", "--at", "2026-03-02T09:02:00Z", "--store", store]
    #expect(try BinaryRunner.run(pend).status == 0)
    let pended = try events()
    let cancel = ["case", "cancel", "TEC-000001", "--as", "sam", "--at", "2026-03-02T09:03:00Z", "--store", store]
    #expect(try Self.killed(at: state, cancel))
    let cancelled = try events()
    #expect(cancelled > pended)
    verified = try verify("2026-03-02T09:04:00Z")
    #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    #expect(
      verified.stdout.hasSuffix(
        "case 'TEC-000001': states/TEC-000001.json (event \(pended)) is behind its history (event \(cancelled))\n"),
      "\(verified.stdout)")
    let json = try BinaryRunner.run(["store", "verify", "--json", "--store", store, "--at", "2026-03-02T09:04:00Z"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["ok"] as? Bool == true && (object["problems"] as? [String]) == [])
    #expect((object["behind"] as? [String])?.count == 1)

    let rebuilt = try BinaryRunner.run(["store", "rebuild", "--store", store])
    #expect(rebuilt.stdout.contains("repaired states/TEC-000001.json"), "\(rebuilt.stdout)\(rebuilt.stderr)")
    verified = try verify("2026-03-02T09:05:00Z")
    #expect(verified.stdout == "verified 1 case, 1 customer and 0 presence histories: no damage\n")
  }
}
