import Testing
import _DCMCTestSupport

/// Every command and action, found by walking `--help` from `dcmc --help` down: its help page
/// names exactly the options its parser accepts, and an option it does not take is a usage
/// error naming those it does. Help and parser are read from one table; this proves they
/// cannot drift.
@Suite struct CommandTableTests {
  /// One help page, read back: the commands or actions it lists, or the options an action
  /// takes.
  struct HelpPage {
    var text: String
    /// The names a top page lists under `Commands:`, or a command's page under `Actions:`.
    var entries: [String] = []
    /// Each option's name (`--output`, never `-o`) and whether it takes a value.
    var options: [(name: String, takesValue: Bool)] = []

    init(_ text: String) {
      self.text = text
      var section = ""
      for line in text.split(separator: "\n").map(String.init) {
        if !line.hasPrefix(" "), line.hasSuffix(":") {
          section = line
          continue
        }
        // A row starts with two spaces; its wrapped lines with more.
        guard line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
        let label = Self.label(of: line)
        if section == "Commands:" || section == "Actions:" {
          entries.append(label)
        } else if section.hasSuffix("ptions:"), label != "-h, --help" {
          let spelling = label.components(separatedBy: ", ").last ?? label
          let words = spelling.split(separator: " ")
          options.append((String(words[0]), words.count > 1))
        }
      }
    }

    /// The first column of a row: up to the first run of two spaces.
    static func label(of line: String) -> String {
      let row = line.dropFirst(2)
      guard let gap = row.range(of: "  ") else { return String(row) }
      return String(row[..<gap.lowerBound])
    }

    /// Whether the action must act as a user (unconditionally, or with a flag).
    var actingUserFlag: String?? {
      if text.contains("\nIt acts as a user: give --as USER or set DCM_USER.\n") { return .some(nil) }
      guard let range = text.range(of: " it acts as a user: give --as USER or set DCM_USER.\n") else { return nil }
      let line = text[..<range.lowerBound].split(separator: "\n").last ?? ""
      return .some(String(line.dropFirst("With ".count)))
    }

    /// Arguments that get past the parser: a placeholder for each required positional and
    /// required option of the usage line, after the command's and action's `words`.
    func minimalArguments(after words: [String]) -> [String] {
      guard let usage = text.split(separator: "\n").first else { return [] }
      var tokens = usage.split(separator: " ").map(String.init).dropFirst(2 + words.count)
      var arguments: [String] = []
      while let token = tokens.popFirst() {
        if token.hasPrefix("[") {
          var last = token
          while !last.contains("]"), let next = tokens.popFirst() { last = next }
        } else if token.hasPrefix("-") {
          arguments += [token, "x"]
          _ = tokens.popFirst()
        } else {
          arguments.append("X.1")
        }
      }
      return arguments
    }
  }

  /// Each command's name and words (`case list`), with its help page, as `--help` lists them.
  static func actions() throws -> [(words: [String], page: HelpPage)] {
    var found: [(words: [String], page: HelpPage)] = []
    for command in HelpPage(try BinaryRunner.run(["--help"]).stdout).entries {
      let page = HelpPage(try BinaryRunner.run([command, "--help"]).stdout)
      if page.entries.isEmpty {
        found.append(([command], page))
      } else {
        for action in page.entries {
          found.append(([command, action], HelpPage(try BinaryRunner.run([command, action, "--help"]).stdout)))
        }
      }
    }
    return found
  }

  /// The options a usage error says the action takes.
  static func taken(from stderr: String) -> [String] {
    guard let range = stderr.range(of: " takes "), let end = stderr.firstIndex(of: "\n") else { return [] }
    let list = stderr[range.upperBound..<end]
    return list == "no options" ? [] : list.components(separatedBy: ", ")
  }

  @Test func theWalkFindsEveryCommandAndAction() throws {
    let words = try Self.actions().map { $0.words.joined(separator: " ") }
    for expected in [
      "validate", "calendar show", "case create", "case link", "task next", "task set", "outbox deliver",
      "store verify", "customer add", "customer merge", "deploy", "tick", "run", "bundle verify", "explain", "schema",
      "compile", "graph", "test",
    ] {
      #expect(words.contains(expected), "\(expected) is not in the walk: \(words)")
    }
  }

  @Test func everyHelpPageNamesExactlyTheOptionsTheParserAccepts() throws {
    for (words, page) in try Self.actions() {
      let named = page.options.map(\.name)
      // Every named option is accepted: the parser gets past all of them to the last word.
      var line = words
      for option in page.options { line += option.takesValue ? [option.name, "x"] : [option.name] }
      let probe = try BinaryRunner.run(line + ["--no-such-option"])
      #expect(probe.status == 2)
      #expect(probe.stderr.hasPrefix("dcmc: unknown option '--no-such-option'; "), "\(words): \(probe.stderr)")
      // And the parser accepts no other: the ones it says it takes are the ones named.
      #expect(Set(Self.taken(from: probe.stderr)) == Set(named), "\(words): \(probe.stderr) vs \(named)")
      #expect(Set(named).count == named.count, "\(words) names an option twice")
    }
  }

  @Test func anOptionOfAnotherActionIsAUsageErrorNamingTheOnesTaken() throws {
    let all = try Self.actions()
    let everyOption = Set(all.flatMap { $0.page.options.map(\.name) })
    for (words, page) in all {
      let named = page.options.map(\.name)
      for other in everyOption.subtracting(named).sorted() {
        let result = try BinaryRunner.run(words + [other])
        let action = words.joined(separator: " ")
        let takes = named.isEmpty ? "no options" : named.joined(separator: ", ")
        #expect(result.status == 2)
        #expect(
          result.stderr == "dcmc: '\(action)' does not take \(other); it takes \(takes)\n"
            + "Run 'dcmc \(action) --help' for usage.\n", "\(result.stderr)")
      }
    }
  }

  @Test func everyActionThatActsAsAUserNeedsOneBeforeAnythingRuns() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let missing = directory.url.appendingPathComponent("no-store").path
    var checked: [String] = []
    for (words, page) in try Self.actions() {
      guard let flag = page.actingUserFlag else { continue }
      let action = words.joined(separator: " ") + (flag.map { " " + $0 } ?? "")
      let arguments = words + page.minimalArguments(after: words) + (flag.map { [$0] } ?? []) + ["--store", missing]
      let result = try BinaryRunner.run(arguments, environment: ["DCM_USER": ""])
      #expect(result.status == 2, "\(arguments)")
      #expect(
        result.stderr == "dcmc: '\(action)' needs an acting user: give --as USER or set DCM_USER\n"
          + "Run 'dcmc \(words.joined(separator: " ")) --help' for usage.\n", "\(arguments): \(result.stderr)")
      // With a user the same command gets past the check, to the missing store.
      let withUser = try BinaryRunner.run(arguments, environment: ["DCM_USER": "bob"])
      #expect(!withUser.stderr.contains("acting user"), "\(arguments): \(withUser.stderr)")
      checked.append(action)
    }
    #expect(
      Set(checked) == [
        "case create", "case set", "case cancel", "case pend", "case resume", "case attach", "case link", "task list --mine",
        "task next", "task claim", "task open", "task release", "task escalate", "task assign", "task reassign",
        "task complete", "task set", "customer add", "customer show", "customer update", "customer find",
        "customer cases", "customer status-link", "customer merge", "customer export", "case update", "task reschedule",
        "presence set", "presence list", "presence history", "task offers", "task accept", "task decline",
      ])
  }
}
