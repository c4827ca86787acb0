import Foundation
import Testing
import _DCMCTestSupport

/// SPEC 8 through the binary on the file store: `deploy` records who deployed which bundle and
/// when (`--as`, else `$DCM_USER`, else nobody; `--at`), a redeploy of the current bundle
/// records nothing, `deploy --history` lists the history, and `store verify --as` writes nothing.
@Suite struct DeploymentHistoryCommandTests {
  struct Session {
    let directory = try! TemporaryDirectory()
    var store: String { directory.url.appendingPathComponent("store").path }
    /// Two bundles: the reference definitions, and the same with the technical case type renamed.
    let bundles: (a: String, b: String)
    let hashes: (a: String, b: String)

    init() throws {
      let a = ReferenceBundle.compiled
      let b = ReferenceBundle.renamed
      bundles = (
        try directory.write("a.json", String(decoding: a.bytes, as: UTF8.self)).path,
        try directory.write("b.json", String(decoding: b.bytes, as: UTF8.self)).path
      )
      hashes = (a.bundle.hash, b.bundle.hash)
    }

    /// `dcmc ARGUMENTS --store STORE`, with `$DCM_USER` set to `user` (empty: none).
    func run(_ arguments: [String], user: String = "") throws -> BinaryRunner.Output {
      try BinaryRunner.run(arguments + ["--store", store], environment: ["DCM_USER": user])
    }

    func history() throws -> [[String: Any]] {
      let listed = try run(["deploy", "--history", "--json"])
      #expect(listed.status == 0, "\(listed.stderr)")
      return try #require(JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    }
  }

  @Test func eachChangeOfTheCurrentBundleIsRecordedWithItsUserAndTime() throws {
    let session = try Session()
    defer { session.directory.remove() }
    #expect(try session.run(["deploy", session.bundles.a, "--as", "ops", "--at", "2026-03-02T08:30:00Z"]).status == 0)
    // The current bundle again: "already deployed", nothing recorded.
    let again = try session.run(["deploy", session.bundles.a, "--as", "eve", "--at", "2026-03-02T08:40:00Z"])
    #expect(again.status == 0 && again.stdout.hasPrefix("already deployed: ") && again.stdout.contains("nothing recorded"))
    let againJSON = try session.run(["deploy", session.bundles.a, "--json"]).stdout
    #expect(againJSON.contains("\"new\": false") && againJSON.contains("\"recorded\": false"), "\(againJSON)")
    // No --as: $DCM_USER; the time in another offset is kept in UTC.
    #expect(
      try session.run(["deploy", session.bundles.b, "--at", "2026-03-03T10:00:00+01:00"], user: "release-bot").status
        == 0)
    // Neither --as nor $DCM_USER: deployed, by nobody. A, held since the first deployment,
    // made current again: a deployment, recorded, not "already deployed".
    let back = try session.run(["deploy", session.bundles.a, "--at", "2026-03-04T07:00:00Z", "--json"])
    #expect(back.status == 0 && back.stdout.contains("\"new\": false") && back.stdout.contains("\"recorded\": true"))

    let history = try session.history()
    #expect(history.map { $0["number"] as? Int } == [1, 2, 3])
    #expect(history.map { $0["bundle"] as? String } == [session.hashes.a, session.hashes.b, session.hashes.a])
    #expect(history.map { $0["deployed_by"] as? String } == ["ops", "release-bot", nil])
    #expect(history.map { $0["deployed_by"] is NSNull } == [false, false, true])
    #expect(
      history.map { $0["deployed_at"] as? String }
        == ["2026-03-02T08:30:00Z", "2026-03-03T09:00:00Z", "2026-03-04T07:00:00Z"])
    #expect(history.map { $0["current"] as? Bool } == [false, false, true])
    #expect((history[0]["case_types"] as? [String])?.contains("technical") == true)

    let lines = try session.run(["deploy", "--history"]).stdout.split(separator: "\n")
    let starts = [
      "1  \(session.hashes.a)  by ops  at 2026-03-02T08:30:00Z  case types: ",
      "2  \(session.hashes.b)  by release-bot  at 2026-03-03T09:00:00Z  case types: ",
      "3  \(session.hashes.a)  by an unknown user  at 2026-03-04T07:00:00Z  case types: ",
    ]
    #expect(lines.count == 3)
    #expect(zip(lines, starts).allSatisfy { $0.hasPrefix($1) }, "\(lines)")
    #expect(lines.map { $0.hasSuffix("technical  (current)") } == [false, false, true])

    // A user that is no id (a line break to forge a line of the history, an escape, too long)
    // is refused and nothing recorded, from --as or $DCM_USER.
    for (arguments, user) in [
      (["--as", "x\n5  sha256:fake  by x"], ""), (["--as", "\u{1b}[31mred"], ""), ([], String(repeating: "u", count: 129)),
    ] {
      let refused = try session.run(["deploy", session.bundles.b] + arguments, user: user)
      #expect(refused.status == 1 && refused.stderr.contains("invalid id"), "\(refused.stderr)")
    }
    #expect(try session.history().count == 3)

    let misused = try session.run(["deploy", "--history", session.bundles.a])
    #expect(misused.status == 2)
    #expect(misused.stderr.contains("'deploy --history' takes no PATH"))
  }

  /// `deploy --history --limit N --after NUMBER` pages as `GET /api/v1/deployments` does:
  /// oldest first, the current one marked on the last page only, the next page's command on
  /// standard error while later deployments follow; without --limit, every deployment.
  @Test func theHistoryPagesWithLimitAndAfter() throws {
    let session = try Session()
    defer { session.directory.remove() }
    for (index, bundle) in [session.bundles.a, session.bundles.b, session.bundles.a, session.bundles.b].enumerated() {
      let at = "2026-03-0\(index + 2)T08:30:00Z"
      #expect(try session.run(["deploy", bundle, "--as", "ops", "--at", at]).status == 0)
    }
    func page(_ arguments: [String]) throws -> (numbers: [Int?], current: [Bool?], stderr: String) {
      let listed = try session.run(["deploy", "--history", "--json"] + arguments)
      #expect(listed.status == 0, "\(listed.stderr)")
      let entries = try #require(JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
      return (entries.map { $0["number"] as? Int }, entries.map { $0["current"] as? Bool }, listed.stderr)
    }
    let first = try page(["--limit", "2"])
    #expect(first.numbers == [1, 2] && first.current == [false, false])
    #expect(first.stderr == "dcmc: later deployments follow: deploy --history --limit 2 --after 2\n")
    let second = try page(["--limit", "2", "--after", "2"])
    #expect(second.numbers == [3, 4] && second.current == [false, true])
    #expect(second.stderr.isEmpty, "\(second.stderr)")
    let rest = try page(["--after", "1"])
    #expect(rest.numbers == [2, 3, 4] && rest.stderr.isEmpty)
    let all = try page([])
    #expect(all.numbers == [1, 2, 3, 4] && all.current == [false, false, false, true] && all.stderr.isEmpty)
    #expect(try page(["--after", "4"]).numbers.isEmpty)

    // Human: the page's lines, and the next page's command on standard error.
    let human = try session.run(["deploy", "--history", "--limit", "1", "--after", "1"])
    #expect(human.status == 0)
    #expect(human.stdout.hasPrefix("2  \(session.hashes.b)  by ops  at 2026-03-03T08:30:00Z  case types: "))
    #expect(human.stdout.split(separator: "\n").count == 1 && !human.stdout.contains("(current)"), "\(human.stdout)")
    #expect(human.stderr == "dcmc: later deployments follow: deploy --history --limit 1 --after 2\n")
    let last = try session.run(["deploy", "--history", "--limit", "1", "--after", "3"])
    #expect(last.stdout.hasPrefix("4  \(session.hashes.b)  by ops") && last.stdout.hasSuffix("(current)\n"))
    #expect(last.stderr.isEmpty)
    #expect(try session.run(["deploy", "--history", "--after", "4"]).stdout == "no deployment after 4\n")
  }

  /// A --limit or --after out of the rule, or either without --history, is a usage error that
  /// states the rule; nothing is listed or deployed.
  @Test(arguments: [
    (["--history", "--limit", "0"], "--limit takes a whole number from 1 to 100, not '0'"),
    (["--history", "--limit", "101"], "--limit takes a whole number from 1 to 100, not '101'"),
    (["--history", "--after", "x"], "--after takes a deployment number (a whole number from 0), not 'x'"),
    (["--history", "--after=-1"], "--after takes a deployment number (a whole number from 0), not '-1'"),
    (["--history", "--after", "+1"], "--after takes a deployment number (a whole number from 0), not '+1'"),
    (["BUNDLE", "--after", "1"], "--limit and --after page 'deploy --history'; give them with --history"),
    (["BUNDLE", "--limit", "5"], "--limit and --after page 'deploy --history'; give them with --history"),
  ])
  func badPagingIsAUsageError(arguments: [String], message: String) throws {
    let session = try Session()
    defer { session.directory.remove() }
    #expect(try session.run(["deploy", session.bundles.a, "--as", "ops", "--at", "2026-03-02T08:30:00Z"]).status == 0)
    // BUNDLE: a deployment (of another bundle) that must not happen.
    let refused = try session.run(["deploy"] + arguments.map { $0 == "BUNDLE" ? session.bundles.b : $0 })
    #expect(refused.status == 2, "\(refused.stderr)")
    #expect(refused.stderr.contains(message), "\(refused.stderr)")
    #expect(refused.stdout.isEmpty)
    #expect(try session.history().map { $0["bundle"] as? String } == [session.hashes.a])
  }

  /// Verify is read-only: its `--as` is accepted and recorded nowhere, and no file changes.
  @Test func verifyAsWritesNothing() throws {
    let session = try Session()
    defer { session.directory.remove() }
    #expect(try session.run(["deploy", session.bundles.a, "--as", "ops", "--at", "2026-03-02T08:30:00Z"]).status == 0)
    let before = try Self.contents(session.store)
    let verified = try session.run(["store", "verify", "--as", "auditor", "--at", "2026-03-02T09:00:00Z"])
    #expect(verified.status == 0, "\(verified.stderr)")
    #expect(try Self.contents(session.store) == before)
    #expect(!before.values.contains { String(decoding: $0, as: UTF8.self).contains("auditor") })
  }

  /// A history edited by hand (a user with a line break and an escape, which `deploy --as`
  /// refuses) is listed one line a deployment, the user's control characters escaped.
  @Test func aUserEditedIntoTheHistoryIsListedEscaped() throws {
    let session = try Session()
    defer { session.directory.remove() }
    #expect(try session.run(["deploy", session.bundles.a, "--as", "ops", "--at", "2026-03-02T08:30:00Z"]).status == 0)
    let path = session.store + "/deployments.jsonl"
    let kept = try String(contentsOfFile: path, encoding: .utf8)
    try kept.replacing("\"by\":\"ops\"", with: "\"by\":\"ops\\n2  forged\\u001b[2J\"").write(
      toFile: path, atomically: true, encoding: .utf8)
    let listed = try session.run(["deploy", "--history"])
    #expect(listed.status == 0, "\(listed.stderr)")
    #expect(listed.stdout.split(separator: "\n").count == 1, "\(listed.stdout)")
    #expect(listed.stdout.contains("by ops\\u{a}2  forged\\u{1b}[2J  at "), "\(listed.stdout)")
    // Verify names it as damage of the history's line, escaped, exit 1.
    let verified = try session.run(["store", "verify"])
    #expect(verified.status == 1, "\(verified.stdout)\(verified.stderr)")
    #expect(
      verified.stdout.contains(
        "deployments.jsonl: line 1: its user is not a user name: 'ops\\u{a}2  forged\\u{1b}[2J' contains a control "
          + "character (no command rewrites the deployment history: mend the line or restore the file by hand)"),
      "\(verified.stdout)")
  }

  /// `store verify` checks every entry's user by the rule `deploy` applies to it (`UserID`): a
  /// user edited in by hand that `deploy --as` refuses is damage of its line, exit 1, in text
  /// and in `--json`; a user `deploy --as` takes, and none (`null`), are not.
  @Test(arguments: [
    ("\"\"", "'' is empty"), ("\"\(String(repeating: "u", count: 129))\"", "is longer than 128 bytes"),
    ("\"a/b\"", "'a/b' contains '/'"), ("\"ops\\u007f\"", "'ops\\u{7f}' contains a control character"),
    ("\"..\"", "'..' is a directory reference"),
  ])
  func verifyNamesAUserThatIsNoUserName(by: String, problem: String) throws {
    let session = try Session()
    defer { session.directory.remove() }
    #expect(try session.run(["deploy", session.bundles.a, "--at", "2026-03-02T08:30:00Z"]).status == 0)
    #expect(try session.run(["deploy", session.bundles.b, "--as", "ops", "--at", "2026-03-03T08:30:00Z"]).status == 0)
    #expect(try session.run(["store", "verify"]).status == 0)
    let path = session.store + "/deployments.jsonl"
    let kept = try String(contentsOfFile: path, encoding: .utf8)
    #expect(kept.contains("\"by\":null") && kept.contains("\"by\":\"ops\""))
    try kept.replacing("\"by\":\"ops\"", with: "\"by\":\(by)").write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try session.run(["deploy", "--history"]).status == 0)
    let verified = try session.run(["store", "verify", "--json"])
    #expect(verified.status == 1, "\(verified.stdout)\(verified.stderr)")
    let report = try #require(JSONSerialization.jsonObject(with: Data(verified.stdout.utf8)) as? [String: Any])
    let problems = try #require(report["problems"] as? [String])
    #expect(report["ok"] as? Bool == false)
    #expect(problems.count == 1, "\(problems)")
    let found = try #require(problems.first)
    #expect(found.hasPrefix("deployments.jsonl: line 2: its user is not a user name: "), "\(found)")
    #expect(found.contains(problem), "\(found)")
  }

  /// A store made before the history (no `deployments.jsonl`) lists its current deployment
  /// by an unknown user at an unknown time, verifies clean, and its next deployment keeps it.
  @Test func aStoreWithoutTheHistoryListsItsCurrentDeploymentAsUnknown() throws {
    let session = try Session()
    defer { session.directory.remove() }
    #expect(try session.run(["deploy", session.bundles.a, "--as", "ops", "--at", "2026-03-02T08:30:00Z"]).status == 0)
    try FileManager.default.removeItem(atPath: session.store + "/deployments.jsonl")
    var history = try session.history()
    #expect(history.count == 1)
    #expect(history.first?["number"] as? Int == 1)
    #expect(history.first?["deployed_by"] is NSNull && history.first?["deployed_at"] is NSNull)
    #expect(history.first?["current"] as? Bool == true)
    let verified = try session.run(["store", "verify"])
    #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    #expect(try session.run(["deploy", session.bundles.b, "--as", "ops", "--at", "2026-03-03T08:30:00Z"]).status == 0)
    history = try session.history()
    #expect(history.map { $0["bundle"] as? String } == [session.hashes.a, session.hashes.b])
    #expect(history.map { $0["deployed_by"] as? String } == [nil, "ops"])
    #expect(try session.run(["store", "verify"]).status == 0)
    // The brief's reproduction: the acting user is in the store.
    let kept = try String(contentsOfFile: session.store + "/deployments.jsonl", encoding: .utf8)
    #expect(kept.contains("\"by\":\"ops\""))
  }

  /// Every regular file under `root` (but the lock) with its bytes.
  static func contents(_ root: String) throws -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    let enumerator = try #require(FileManager.default.enumerator(atPath: root))
    for case let path as String in enumerator where path != "store.lock" {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue
      else { continue }
      files[path] = Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)))
    }
    return files
  }
}
