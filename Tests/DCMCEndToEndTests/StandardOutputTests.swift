import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Output that cannot be written is no success (audit32 finding 4): before, `Terminal`
/// dropped a failed write to standard output, and `compile -o - > /dev/full` said "compiled
/// ... into standard output" and exited 0 with nothing written.
@Suite struct StandardOutputTests {
  /// A command's exit status and standard error, its standard output going to `output`;
  /// through `sh` with SIGPIPE ignored when `ignoringSIGPIPE` (as a parent may leave it).
  private func run(_ arguments: [String], output: FileHandle, ignoringSIGPIPE: Bool = false) throws -> (
    status: Int32, stderr: String
  ) {
    let process = Process()
    let errors = Pipe()
    if ignoringSIGPIPE {
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", "trap '' PIPE; exec \"$0\" \"$@\"", BinaryRunner.executable.path] + arguments
    } else {
      process.executableURL = BinaryRunner.executable
      process.arguments = arguments
    }
    process.currentDirectoryURL = BinaryRunner.repositoryRoot
    process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stderr = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
  }

  static let full = "/dev/full"

  @Test(
    "a full disk under standard output is an I/O error, said on standard error",
    .enabled(if: FileManager.default.isWritableFile(atPath: full)),
    arguments: [
      ["compile", "-o", "-"], ["graph", "technical"], ["schema"], ["validate", "--format", "json"],
      ["calendar", "show", "office_brussels", "--from", "2026-12-24", "--days", "3"], ["explain", "DC1002"],
      ["--version"],
    ])
  func aFullDiskIsAnIOError(_ arguments: [String]) throws {
    let output = try #require(FileHandle(forWritingAtPath: Self.full))
    defer { try? output.close() }
    let result = try run(arguments, output: output)
    #expect(result.status == 2, "\(arguments)")
    // Nothing claims the bundle was written: the reason only.
    #expect(result.stderr == "dcmc: cannot write to standard output: no space left on device\n", "\(arguments)")
  }

  /// A reader that went away (`dcmc schema | head -1`) ends the command without a message:
  /// by default SIGPIPE ends it as it ends other Unix tools; with SIGPIPE ignored, the write
  /// fails with EPIPE, and the command exits 2, still quietly.
  @Test func aReaderThatWentAwayEndsTheCommandQuietly() throws {
    for ignoring in [false, true] {
      let pipe = Pipe()
      try pipe.fileHandleForReading.close()
      let result = try run(["schema"], output: pipe.fileHandleForWriting, ignoringSIGPIPE: ignoring)
      try pipe.fileHandleForWriting.close()
      #expect(result.stderr.isEmpty, "ignoring SIGPIPE: \(ignoring)")
      #expect(result.status != 0, "ignoring SIGPIPE: \(ignoring)")
      if ignoring { #expect(result.status == 2) }
    }
  }
}
