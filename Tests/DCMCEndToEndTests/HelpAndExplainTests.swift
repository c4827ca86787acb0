import Foundation
import Testing
import _DCMCTestSupport

/// `--help` on every command, and `dcmc explain`.
@Suite struct HelpAndExplainTests {
  @Test(
    "--help prints the usage on stdout and exits 0",
    arguments: [
      (["--help"], "Usage: dcmc <command>"),
      (["validate", "--help"], "Usage: dcmc validate [PATH...]"),
      (["explain", "--help"], "Usage: dcmc explain [CODE] [--list]"),
    ])
  func helpExitsZero(arguments: [String], usage: String) throws {
    let result = try BinaryRunner.run(arguments)
    #expect(result.status == 0)
    #expect(result.stdout.contains(usage))
    #expect(result.stderr.isEmpty)
  }

  @Test func commandHelpDescribesItsOptions() throws {
    let validate = try BinaryRunner.run(["validate", "--help"])
    for option in ["--format", "--strict", "human", "json", "sarif", "github"] {
      #expect(validate.stdout.contains(option), "validate --help does not mention \(option)")
    }
    #expect(try BinaryRunner.run(["explain", "--help"]).stdout.contains("--list"))
    let top = try BinaryRunner.run(["--help"]).stdout
    #expect(top.contains("validate") && top.contains("explain"))
  }

  @Test func noCommandIsAUsageError() throws {
    let result = try BinaryRunner.run([])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("Usage: dcmc <command>"))
  }

  @Test func unknownCommandSuggestsTheClosestOne() throws {
    let result = try BinaryRunner.run(["valdate"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("unknown command 'valdate'; a command with a similar name exists: 'validate'"))
  }

  /// The explanation's two examples are real definitions: the wrong one produces the code,
  /// the right one validates clean.
  @Test func explainPrintsAWrongExampleThatFailsAndARightOneThatPasses() throws {
    let result = try BinaryRunner.run(["explain", "DC1002"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("DC1002 (error): duplicate key\n"))
    let wrong = try #require(Self.section("Wrong:", in: result.stdout))
    let right = try #require(Self.section("Right:", in: result.stdout))
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("wrong.yaml", wrong)
    try directory.write("right.yaml", right)
    let failing = try BinaryRunner.run(["validate", "wrong.yaml"], in: directory.url)
    #expect(failing.status == 1)
    #expect(failing.stdout.contains("error[DC1002]: duplicate key"))
    let passing = try BinaryRunner.run(["validate", "--strict", "right.yaml"], in: directory.url)
    #expect(passing.status == 0, "\(passing.stdout)")
  }

  @Test("explain accepts a code in lower case")
  func explainIgnoresCase() throws {
    let lower = try BinaryRunner.run(["explain", "dc4001"])
    #expect(lower.status == 0)
    #expect(lower.stdout == (try BinaryRunner.run(["explain", "DC4001"])).stdout)
  }

  @Test func explainOfAnUnknownCodeExitsOne() throws {
    let result = try BinaryRunner.run(["explain", "DC9999"])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("unknown diagnostic code 'DC9999'"))
  }

  @Test func explainNeedsExactlyOneCode() throws {
    #expect(try BinaryRunner.run(["explain"]).status == 2)
    #expect(try BinaryRunner.run(["explain", "DC1001", "DC1002"]).status == 2)
  }

  /// audit32 finding 16: `explain --list DC2004` listed every code and ignored the code (exit
  /// 0), and `explain ""` was an unknown code (exit 1) where `explain` alone is a usage error.
  @Test(
    arguments: [
      (["explain", "--list", "DC2004"], "'explain' takes a code or --list, not both"),
      (["explain", "DC2004", "--list"], "'explain' takes a code or --list, not both"),
      (["explain", "--list", ""], "'explain' takes a code or --list, not both"),
      (["explain", ""], "'explain' needs a code, like DC1002, or --list"),
      (["explain"], "'explain' needs a code, like DC1002, or --list"),
    ])
  func explainTakesOneCodeOrTheList(arguments: [String], message: String) throws {
    let result = try BinaryRunner.run(arguments)
    #expect(result.status == 2, "\(arguments)")
    #expect(result.stdout.isEmpty, "\(arguments)")
    #expect(result.stderr.hasPrefix("dcmc: \(message)\n"), "\(arguments): \(result.stderr)")
  }

  /// `explain --list` must list exactly the table of docs/diagnostics.md, with its titles.
  @Test func explainListMatchesTheDocumentedTableOfCodes() throws {
    let docs = try String(
      contentsOf: Fixtures.repository.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
    let documented = docs.split(separator: "\n").filter { $0.hasPrefix("| DC") }.map { row in
      let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      return "\(cells[0])  \(cells[1])"
    }
    #expect(documented.count > 70)
    let result = try BinaryRunner.run(["explain", "--list"])
    #expect(result.status == 0)
    #expect(result.stdout.split(separator: "\n").map(String.init) == documented)
  }

  /// The indented block after `title` in `dcmc explain` output, without its indentation.
  static func section(_ title: String, in text: String) -> String? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(where: { $0 == title }) else { return nil }
    var body: [String] = []
    for line in lines[(start + 1)...] {
      if line.isEmpty {
        body.append("")
        continue
      }
      guard line.hasPrefix("    ") else { break }
      body.append(String(line.dropFirst(4)))
    }
    return body.joined(separator: "\n").trimmingCharacters(in: .newlines) + "\n"
  }
}
