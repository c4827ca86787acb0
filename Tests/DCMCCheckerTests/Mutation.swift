import _DCMCTestSupport

/// One random edit of a YAML text, of the kinds a hurried analyst or a bad merge makes:
/// lines lost, doubled or swapped, a stray or missing character, a value replaced by
/// something YAML reads very differently.
enum Mutation: CaseIterable {
  case deleteLine
  case duplicateLine
  case swapLines
  case insertCharacter
  case deleteCharacter
  case replaceValue

  /// Characters that mean something to YAML, plus a tab, a newline and non-ASCII text.
  static let insertable: [String] = [
    "\"", "'", ":", "-", "{", "}", "[", "]", "#", "&", "*", "!", "|", ">", "?", ",", "%", "@", "`", "\t", " ", "\n",
    "é", "✓", "<<: ",
  ]

  /// Values that YAML reads as a boolean, a null, a collection, an alias, an anchor, or a
  /// nesting that never ends.
  static let replacements: [String] = [
    "yes", "~", "[]", "{}", "*x", "&a", "[[[", "&a [*a]", "{ <<: *a }", String(repeating: "[", count: 300), "!!int x",
    "\"\\u0000\"", "- ", "|", "0755", "-1d", "P", "{{",
  ]

  /// Applies the mutation to `lines` (the text split on newlines, without them).
  func apply(to lines: inout [String], using generator: inout SeededGenerator) {
    guard !lines.isEmpty else {
      lines = [Self.replacements.randomElement(using: &generator)!]
      return
    }
    let index = Int.random(in: 0..<lines.count, using: &generator)
    switch self {
    case .deleteLine:
      lines.remove(at: index)
    case .duplicateLine:
      lines.insert(lines[index], at: index)
    case .swapLines:
      lines.swapAt(index, Int.random(in: 0..<lines.count, using: &generator))
    case .insertCharacter:
      var line = Array(lines[index].unicodeScalars.map(String.init))
      line.insert(
        Self.insertable.randomElement(using: &generator)!, at: Int.random(in: 0...line.count, using: &generator))
      lines[index] = line.joined()
    case .deleteCharacter:
      var line = Array(lines[index].unicodeScalars)
      guard !line.isEmpty else {
        lines.remove(at: index)
        return
      }
      line.remove(at: Int.random(in: 0..<line.count, using: &generator))
      lines[index] = String(String.UnicodeScalarView(line))
    case .replaceValue:
      let line = lines[index]
      let value = Self.replacements.randomElement(using: &generator)!
      if let colon = line.range(of: ": ") {
        lines[index] = line[..<colon.upperBound] + value
      } else if let dash = line.range(of: "- ") {
        lines[index] = line[..<dash.upperBound] + value
      } else {
        lines[index] = line + value
      }
    }
  }
}
