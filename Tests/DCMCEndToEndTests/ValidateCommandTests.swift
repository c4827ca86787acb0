import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc validate` and `dcmc explain` driven through the built binary, as a user or CI runs them.
@Suite struct ValidateCommandTests {
  @Test("the reference definitions validate clean in every format, strict too", arguments: ["human", "json", "sarif", "github"])
  func referenceDefinitionsAreClean(format: String) throws {
    let output = try BinaryRunner.run(["validate", "--strict", "--format", format, "definitions"])
    #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    switch format {
    case "human", "github":
      #expect(output.stdout.hasSuffix("validated 18 files: no problems\n"))
    case "json":
      let document = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
      #expect((document?["diagnostics"] as? [Any])?.isEmpty == true)
    default:
      #expect(output.stderr.contains("validated 18 files: no problems"))
    }
  }

  @Test("validate with no path reads definitions/")
  func defaultPathIsDefinitions() throws {
    let output = try BinaryRunner.run(["validate"])
    #expect(output.status == 0)
    #expect(output.stdout == "validated 18 files: no problems\n")
  }

  @Test("every golden error fixture exits 1 and prints what the golden file says")
  func errorFixturesExitOne() throws {
    let folder = BinaryRunner.repositoryRoot.appendingPathComponent("Tests/DCMCCheckerTests/Golden")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("err").path)
      .filter { $0.hasSuffix(".yaml") }
    #expect(!names.isEmpty)
    for name in names {
      let output = try BinaryRunner.run(["validate", "err/\(name)"], in: folder)
      let expected = try String(
        contentsOf: folder.appendingPathComponent("err/\(name.dropLast(5)).expected"), encoding: .utf8)
      let warningsOnly = !expected.contains(": error[")
      #expect(output.status == (warningsOnly ? 0 : 1), "\(name)")
      #expect(output.stdout == expected, "\(name)")
      if warningsOnly {
        let strict = try BinaryRunner.run(["validate", "--strict", "err/\(name)"], in: folder)
        #expect(strict.status == 1, "--strict must fail on the warning of \(name)")
        #expect(strict.stdout.contains("error[DC"))
      }
    }
  }

  @Test("an unreadable path exits 2 and names the path")
  func unreadablePath() throws {
    let output = try BinaryRunner.run(["validate", "no/such/place.yaml"])
    #expect(output.status == 2)
    #expect(output.stdout.isEmpty)
    #expect(output.stderr == "dcmc: cannot read 'no/such/place.yaml': No such file or directory\n")
  }

  @Test("usage errors exit 2 with a one-line reason", arguments: [
    ["validate", "--format", "bogus"], ["validate", "--bogus"], ["bogus"], ["explain"], ["validate", "--format"],
  ])
  func usageErrors(arguments: [String]) throws {
    let output = try BinaryRunner.run(arguments)
    #expect(output.status == 2)
    #expect(output.stderr.hasPrefix("dcmc: "))
    #expect(output.stdout.isEmpty)
  }

  @Test("--help works on every command", arguments: [["--help"], ["validate", "--help"], ["explain", "--help"]])
  func help(arguments: [String]) throws {
    let output = try BinaryRunner.run(arguments)
    #expect(output.status == 0)
    #expect(output.stdout.hasPrefix("Usage: dcmc") || output.stdout.contains("Usage: dcmc"))
  }

  @Test("a directory walk finds .yaml and .yml files in subfolders and skips the rest")
  func directoryWalk() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("a.yaml", "kind: Workgroup\nid: one\nmembers: [ann]\n")
    try directory.write("deep/b.yml", "kind: Workgroup\nid: two\nmembers: [ann]\n")
    try directory.write("notes.txt", "kind: nonsense\n")
    try directory.write(".hidden/c.yaml", "kind: nonsense\n")
    let output = try BinaryRunner.run(["validate", directory.url.path])
    #expect(output.status == 0, "\(output.stdout)")
    #expect(output.stdout == "validated 2 files: no problems\n")
  }

  @Test("'-' reads standard input and names it <stdin>")
  func standardInput() throws {
    let output = try BinaryRunner.run(["validate", "-"], stdin: Data("kind: Workgroup\nid: w\nmembers: [a]\nbogus: 1\n".utf8))
    #expect(output.status == 1)
    #expect(output.stdout.hasPrefix("<stdin>:4:1: error[DC2004]: unknown key 'bogus' in workgroup 'w'"))
  }

  @Test("output has no colour when it is not a terminal, even without NO_COLOR")
  func noColourOffTerminal() throws {
    let output = try BinaryRunner.run(["validate", "-"], stdin: Data("- a\n".utf8), environment: ["NO_COLOR": ""])
    #expect(output.status == 1)
    #expect(!output.stdout.contains("\u{1B}["))
  }

  @Test("the github format prints workflow commands")
  func githubFormat() throws {
    let output = try BinaryRunner.run(
      ["validate", "--format", "github", "-"], stdin: Data("kind: Workgroup\nid: w\nmembers: [a]\nbogus: 1\n".utf8))
    #expect(output.status == 1)
    #expect(output.stdout.hasPrefix("::error file=<stdin>,line=4,col=1,"))
    #expect(output.stdout.contains("title=DC2004::unknown key 'bogus' in workgroup 'w'"))
  }

  @Test("explain prints the wrong and the right example; unknown codes exit 1")
  func explain() throws {
    let known = try BinaryRunner.run(["explain", "DC1002"])
    #expect(known.status == 0)
    #expect(known.stdout.hasPrefix("DC1002 (error): duplicate key"))
    #expect(known.stdout.contains("Wrong:") && known.stdout.contains("Right:"))
    let unknown = try BinaryRunner.run(["explain", "DC9999"])
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("unknown diagnostic code 'DC9999'"))
    let list = try BinaryRunner.run(["explain", "--list"])
    #expect(list.stdout.split(separator: "\n").count == 77)
  }
}
