/// The `--help` pages, written from the command table: what a page lists is what the parser
/// accepts.
enum HelpText {
  /// Help lines are wrapped to this many columns.
  static let width = 100

  /// `dcmc --help`: every command with its summary.
  static func commands(_ commands: [CommandSpec]) -> String {
    var text = """
      dcmc \(DCMC.version): declarative case-definition compiler and runtime

      Usage: dcmc <command> [options]

      Commands:

      """
    text += table(commands.map { ($0.name, $0.summary) })
    text += "\nRun 'dcmc <command> --help' for a command's options.\n"
    return text
  }

  /// `dcmc case --help`: the usage line of each action, what each does, and how to get an
  /// action's own page.
  static func command(_ command: CommandSpec) -> String {
    let usage = command.actions.enumerated().map { index, action in
      (index == 0 ? "Usage: " : "       ") + action.synopsis
    }
    var text = usage.joined(separator: "\n") + "\n\nActions:\n" + table(command.actions.map { ($0.name, $0.summary) })
    if !command.details.isEmpty { text += "\n" + command.details + "\n" }
    text += "\nRun 'dcmc \(command.name) <action> --help' for an action's arguments and options.\n"
    return text + "\n" + command.exitStatus + "\n"
  }

  /// `dcmc case list --help`: the usage line, what the action does, and every argument and
  /// option it takes.
  static func action(_ action: ActionSpec, of command: CommandSpec) -> String {
    var text = "Usage: " + action.synopsis + "\n\n"
    text += action.details.isEmpty ? sentence(action.summary) : action.details
    text += "\n"
    switch action.actingUser {
    case .notNeeded: break
    case .needed: text += "\nIt acts as a user: give --as USER or set DCM_USER.\n"
    case .neededWith(let flag): text += "\nWith \(flag.name) it acts as a user: give --as USER or set DCM_USER.\n"
    }
    var sections: [(String, [(String, String)])] = []
    if !action.positionals.isEmpty {
      sections.append(("Arguments", action.positionals.map { ($0.name, $0.description) }))
    }
    sections.append(
      ("Options", action.options.map { ($0.helpLabel, $0.fullHelp) } + [("-h, --help", "show this help")]))
    for group in action.groups {
      sections.append((sentence(group.name, period: false), group.options.map { ($0.helpLabel, $0.fullHelp) }))
    }
    let labelWidth = sections.flatMap { $0.1.map(\.0.count) }.max() ?? 0
    for (title, rows) in sections {
      text += "\n\(title):\n" + table(rows, labelWidth: labelWidth)
    }
    return text + "\n" + command.exitStatus + "\n"
  }

  /// Two columns, the second wrapped under itself: `  --type TYPE  only the cases of ...`.
  static func table(_ rows: [(String, String)], labelWidth: Int? = nil) -> String {
    let labelWidth = labelWidth ?? (rows.map(\.0.count).max() ?? 0)
    let indent = String(repeating: " ", count: labelWidth + 4)
    return rows.map { label, help in
      let lines = wrap(help, width: width - indent.count)
      return "  " + label + String(repeating: " ", count: labelWidth - label.count + 2)
        + lines.joined(separator: "\n" + indent) + "\n"
    }.joined()
  }

  /// Words of `text` in lines of at most `width` columns (a longer word gets a line alone).
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty, line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    return lines + [line]
  }

  /// `start a case` as a sentence: `Start a case.`
  static func sentence(_ text: String, period: Bool = true) -> String {
    text.prefix(1).uppercased() + text.dropFirst() + (period ? "." : "")
  }
}
