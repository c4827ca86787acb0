/// A small argv parser: options `--name value`, `--name=value`, flags, and positionals.
/// `--` ends options.
struct Arguments {
  var positionals: [String] = []
  var options: [String: [String]] = [:]
  var flags: Set<String> = []

  /// Parses `argv` (without the command words) knowing which options take a value and
  /// which are flags; anything else starting with `-` is a usage error. `-` alone is a
  /// positional (standard input).
  init(_ argv: [String], valued: Set<String>, flags allowedFlags: Set<String>) throws(UsageError) {
    var index = 0
    var onlyPositionals = false
    while index < argv.count {
      let word = argv[index]
      index += 1
      if onlyPositionals || word == "-" || !word.hasPrefix("-") {
        positionals.append(word)
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
      if valued.contains(name) {
        guard let value = inlineValue ?? (index < argv.count ? argv[index] : nil) else {
          throw UsageError("option '\(name)' needs a value")
        }
        if inlineValue == nil { index += 1 }
        options[name, default: []].append(value)
      } else if allowedFlags.contains(name), inlineValue == nil {
        flags.insert(name)
      } else {
        throw UsageError("unknown option '\(word)'")
      }
    }
  }

  /// The last value given for an option.
  func value(_ name: String) -> String? { options[name]?.last }
}

/// A mistake in how dcmc was called: exit 2, with the reason on one line.
struct UsageError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}
