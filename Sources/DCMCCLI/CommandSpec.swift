import DCMCDiagnostics

/// One command of dcmc: its actions (or its one action when it takes no action word), its
/// summary for `dcmc --help` and its exit statuses. Runs a command line: finds the action,
/// prints help, parses, checks the acting user, and hands the parsed arguments to the
/// action.
struct CommandSpec: Sendable {
  var name: String
  /// One line for `dcmc --help`.
  var summary: String
  /// Paragraphs of the command's `--help` between its actions and its exit statuses.
  var details: String
  /// `Exit status: ...`, the last paragraph of every help page of the command.
  var exitStatus: String
  var actions: [ActionSpec]
  /// Whether the first word names an action (`case list`); `validate` has none.
  var hasActionWords: Bool

  /// A command whose actions are named by their first word.
  init(_ name: String, summary: String, details: String = "", exitStatus: String, actions: [ActionSpec]) {
    self.init(name, summary, details, exitStatus, actions, hasActionWords: true)
  }

  /// A command without action words.
  init(_ name: String, summary: String, exitStatus: String, action: ActionSpec) {
    self.init(name, summary, "", exitStatus, [action], hasActionWords: false)
  }

  private init(
    _ name: String, _ summary: String, _ details: String, _ exitStatus: String, _ actions: [ActionSpec],
    hasActionWords: Bool
  ) {
    self.name = name
    self.summary = summary
    self.details = details
    self.exitStatus = exitStatus
    self.actions = actions.map { action in
      var copy = action
      copy.command = name
      return copy
    }
    self.hasActionWords = hasActionWords
  }

  /// Runs `argv` (the words after the command's name). `--help` or `-h` anywhere before
  /// `--` prints the help of the action, or of the command when no action is named.
  func run(_ argv: [String], terminal: Terminal) throws(UsageError) -> Int32 {
    let wantsHelp = argv.prefix { $0 != "--" }.contains { $0 == "--help" || $0 == "-h" }
    var rest = argv
    let action: ActionSpec
    if hasActionWords {
      guard let index = actionIndex(in: argv) else {
        if wantsHelp {
          terminal.out(HelpText.command(self))
          return ExitCode.success
        }
        throw UsageError("'\(name)' needs an action: \(actionNames)").pointing(to: name)
      }
      let word = rest.remove(at: index)
      guard let named = actions.first(where: { $0.name == word }) else {
        throw unknownAction(word).pointing(to: name)
      }
      action = named
    } else {
      action = actions[0]
    }
    if wantsHelp {
      terminal.out(HelpText.action(action, of: self))
      return ExitCode.success
    }
    do throws(UsageError) {
      let arguments = try ParsedArguments(rest, for: action)
      if let need = action.actingUserNeed(arguments),
        RuntimeOptions.user(arguments, environment: terminal.environment) == nil
      {
        throw UsageError("'\(need)' needs an acting user: give --as USER or set DCM_USER")
      }
      return try action.run(arguments, terminal)
    } catch {
      throw error.pointing(to: action.words)
    }
  }

  /// `create, show, list, ...`.
  var actionNames: String { actions.map(\.name).joined(separator: ", ") }

  /// Where the action word is: the first word that is neither an option nor the value of
  /// one of the command's options (`dcmc task --as bob next`); the word after `--` at the
  /// latest.
  private func actionIndex(in argv: [String]) -> Int? {
    let options = actions.flatMap(\.allOptions)
    var index = 0
    while index < argv.count {
      let word = argv[index]
      if word == "--" { return index + 1 < argv.count ? index + 1 : nil }
      if !word.hasPrefix("-") || word == "-" { return index }
      let takesValue = !word.contains("=") && options.contains { $0.isNamed(word) && $0.takesValue }
      index += takesValue ? 2 : 1
    }
    return nil
  }

  private func unknownAction(_ word: String) -> UsageError {
    if let close = Suggestion.closest(to: word, in: actions.map(\.name)) {
      return UsageError(
        "unknown \(name) action '\(word.prefix(40))'; \(Suggestion.message(noun: "action", name: close))")
    }
    return UsageError("unknown \(name) action '\(word.prefix(40))'; the actions are \(actionNames)")
  }
}
