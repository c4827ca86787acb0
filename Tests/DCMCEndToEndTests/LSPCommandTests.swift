import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc lsp` as an editor runs it: frames on standard input, answers on standard output.
@Suite struct LSPCommandTests {
  static let install = "install python3 and run: pip install pytest-lsp==0.4.3 lsprotocol==2023.0.1"

  static func frame(_ json: String) -> Data {
    Data("Content-Length: \(json.utf8.count)\r\n\r\n\(json)".utf8)
  }

  /// The bodies of the frames `dcmc lsp` wrote, in order.
  static func bodies(_ output: String) -> [String] {
    output.components(separatedBy: "Content-Length: ").dropFirst().compactMap { frame in
      frame.range(of: "\r\n\r\n").map { String(frame[$0.upperBound...]) }
    }
  }

  @Test func garbageAndUnknownMethodsAreAnsweredAndShutdownThenExitEndsWithZero() throws {
    var input = Self.frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
    input += Data("garbage\r\n\r\n".utf8)
    input += Data("Content-Length: 6\r\n\r\n{\"a\":".utf8) + Data([0xFF])
    input += Self.frame(#"{"jsonrpc":"2.0","id":2,"method":"dcmc/nothing"}"#)
    input += Self.frame(#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#)
    input += Self.frame(#"{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{}}"#)
    input += Self.frame(#"{"jsonrpc":"2.0","method":"exit"}"#)
    let result = try BinaryRunner.run(["lsp"], stdin: input)
    #expect(result.status == 0)
    let bodies = Self.bodies(result.stdout)
    #expect(bodies.count == 6)
    #expect(bodies.dropFirst().map { $0.contains(#""code":-32700"#) } == [true, true, false, false, false])
    #expect(bodies[3].contains(#""code":-32601"#) && bodies[3].contains(#""id":2"#))
    #expect(bodies[4] == #"{"id":3,"jsonrpc":"2.0","result":null}"#)
    #expect(bodies[5].contains(#""code":-32600"#))
  }

  /// A folder nested too deep is left out and told; the other definitions still count.
  @Test func aFolderOfTheDefinitionsThatCannotBeReadIsToldAndTheRestIsChecked() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("definitions/team.yaml", "kind: Workgroup\nid: team\nmembers: [alice]\n")
    let deep = Array(repeating: "d", count: 33).joined(separator: "/")
    try directory.write("definitions/\(deep)/other.yaml", "kind: Workgroup\nid: other\nmembers: [bob]\n")
    let root = directory.url.standardizedFileURL.absoluteString
    var input = Self.frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":"\#(root)","capabilities":{}}}"#)
    input += Self.frame(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
    input += Self.frame(#"{"jsonrpc":"2.0","id":2,"method":"workspace/symbol","params":{"query":"team"}}"#)
    input += Self.frame(#"{"jsonrpc":"2.0","method":"exit"}"#)
    let bodies = Self.bodies(try BinaryRunner.run(["lsp"], stdin: input).stdout)
    #expect(bodies.count == 3)
    let shown = try #require(bodies.first { $0.contains("window/showMessage") })
    #expect(shown.contains("directories nested more than 32 levels deep. The definitions there are not checked"))
    #expect(bodies.last?.contains(#""name":"team""#) == true)
  }

  @Test func inputThatEndsWithoutExitEndsWithOne() throws {
    let result = try BinaryRunner.run(["lsp"], stdin: Self.frame(#"{"jsonrpc":"2.0","method":"initialized"}"#))
    #expect(result.status == 1)
  }

  /// An answer that cannot be written ends the server (before, it dropped the write and went
  /// on reading, so a client that went away left it running): the reader of its output closed,
  /// whether the parent left SIGPIPE to its default or ignored it, or a full disk. Standard
  /// input stays open, so only the failed write can end it.
  @Test(
    "an answer that cannot be written ends the server with status 2 and the reason",
    arguments: [("closed pipe", false), ("closed pipe, SIGPIPE ignored", true), ("/dev/full", false)])
  func anAnswerThatCannotBeWrittenEndsTheServer(_ output: String, ignoringSIGPIPE: Bool) throws {
    let handle: FileHandle
    if output == "/dev/full" {
      handle = try #require(FileHandle(forWritingAtPath: output))
    } else {
      let closed = Pipe()
      try closed.fileHandleForReading.close()
      handle = closed.fileHandleForWriting
    }
    let input = Pipe()
    let errors = Pipe()
    let process: Process
    if ignoringSIGPIPE {
      process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", "trap '' PIPE; exec \"$0\" lsp", BinaryRunner.executable.path]
      process.standardOutput = handle
      process.standardError = errors
      process.standardInput = input
      try process.run()
    } else {
      process = try BinaryRunner.start(["lsp"], output: handle, errors: errors, input: input)
    }
    try handle.close()
    try errors.fileHandleForWriting.close()
    let initialize = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#
    input.fileHandleForWriting.write(Self.frame(initialize))
    let exited = BinaryRunner.exits(process, within: 60)
    try input.fileHandleForWriting.close()
    #expect(exited, "\(output): still running after its answer could not be written")
    let reason = output == "/dev/full" ? "no space left on device" : "broken pipe"
    #expect(process.terminationReason == .exit && process.terminationStatus == 2, "\(output)")
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(stderr == "dcmc: cannot write to standard output: \(reason)\n", "\(output)")
  }

  /// The pytest-lsp suite in `.ci/lsp-client`: a real client opens the reference
  /// definitions, introduces each class of error, breaks and fixes a reference, hovers, goes
  /// to definition across files, completes keys and ids, renames a workgroup and a field used
  /// in conditions, applies a fix-it, and sends a document with invalid UTF-8; and, watching
  /// the files the server registers, reports files of workgroups, calendars and templates
  /// changed, deleted and created on disk, and files that are not definitions.
  @Test func aRealLSPClientSeesDiagnosticsHoverDefinitionsRenameAndFixIts() throws {
    let result = try #require(
      try PythonScript.run("lsp-client/run.py", [BinaryRunner.executable.path]), "python3 is missing; \(Self.install)")
    #expect(!result.output.contains("No module named"), "a dependency is missing (\(Self.install)): \(result.output)")
    #expect(result.status == 0, "\(result.output)")
  }
}
