import Foundation
import Testing
import _DCMCTestSupport

/// Text one user gives cannot forge what another reads (stop 31's audit): the user `tick`,
/// `run` and `serve` record on their events is a user id, as every acting user's is (a line
/// break in `--as` forged lines of `case history`, an escape reached the supervisor's
/// terminal), and `case history` shows a value's control characters escaped.
@Suite struct HostileTextTests {
  static let forged = "evil\n2026-03-09 09:00  forged line\u{1B}[31m"

  @Test func tickRefusesAnActingUserThatIsNoIDAndWritesNothing() throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let before = try session.run(["case", "history", "TEC-000001"], at: "2026-03-09T09:00:00+01:00")
    // A week on, the case's SLA timers are due: a tick would write their events.
    let refused = try session.run(["tick"], as: Self.forged, at: "2026-03-09T09:00:00+01:00")
    #expect(refused.status == 1, "\(refused.stderr)")
    #expect(refused.stderr.hasPrefix("dcmc: invalid id 'evil\\u{a}2026-03-09"), "\(refused.stderr)")
    #expect(!refused.stderr.contains("\u{1B}"))
    let after = try session.run(["case", "history", "TEC-000001"], at: "2026-03-09T09:00:00+01:00")
    #expect(after.stdout == before.stdout)
    // The same tick by a user id writes them.
    #expect(try session.run(["tick"], as: "sam", at: "2026-03-09T09:00:00+01:00").status == 0)
    #expect(try session.run(["case", "history", "TEC-000001"], at: "2026-03-09T09:00:00+01:00").stdout != before.stdout)
  }

  /// `run` and `serve` refuse it before their first tick, exit 2, rather than tick with it.
  @Test(arguments: [["run", "--every", "1h"], ["serve", "--listen", "127.0.0.1:0", "--every", "1h"]])
  func runAndServeRefuseItBeforeTheirFirstTick(command: [String]) throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let errors = Pipe()
    let process = try BinaryRunner.start(
      command + ["--store", session.store, "--as", Self.forged], output: FileHandle.nullDevice, errors: errors)
    #expect(BinaryRunner.exits(process, within: 30), "\(command[0]) went on with the user")
    #expect(process.terminationStatus == 2)
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(stderr.hasPrefix("dcmc: invalid id 'evil\\u{a}"), "\(stderr)")
  }

  /// `case history` prints one line an event, whatever a value holds: a text field's line
  /// break and escape, given by `case update`, forged a line of the history and drove the
  /// supervisor's terminal; they are shown escaped (`String.escapingControls`).
  @Test func caseHistoryShowsAValuesControlCharactersEscaped() throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let value = "it drops\n9  2026-03-02T09:00:00Z  sam  case.closed  forged\u{1B}[2J"
    let updated = try session.run(
      ["case", "update", "TEC-000001", "--field", "Problem_Description=" + value], as: "sam",
      at: "2026-03-02T10:00:00+01:00")
    #expect(updated.status == 0, "\(updated.stderr)")
    let history = try session.run(["case", "history", "TEC-000001"], at: "2026-03-02T10:00:00+01:00")
    #expect(history.status == 0)
    let lines = history.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    // Each line is the next event's: the forged one would be a "9" after the update's line.
    #expect(lines.map { $0.prefix { $0 != " " } } == (1...lines.count).map { Substring(String($0)) }, "\(history.stdout)")
    #expect(!history.stdout.contains("\u{1B}"))
    #expect(history.stdout.contains("Problem_Description="), "\(history.stdout)")
    #expect(history.stdout.contains("->it drops\\u{a}9  2026-03-02T09:00:00Z  sam  case.closed  forged\\u{1b}[2J"), "\(history.stdout)")
  }

  /// A refusal is one line whatever the argument it quotes holds (README: "the reason on one
  /// line"): a usage error's value and a refusal's user are shown escaped.
  @Test func aRefusalQuotesItsArgumentOnOneLine() throws {
    let session = try ReplanCommandTests.session()
    defer { session.directory.remove() }
    let status = try session.run(["case", "list", "--status", "opne\nforged\u{1B}[2J"], at: "2026-03-02T10:00:00+01:00")
    #expect(status.status == 2)
    #expect(status.stderr.hasPrefix("dcmc: unknown status 'opne\\u{a}forged\\u{1b}[2J'; the statuses are "), "\(status.stderr)")
    #expect(status.stderr.split(separator: "\n").count == 2, "the reason and the hint: \(status.stderr)")
    let user = try session.run(["task", "next"], as: "ghost\u{1B}[2J", at: "2026-03-02T10:00:00+01:00")
    #expect(user.status != 0)
    #expect(!user.stderr.contains("\u{1B}") && user.stderr.contains("ghost\\u{1b}[2J"), "\(user.stderr)")
  }

  /// `validate --format github` shows a definition's control and bidirectional characters that
  /// a message quotes escaped, as the human format does: GitHub's log renders ANSI, so an
  /// escape in an id reached it raw (and a line break became one of the annotation's lines).
  @Test func githubAnnotationsShowAQuotedValuesControlCharactersEscaped() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("w.yaml", "kind: Workgroup\nid: \"team\\e[31mred\\u202Efdp\\nnote: forged\"\nmembers: [eve]\n")
    let result = try BinaryRunner.run(["validate", "--format", "github", "w.yaml"], in: directory.url)
    #expect(result.status == 1)
    #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E }, "\(result.stdout)")
    #expect(
      result.stdout.hasPrefix(
        "::error file=w.yaml,line=2,col=5,endLine=2,endColumn=42,title=DC2007::"
          + "invalid id 'team\\u{1b}[31mred\\u{202e}fdp\\u{a}note: forged'%0Ahelp: an id has "),
      "\(result.stdout)")
  }

  /// audit32 finding 13: `explain` and `graph` wrote a name from the command line raw, so an
  /// escape drove the terminal and a line break forged the next line; the code is shortened too.
  @Test(
    arguments: [
      (["explain", "DC\u{1B}[31m\nforged"], "dcmc: unknown diagnostic code 'DC\\u{1b}[31m\\u{a}forged'\n"),
      (
        ["explain", String(repeating: "DC", count: 150)],
        "dcmc: unknown diagnostic code '\(String(repeating: "DC", count: 20))'\n"
      ),
      (["graph", "tech\u{1B}[2J\nforged"], "dcmc: unknown case type 'tech\\u{1b}[2J\\u{a}forged'; "),
    ])
  func explainAndGraphQuoteANameOnOneLine(arguments: [String], start: String) throws {
    let result = try BinaryRunner.run(arguments)
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix(start), "\(result.stderr)")
    #expect(!result.stderr.contains("\u{1B}"))
    #expect(result.stderr.split(separator: "\n").count <= 2, "the reason, then the hint: \(result.stderr)")
  }
}
