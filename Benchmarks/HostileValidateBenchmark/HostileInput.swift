/// The hostile definitions of issue 14 item 7, each about a megabyte, generated in memory.
struct HostileInput {
  var name: String
  var text: String

  /// Keys of the form `key_000000` are ten characters, so each line below is 18 bytes.
  private static func key(_ index: Int) -> String {
    let digits = String(index)
    return "key_" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
  }

  /// A case type whose one unknown key holds a block mapping of `keys` keys, the first one
  /// repeated at once: the reader's duplicate check over every later key, and nothing else
  /// (the checker reports the unknown key once and does not look inside it).
  static func earlyDuplicateKey(keys: Int) -> HostileInput {
    var text = "kind: CaseType\nid: big\nlabels:\n  key_000000: first\n"
    for index in 0..<keys { text += "  " + key(index) + ": value\n" }
    return HostileInput(name: "1 MB mapping, early duplicate key", text: text)
  }

  /// A case type on one line of about a megabyte: a long name, then an unknown key near the
  /// end of the line, so its snippet quotes a window far into the line.
  static func longLine(bytes: Int) -> HostileInput {
    let text = "{kind: CaseType, id: big, name: " + String(repeating: "x", count: bytes) + ", bogus: 1}\n"
    return HostileInput(name: "1 MB line, error near its end", text: text)
  }

  /// A case type with `keys` unknown keys, one a line: a diagnostic for each.
  static func manyDiagnostics(keys: Int) -> HostileInput {
    var text = "kind: CaseType\nid: big\n"
    for index in 0..<keys { text += key(index) + ": value\n" }
    return HostileInput(name: "many diagnostics, one a line", text: text)
  }

  /// The same unknown keys in one flow mapping on a single line: every diagnostic quotes
  /// the same megabyte line.
  static func manyDiagnosticsOnOneLine(keys: Int) -> HostileInput {
    let entries = (0..<keys).map { key($0) + ": v" }.joined(separator: ", ")
    return HostileInput(name: "many diagnostics on one line", text: "{kind: CaseType, id: big, " + entries + "}\n")
  }

  static let all: [HostileInput] = [
    earlyDuplicateKey(keys: 56_000),
    longLine(bytes: 1_000_000),
    manyDiagnostics(keys: 56_000),
    manyDiagnosticsOnOneLine(keys: 66_000),
  ]
}
