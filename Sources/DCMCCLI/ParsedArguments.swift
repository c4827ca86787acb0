import DCMCDiagnostics

/// An action's command line, parsed by its table: positionals by name, option values and
/// flags. Options are `--name value`, `--name=value` or flags; a value that starts with
/// `-` is written `--name=-value`; `-` alone is a positional (standard input); `--` ends
/// the options.
struct ParsedArguments {
  private var positionalValues: [String: [String]] = [:]
  private var optionValues: [String: [String]] = [:]
  private var flags: Set<String> = []

  /// Parses `argv` (without the command and action words) for `action`. Usage errors, in
  /// this order: an option the action does not take (left to right), a missing value, an
  /// option given twice, a value outside its closed set, a missing required option, then
  /// missing or extra positionals.
  init(_ argv: [String], for action: ActionSpec) throws(UsageError) {
    var words: [String] = []
    var index = 0
    var onlyPositionals = false
    while index < argv.count {
      let word = argv[index]
      index += 1
      if onlyPositionals || !Self.isOption(word) {
        words.append(word)
        continue
      }
      if word == "--" {
        onlyPositionals = true
        continue
      }
      var name = word
      var inlineValue: String?
      if let equals = word.firstIndex(of: "=") {
        name = String(word[..<equals])
        inlineValue = String(word[word.index(after: equals)...])
      }
      guard let option = action.option(named: name) else { throw Self.unknownOption(name, of: action) }
      guard option.takesValue else {
        guard inlineValue == nil else { throw UsageError("option '\(name)' takes no value") }
        flags.insert(option.name)
        continue
      }
      guard let value = inlineValue ?? (index < argv.count && !Self.isOption(argv[index]) ? argv[index] : nil) else {
        // A next word that is no option of the action is most likely a value that starts
        // with '-' (a negative number or duration): say how to write one.
        if index < argv.count, argv[index] != "--",
          action.option(named: String(argv[index].prefix { $0 != "=" })) == nil
        {
          throw UsageError(
            "option '\(name)' needs a value: \(option.synopsis); a value that starts with '-' is written "
              + "\(name)=\(argv[index].prefix(40))")
        }
        throw UsageError("option '\(name)' needs a value: \(option.synopsis)")
      }
      if inlineValue == nil { index += 1 }
      guard option.isRepeatable || optionValues[option.name] == nil else {
        throw UsageError("option '\(option.name)' is given twice; it takes one value")
      }
      optionValues[option.name, default: []].append(value)
    }
    try check(action)
    try assign(words, to: action)
  }

  /// The value of a required option, which the parser has checked is there. An action that
  /// reads an option it does not require, and was not given, is told so as a usage error.
  subscript(_ option: OptionSpec) -> String {
    get throws(UsageError) {
      guard let value = value(option) else { throw UsageError("option '\(option.name)' is required") }
      return value
    }
  }

  /// The value of an option that takes one, when given.
  func value(_ option: OptionSpec) -> String? { optionValues[option.name]?.last }

  /// Every value of a repeatable option, in order.
  func values(_ option: OptionSpec) -> [String] { optionValues[option.name] ?? [] }

  func has(_ flag: OptionSpec) -> Bool { flags.contains(flag.name) }

  /// The value of `option` (`--limit N`) as a whole number from 1 to `maximum`; `nil` when
  /// not given.
  func count(_ option: OptionSpec, maximum: Int) throws(UsageError) -> Int? {
    guard let text = value(option) else { return nil }
    guard let number = Int(text), (1...maximum).contains(number) else {
      throw UsageError("\(option.name) takes a whole number from 1 to \(maximum), not '\(text.prefix(20))'")
    }
    return number
  }

  /// The values of a repeatable `KEY=VALUE` option as a dictionary; a key given twice is a
  /// usage error, as a duplicate key in YAML is an error: which value was meant is unknown.
  func pairs(_ option: OptionSpec) throws(UsageError) -> [String: String] {
    var pairs: [String: String] = [:]
    for pair in values(option) {
      guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
        throw UsageError("\(option.name) takes KEY=VALUE, not '\(pair.prefix(40))'")
      }
      let key = String(pair[..<equals])
      guard pairs.updateValue(String(pair[pair.index(after: equals)...]), forKey: key) == nil else {
        throw UsageError("option '\(option.name)' gives '\(key.prefix(40))' twice; give each key once")
      }
    }
    return pairs
  }

  /// The value of a required positional, which the parser has checked is there; one that was
  /// not given is a usage error.
  subscript(_ positional: PositionalSpec) -> String {
    get throws(UsageError) {
      guard let value = positionalValues[positional.name]?.first else {
        throw UsageError("'\(positional.name)' is required")
      }
      return value
    }
  }

  /// The value of an optional positional, when given.
  func positional(_ positional: PositionalSpec) -> String? { positionalValues[positional.name]?.first }

  /// The values of a variadic positional, in order.
  func positionals(_ positional: PositionalSpec) -> [String] { positionalValues[positional.name] ?? [] }

  private static func isOption(_ word: String) -> Bool { word.hasPrefix("-") && word != "-" }

  private func check(_ action: ActionSpec) throws(UsageError) {
    for option in action.allOptions {
      if let choices = option.choices {
        for value in values(option) where !choices.values.contains(value) {
          throw UsageError.unknown(choices.noun, value, plural: choices.plural, among: choices.values)
        }
      }
      if option.isRequired, optionValues[option.name] == nil {
        throw UsageError("'\(action.words)' needs \(option.synopsis)")
      }
    }
  }

  private mutating func assign(_ words: [String], to action: ActionSpec) throws(UsageError) {
    var remaining = words[...]
    for positional in action.positionals {
      switch positional.kind {
      case .required:
        guard let word = remaining.popFirst() else {
          throw UsageError("'\(action.words)' needs \(positional.description) (\(positional.name))")
        }
        positionalValues[positional.name] = [word]
      case .optional:
        if let word = remaining.popFirst() { positionalValues[positional.name] = [word] }
      case .variadic:
        positionalValues[positional.name] = Array(remaining)
        remaining = []
      }
    }
    if let extra = remaining.first {
      let takes = action.positionals.isEmpty ? "none" : action.positionals.map(\.synopsis).joined(separator: " ")
      throw UsageError("unexpected argument '\(extra.prefix(40))'; '\(action.words)' takes \(takes)")
    }
  }

  /// An option the action does not take: the options it does take, or the one it takes
  /// with a similar name when `name` is no option of dcmc at all.
  private static func unknownOption(_ name: String, of action: ActionSpec) -> UsageError {
    let names = action.allOptions.map(\.name)
    let takes = names.isEmpty ? "no options" : names.joined(separator: ", ")
    if CommandTable.optionNames.contains(name) {
      return UsageError("'\(action.words)' does not take \(name); it takes \(takes)")
    }
    if let close = Suggestion.closest(to: name, in: names) {
      return UsageError("unknown option '\(name.prefix(40))'; \(Suggestion.message(noun: "option", name: close))")
    }
    return UsageError("unknown option '\(name.prefix(40))'; '\(action.words)' takes \(takes)")
  }
}
