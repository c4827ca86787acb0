/// One option of an action, as its table declares it: `--name VALUE` or a flag, its
/// one-line help, whether it is required or repeatable, and the values it may take when
/// they form a closed set. Parsing, `--help` and usage errors are all read from here.
struct OptionSpec: Sendable {
  /// `--type`; the name the parser, help and messages use.
  var name: String
  /// `-o` for `--output`: another spelling of the same option.
  var alias: String?
  /// `TYPE`: what the value is called; `nil` for a flag.
  var valueName: String?
  /// One line for `--help`, without a final period.
  var help: String
  var isRequired = false
  var isRepeatable = false
  var choices: Choices?

  /// A closed set of values, and how a message names one and several of them.
  struct Choices: Sendable {
    var noun: String
    var plural: String
    var values: [String]
  }

  /// An option that takes a value.
  static func value(
    _ name: String, _ valueName: String, _ help: String, alias: String? = nil, required: Bool = false,
    repeatable: Bool = false, choices: Choices? = nil
  ) -> OptionSpec {
    OptionSpec(
      name: name, alias: alias, valueName: valueName, help: help, isRequired: required, isRepeatable: repeatable,
      choices: choices)
  }

  /// An option that takes no value.
  static func flag(_ name: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, valueName: nil, help: help)
  }

  var takesValue: Bool { valueName != nil }

  /// Whether `word` (before any `=`) names this option.
  func isNamed(_ word: String) -> Bool { word == name || word == alias }

  /// `--type TYPE`, `--json`, or `-o FILE` when there is a short spelling: how usage lines
  /// and messages write it.
  var synopsis: String { (alias ?? name) + (valueName.map { " " + $0 } ?? "") }

  /// `-o, --output FILE`: the left column of `--help`.
  var helpLabel: String { (alias.map { "\($0), " } ?? "") + name + (valueName.map { " " + $0 } ?? "") }

  /// The help line with the closed set of values, when there is one.
  var fullHelp: String {
    guard let choices else { return help }
    return help + " (" + choices.values.joined(separator: ", ") + ")"
  }
}

/// Options that several actions share and declare once, like the runtime options.
struct OptionGroup: Sendable {
  /// `runtime options`: the heading in `--help` and the word in usage lines.
  var name: String
  var options: [OptionSpec]
}
