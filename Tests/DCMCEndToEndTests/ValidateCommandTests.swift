import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc validate` run as a user or CI runs it: the built binary, its stdout, stderr and
/// exit status.
@Suite struct ValidateCommandTests {
  @Test("the reference definitions validate clean in every format", arguments: ["human", "json", "sarif", "github"])
  func definitionsAreClean(format: String) throws {
    for extra in [[], ["--strict"]] {
      let result = try BinaryRunner.run(["validate", "--format", format] + extra)
      #expect(result.status == 0, "\(format) \(extra): \(result.stdout)\(result.stderr)")
      let summary = "validated \(Fixtures.definitionFiles().count) files: no problems"
      switch format {
      case "json":
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((document["diagnostics"] as? [Any])?.isEmpty == true)
        #expect(result.stderr.isEmpty)
      case "sarif":
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let run = try #require((document["runs"] as? [[String: Any]])?.first)
        #expect((run["results"] as? [Any])?.isEmpty == true)
        #expect(result.stderr == summary + "\n")
      default:
        #expect(result.stdout == summary + "\n")
        #expect(result.stderr.isEmpty)
      }
    }
  }

  @Test("validate with no path reads definitions/ from the working directory")
  func defaultPathIsDefinitions() throws {
    let implicit = try BinaryRunner.run(["validate"])
    let explicit = try BinaryRunner.run(["validate", "definitions"])
    #expect(implicit.stdout == explicit.stdout)
    #expect(Fixtures.summary(of: implicit.stdout) == "validated \(Fixtures.definitionFiles().count) files: no problems")
  }

  @Test(
    "the binary prints an invalid fixture's expected output and exits 1 on an error",
    arguments: Fixtures.goldenInputs("err"))
  func invalidFixture(name: String) throws {
    let expected = try String(
      contentsOf: Fixtures.golden.appendingPathComponent("err/\(name.dropLast(5)).expected"), encoding: .utf8)
    let result = try BinaryRunner.run(["validate", "err/\(name)"], in: Fixtures.golden)
    #expect(result.stdout == expected)
    #expect(result.stderr.isEmpty)
    #expect(result.status == (expected.contains(": error[") ? 1 : 0))
    let strict = try BinaryRunner.run(["validate", "--strict", "err/\(name)"], in: Fixtures.golden)
    #expect(strict.status == 1, "\(strict.stdout)")
  }

  @Test("the binary accepts a valid fixture silently, even with --strict", arguments: Fixtures.goldenInputs("ok"))
  func validFixture(name: String) throws {
    let result = try BinaryRunner.run(["validate", "--strict", "ok/\(name)"], in: Fixtures.golden)
    #expect(result.status == 0)
    #expect(result.stdout == "validated 1 file: no problems\n")
    #expect(result.stderr.isEmpty)
  }

  @Test func warningsAloneExitZeroButFailWithStrict() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("team.yaml", "kind: Workgroup\nid: agents\nmembers: []\n")
    let relaxed = try BinaryRunner.run(["validate", "team.yaml"], in: directory.url)
    #expect(relaxed.status == 0)
    #expect(relaxed.stdout.hasPrefix("team.yaml:3:10: warning[DC7003]: workgroup 'agents' has no members\n"))
    #expect(Fixtures.summary(of: relaxed.stdout) == "validated 1 file: 1 warning")
    let strict = try BinaryRunner.run(["validate", "--strict", "team.yaml"], in: directory.url)
    #expect(strict.status == 1)
    #expect(strict.stdout.hasPrefix("team.yaml:3:10: error[DC7003]: workgroup 'agents' has no members\n"))
    #expect(Fixtures.summary(of: strict.stdout) == "validated 1 file: 1 error")
  }

  @Test func nonexistentPathIsAnIOErrorOnStderrOnly() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let result = try BinaryRunner.run(["validate", "missing/cases.yaml"], in: directory.url)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("cannot read 'missing/cases.yaml'"))
  }

  @Test func directoryWalkFindsYamlAndYmlRecursivelyAndIgnoresOtherFiles() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("defs/top.yaml", "kind: Workgroup\nid: top\nmembers: []\n")
    try directory.write("defs/deep/er/nested.yml", "kind: Workgroup\nid: nested\nmembers: []\n")
    try directory.write("defs/notes.txt", "kind: Workgroup\nid: ignored_txt\nmembers: []\n")
    try directory.write("defs/deep/data.json", "kind: Workgroup\nid: ignored_json\nmembers: []\n")
    try directory.write("defs/deep/backup.yaml.bak", "kind: Workgroup\nid: ignored_bak\nmembers: []\n")
    let result = try BinaryRunner.run(["validate", "defs"], in: directory.url)
    #expect(result.status == 0)
    let headers = result.stdout.split(separator: "\n").filter { $0.contains("warning[") }
    #expect(
      headers == [
        "defs/deep/er/nested.yml:3:10: warning[DC7003]: workgroup 'nested' has no members",
        "defs/top.yaml:3:10: warning[DC7003]: workgroup 'top' has no members",
      ])
    #expect(Fixtures.summary(of: result.stdout) == "validated 2 files: 2 warnings")
  }

  @Test func standardInputIsNamedStdin() throws {
    let input = Data("kind: Workgroup\nid: agents\nmembers: [alice]\nmembres: [bob]\n".utf8)
    let result = try BinaryRunner.run(["validate", "-"], stdin: input)
    #expect(result.status == 1)
    #expect(result.stdout.hasPrefix("<stdin>:4:1: error[DC2004]: unknown key 'membres' in workgroup 'agents'\n"))
    #expect(result.stdout.contains("4 | membres: [bob]\n"))
    #expect(Fixtures.summary(of: result.stdout) == "validated 1 file: 1 error")
  }

  /// Standard input is a stream, not a file: it is read up to the limit and no further.
  @Test func anEndlessStandardInputIsReadOnlyUpToTheSizeLimit() throws {
    let zeros = try #require(FileHandle(forReadingAtPath: "/dev/zero"))
    defer { try? zeros.close() }
    let output = Pipe()
    let process = try BinaryRunner.start(["validate", "-"], output: output, input: zeros)
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 1)
    #expect(text.hasPrefix("<stdin>:1:1: error[DC1005]: file is larger than the limit of 4 MiB\n"))
    // The file was not read: no "line 1" is quoted under the header.
    #expect(!text.contains("1 |"), "\(text.prefix(300))")
  }

  @Test func aPathThatIsNotARegularFileIsRefusedUnread() throws {
    let result = try BinaryRunner.run(["validate", "/dev/zero"])
    #expect(result.status == 2)
    #expect(result.stderr == "dcmc: cannot read '/dev/zero': not a regular file\n")
  }

  @Test func unknownFormatIsAUsageError() throws {
    let result = try BinaryRunner.run(["validate", "--format", "bogus"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("unknown format 'bogus'"))
  }

  @Test(
    "an unknown option is a usage error",
    arguments: [["validate", "--frobnicate"], ["explain", "--verbose", "DC1002"]])
  func unknownOptionIsAUsageError(arguments: [String]) throws {
    let result = try BinaryRunner.run(arguments)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("unknown option '\(arguments[1])'"))
  }

  @Test func outputHasNoColourWhenNotATerminalEvenWithoutNoColor() throws {
    let result = try BinaryRunner.run(
      ["validate", "err/dc3002_unknown_workgroup_with_suggestion.yaml"], in: Fixtures.golden,
      environment: ["NO_COLOR": "", "TERM": "xterm-256color"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("error[DC3002]"))
    #expect(!Fixtures.hasEscapeCodes(result.stdout))
    #expect(!Fixtures.hasEscapeCodes(result.stderr))
  }

  /// The control of the test above: on a terminal (a pseudo-terminal made by `script`),
  /// the same command does colour its output, so the absence of colour is not an accident.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
  func outputIsColouredOnATerminal() throws {
    let command = "'\(BinaryRunner.executable.path)' validate err/dc3002_unknown_workgroup_with_suggestion.yaml"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-qec", command, "/dev/null"]
    process.currentDirectoryURL = Fixtures.golden
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = nil
    environment["TERM"] = "xterm-256color"
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(text.contains("DC3002"))
    #expect(Fixtures.hasEscapeCodes(text))
  }
}
