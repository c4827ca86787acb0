import Foundation
import Testing
import _DCMCTestSupport

/// audit36 M1 through the binary: a FIFO planted where the store keeps a file hung `store
/// verify` (holding the store's lock), the lists and `token list` for good. Each command here
/// runs with a bound (killed after 60 s), so a regression fails the test instead of hanging it.
@Suite struct OddFileCommandTests {
  /// `dcmc arguments...`, killed when it has not ended within 60 s (`nil` then).
  static func bounded(_ arguments: [String]) throws -> BinaryRunner.Output? {
    let output = Pipe()
    let errors = Pipe()
    let process = try BinaryRunner.start(arguments, output: output, errors: errors)
    // Both pipes read on other threads, so a large output cannot block the child.
    nonisolated(unsafe) var out = Data()
    nonisolated(unsafe) var err = Data()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { out = output.fileHandleForReading.readDataToEndOfFile() }
    DispatchQueue.global().async(group: group) { err = errors.fileHandleForReading.readDataToEndOfFile() }
    let ended = BinaryRunner.exits(process, within: 60)
    group.wait()
    guard ended else { return nil }
    return BinaryRunner.Output(
      status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
      stderr: String(decoding: err, as: UTF8.self))
  }

  @Test("FIFOs at tokens.json and a state cache: verify ends and names both, the lists serve, token list refuses")
  func fifosInTheStore() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("store").path
    func run(_ arguments: [String], as user: String? = nil) throws -> BinaryRunner.Output? {
      try Self.bounded(
        arguments + ["--store", store, "--at", "2026-03-02T10:00:00Z"] + (user.map { ["--as", $0] } ?? []))
    }
    #expect(try run(["deploy", "definitions"], as: "ops")?.status == 0)
    for _ in 0..<2 {
      let created = try run(["case", "create", "technical", "--fields", "samples/fields/technical.json"], as: "alice")
      #expect(created?.status == 0, "\(created?.stderr ?? "timed out")")
    }
    #expect(try run(["token", "create", "alice"])?.status == 0)
    for name in ["tokens.json", "states/TEC-000001.json"] {
      try FileManager.default.removeItem(atPath: store + "/" + name)
      #expect(mkfifo(store + "/" + name, 0o600) == 0)
    }
    let verify = try #require(try run(["store", "verify"]), "store verify hung on a FIFO")
    #expect(verify.status == 1)
    let fifo = "is not a regular file but a directory, a FIFO, a device or a socket, where the store keeps a file"
    #expect(verify.stdout.contains("case 'TEC-000001': states/TEC-000001.json \(fifo)"), "\(verify.stdout)")
    #expect(verify.stdout.contains("tokens.json \(fifo)"), "\(verify.stdout)")
    let list = try #require(try run(["case", "list"]), "case list hung on a FIFO")
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("TEC-000001") && list.stdout.contains("TEC-000002"), "\(list.stdout)")
    let tokens = try #require(try run(["token", "list"]), "token list hung on a FIFO")
    #expect(tokens.status != 0)
    #expect(tokens.stderr == "dcmc: cannot read '\(store)/tokens.json': not a regular file\n")
    // Rebuild replaces the state cache; the tokens are no derived file, and stay named.
    #expect(try run(["store", "rebuild"])?.status == 0)
    let after = try #require(try run(["store", "verify"]))
    #expect(after.status == 1)
    #expect(after.stdout == "tokens.json \(fifo)\n")
  }

  @Test("an attachment changed in the source: verify names it, store copy refuses before it writes the target")
  func aChangedAttachmentStopsTheCopyBeforeItWrites() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("store").path
    let target = directory.url.appendingPathComponent("copy").path
    let file = try directory.write("scan.txt", "hello attach\n").path
    func run(_ arguments: [String], as user: String? = nil) throws -> BinaryRunner.Output? {
      let at = arguments[0] == "store" ? [] : ["--at", "2026-03-02T10:00:00Z"]
      return try Self.bounded(arguments + at + (user.map { ["--as", $0] } ?? []))
    }
    #expect(try run(["deploy", "definitions", "--store", store], as: "ops")?.status == 0)
    let created = try run(
      ["case", "create", "technical", "--fields", "samples/fields/technical.json", "--store", store], as: "alice")
    #expect(created?.status == 0, "\(created?.stderr ?? "timed out")")
    #expect(try run(["case", "attach", "TEC-000001", file, "--store", store], as: "alice")?.status == 0)
    let kept = try #require(
      try FileManager.default.contentsOfDirectory(atPath: store + "/attachments/TEC-000001").first)
    try Data("tampered\n".utf8).write(to: URL(fileURLWithPath: store + "/attachments/TEC-000001/" + kept))
    let damage = "case 'TEC-000001': attachment 'attachments/TEC-000001/\(kept)' holds 9 bytes where its event "
      + "recorded 13; restore it from a backup"
    let verify = try #require(try run(["store", "verify", "--store", store]))
    #expect(verify.status == 1)
    #expect(verify.stdout == damage + "\n")
    let copy = try #require(try run(["store", "copy", store, target]))
    #expect(copy.status == 1)
    #expect(copy.stderr.hasPrefix("dcmc: not copied: \(damage)\n"), "\(copy.stderr)")
    #expect(!FileManager.default.fileExists(atPath: target))
  }
}
