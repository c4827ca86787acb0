/// One action of a command (`case list`), or a command that has no action words
/// (`validate`): its arguments and options, whether it acts as a user, its help, and what
/// runs it. The parser, `--help` and usage errors all read this one declaration.
struct ActionSpec: Sendable {
  /// `list`; empty for a command without action words.
  var name: String
  /// The command it belongs to (`case`); `CommandSpec` sets it.
  var command = ""
  /// What the action does, in one line without a final period, for the command's list of
  /// actions.
  var summary: String
  /// The paragraphs of the action's `--help` after its usage line; the summary when empty.
  var details: String
  var positionals: [PositionalSpec]
  var options: [OptionSpec]
  /// Shared options the action includes, each group declared once.
  var groups: [OptionGroup]
  var actingUser: ActingUser
  /// Turns the parsed arguments into the action's typed request and runs it; returns the
  /// exit status.
  var run: @Sendable (ParsedArguments, Terminal) throws(UsageError) -> Int32

  /// Whether the action acts as a user, who must then be known before it runs.
  enum ActingUser: Sendable {
    case notNeeded
    case needed
    /// Only when this flag is given (`task list --mine`).
    case neededWith(OptionSpec)
  }

  init(
    _ name: String, _ summary: String, details: String = "", positionals: [PositionalSpec] = [],
    options: [OptionSpec] = [], groups: [OptionGroup] = [], actingUser: ActingUser = .notNeeded,
    run: @escaping @Sendable (ParsedArguments, Terminal) throws(UsageError) -> Int32
  ) {
    self.name = name
    self.summary = summary
    self.details = details
    self.positionals = positionals
    self.options = options
    self.groups = groups
    self.actingUser = actingUser
    self.run = run
  }

  /// `case list` or `validate`: how messages and usage lines name the action.
  var words: String { name.isEmpty ? command : command + " " + name }

  /// Every option the action takes: its own, then those of its groups.
  var allOptions: [OptionSpec] { options + groups.flatMap(\.options) }

  func option(named word: String) -> OptionSpec? { allOptions.first { $0.isNamed(word) } }

  /// `dcmc case create TYPE [--field K=V]... [--fields FILE] [runtime options]`.
  var synopsis: String {
    var parts = ["dcmc", words] + positionals.map(\.synopsis)
    for option in options {
      let written = option.isRequired ? option.synopsis : "[\(option.synopsis)]"
      parts.append(option.isRepeatable ? written + "..." : written)
    }
    parts += groups.map { "[\($0.name)]" }
    return parts.joined(separator: " ")
  }

  /// The words that name the need for an acting user in its message, when the action has
  /// it with these arguments: `task claim`, `task list --mine`.
  func actingUserNeed(_ arguments: ParsedArguments) -> String? {
    switch actingUser {
    case .notNeeded: nil
    case .needed: words
    case .neededWith(let flag): arguments.has(flag) ? words + " " + flag.name : nil
    }
  }
}
