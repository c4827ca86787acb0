import Testing
import _DCMCTestSupport

/// `--help` and usage errors of compile, graph, schema and bundle.
@Suite struct CompilerCommandHelpTests {
  @Test(
    "--help prints the usage on stdout and exits 0",
    arguments: [
      (["compile", "--help"], "Usage: dcmc compile [PATH...] -o FILE"),
      (["graph", "-h"], "Usage: dcmc graph CASE_TYPE [PATH...] [--format FORMAT]"),
      (["schema", "--help"], "# yaml-language-server: $schema=./dcm.schema.json"),
      (["bundle", "--help"], "Usage: dcmc bundle verify FILE"),
    ])
  func helpExitsZero(arguments: [String], usage: String) throws {
    let result = try BinaryRunner.run(arguments)
    #expect(result.status == 0)
    #expect(result.stdout.contains(usage))
    #expect(result.stderr.isEmpty)
  }

  @Test func theTopLevelHelpListsTheNewCommands() throws {
    let top = try BinaryRunner.run(["--help"]).stdout
    for command in ["compile", "graph", "schema", "bundle"] {
      #expect(top.contains("\n  \(command) "), "\(command) is not listed")
    }
  }

  @Test(
    "a misuse exits 2 with the reason on one line",
    arguments: [
      (["schema", "extra"], "dcmc: unexpected argument 'extra'; 'schema' takes none\n"),
      (["bundle", "check", "b.json"], "dcmc: unknown bundle action 'check'; the actions are verify\n"),
      (["bundle", "verify"], "dcmc: 'bundle verify' needs a compiled bundle (FILE)\n"),
      (["compile", "--out", "b.json"], "dcmc: unknown option '--out'; 'compile' takes --output\n"),
      (
        ["compil", "-o", "b.json"], "dcmc: unknown command 'compil'; a command with a similar name exists: 'compile'\n"
      ),
    ])
  func misuse(arguments: [String], message: String) throws {
    let result = try BinaryRunner.run(arguments)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix(message))
  }
}
