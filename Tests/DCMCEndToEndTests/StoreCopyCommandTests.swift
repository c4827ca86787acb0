import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc store copy` between store directories through the binary: the copy's tally printed
/// a line an aggregate, and the targets it refuses before writing anything.
@Suite struct StoreCopyCommandTests {
  @Test func aStoreDirectoryIsCopiedAndEachAggregateChecked() throws {
    let session = try CustomerCommandTests.deployed()
    defer { session.directory.remove() }
    let created = try session.run(
      ["case", "create", "technical", "--fields", "samples/fields/technical.json", "--request-id", "web-1"],
      as: "alice", at: "2026-03-02T09:00:00+01:00")
    #expect(created.status == 0, "\(created.stderr)")
    let copy = session.directory.url.appendingPathComponent("copy").path
    let copied = try BinaryRunner.run(["store", "copy", session.store, copy])
    #expect(copied.status == 0, "\(copied.stderr)")
    let lines = copied.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
    #expect(lines.map { String($0[0]) } == ["bundles", "deployment", "cases", "requests", "attachments", "numbering",
      "customers", "customer", "presence", "tokens", "status", "deliveries", "pending", "tick", "report"])
    #expect(copied.stdout.components(separatedBy: "same as the source").count == 16, "\(copied.stdout)")
    #expect(copied.stdout.contains("cases              1  sha256:"), "\(copied.stdout)")
    try BinaryRunner.verify(store: copy)
    let shown = try BinaryRunner.run(["case", "show", "TEC-000001", "--store", copy, "--at", "2026-03-03T09:00:00Z"])
    let original = try session.run(["case", "show", "TEC-000001"], at: "2026-03-03T09:00:00Z")
    #expect(shown.stdout == original.stdout)
  }

  @Test func aDirectoryThatIsNotAStoreIsRefusedUntouched() throws {
    let session = try CustomerCommandTests.deployed()
    defer { session.directory.remove() }
    let target = session.directory.url.appendingPathComponent("papers")
    try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: target.appendingPathComponent("notes.txt"))
    let refused = try BinaryRunner.run(["store", "copy", session.store, target.path])
    #expect(refused.status == 2)
    let refusal = "the target is not empty and not a copy of the source"
    #expect(refused.stderr == "dcmc: \(refusal): '\(target.path)' is a directory that is not a dcmc store\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == ["notes.txt"])
  }

  @Test func theSameStoreTwiceIsAUsageError() throws {
    let refused = try BinaryRunner.run(["store", "copy", "dcm-store", "dcm-store"])
    #expect(refused.status == 2)
    #expect(refused.stderr.hasPrefix("dcmc: FROM and TO are the same store\n"), "\(refused.stderr)")
  }

  /// `store copy` and `store init` take `DCM_COMMIT_TIMEOUT` as every command on PostgreSQL
  /// does: a value that is not seconds from 1 to 3600 is a usage error before anything opens.
  @Test func anInvalidCommitTimeoutIsAUsageErrorForStoreCopyAndInit() throws {
    let session = try CustomerCommandTests.deployed()
    defer { session.directory.remove() }
    let copy = session.directory.url.appendingPathComponent("copy").path
    for value in ["soon", "0", "3601"] {
      for arguments in [["store", "copy", session.store, copy], ["store", "init", "--store", "postgresql:///none"]] {
        let refused = try BinaryRunner.run(arguments, environment: ["DCM_COMMIT_TIMEOUT": value])
        #expect(refused.status == 2, "\(arguments) \(value)")
        #expect(
          refused.stderr.hasPrefix("dcmc: DCM_COMMIT_TIMEOUT takes seconds from 1 to 3600, not '\(value)'\n"),
          "\(refused.stderr)")
      }
    }
    #expect(!FileManager.default.fileExists(atPath: copy))
    let copied = try BinaryRunner.run(["store", "copy", session.store, copy], environment: ["DCM_COMMIT_TIMEOUT": "5"])
    #expect(copied.status == 0, "\(copied.stderr)")
  }
}
