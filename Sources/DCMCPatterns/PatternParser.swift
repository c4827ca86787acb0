/// A recursive-descent parser for the ECMAScript subset of field patterns (docs/language.md):
/// literals, `.`, classes, the escapes `\d \D \w \W \s \S \b \B \n \r \t \f \v \0 \xHH \uHHHH`
/// and escaped punctuation, the anchors `^` and `$`, the quantifiers `* + ? {m} {m,} {m,n}`
/// (each optionally lazy), groups `( )`, `(?: )`, `(?<name> )` and alternation. It refuses
/// backreferences and lookaround, which only a backtracking matcher runs.
struct PatternParser {
  private let scalars: [UInt32]
  private var index = 0
  private var depth = 0

  /// Groups nest at most this deep, so no pattern can exhaust the stack.
  static let maximumDepth = 64

  init(_ text: String) { scalars = text.unicodeScalars.map(\.value) }

  mutating func parse() throws(PatternError) -> PatternNode {
    let node = try alternation()
    if index < scalars.count { throw .invalid("unmatched ')' at scalar \(index + 1)") }
    return node
  }

  private var current: UInt32? { index < scalars.count ? scalars[index] : nil }

  private func isCurrent(_ character: Character) -> Bool { current == character.unicodeScalars.first!.value }

  private mutating func alternation() throws(PatternError) -> PatternNode {
    var branches = [try concatenation()]
    while isCurrent("|") {
      index += 1
      branches.append(try concatenation())
    }
    return branches.count == 1 ? branches[0] : .alternation(branches)
  }

  private mutating func concatenation() throws(PatternError) -> PatternNode {
    var items: [PatternNode] = []
    while current != nil, !isCurrent("|"), !isCurrent(")") {
      items.append(try quantified())
    }
    return items.isEmpty ? .empty : items.count == 1 ? items[0] : .concatenation(items)
  }

  private mutating func quantified() throws(PatternError) -> PatternNode {
    let start = index
    if quantifier() != nil { throw .invalid("nothing to repeat at scalar \(start + 1)") }
    let atom = try atom()
    guard let (minimum, maximum) = quantifier() else { return atom }
    if case .assertion = atom { throw .invalid("an anchor cannot be repeated at scalar \(start + 1)") }
    if isCurrent("?") { index += 1 }
    if quantifier() != nil { throw .invalid("nothing to repeat at scalar \(index + 1)") }
    for count in [minimum, maximum ?? 0] where count > Pattern.maximumCount {
      throw .tooLarge("repetition count \(count) is over \(Pattern.maximumCount)")
    }
    if let maximum, maximum < minimum { throw .invalid("repetition range {\(minimum),\(maximum)} is out of order") }
    return .repetition(atom, minimum: minimum, maximum: maximum)
  }

  /// Reads `* + ? {m} {m,} {m,n}` at the current position; a `{` that starts none of them
  /// is a literal, as in ECMAScript's web grammar.
  private mutating func quantifier() -> (Int, Int?)? {
    if isCurrent("*") {
      index += 1
      return (0, nil)
    }
    if isCurrent("+") {
      index += 1
      return (1, nil)
    }
    if isCurrent("?") {
      index += 1
      return (0, 1)
    }
    guard isCurrent("{") else { return nil }
    let start = index
    index += 1
    guard let minimum = number() else {
      index = start
      return nil
    }
    var maximum: Int? = minimum
    if isCurrent(",") {
      index += 1
      maximum = number()
    }
    guard isCurrent("}") else {
      index = start
      return nil
    }
    index += 1
    return (minimum, maximum)
  }

  /// Decimal digits, saturating at one more than the count limit so huge counts cannot overflow.
  private mutating func number() -> Int? {
    var value: Int?
    while let scalar = current, (0x30...0x39).contains(scalar) {
      value = min((value ?? 0) * 10 + Int(scalar - 0x30), Pattern.maximumCount + 1)
      index += 1
    }
    return value
  }

  private mutating func atom() throws(PatternError) -> PatternNode {
    guard let scalar = current else { throw .invalid("pattern ends early") }
    index += 1
    switch PatternClassParser.character(scalar) {
    case "(": return try group()
    case "[": return .scalar(try PatternClassParser.parse(scalars, at: &index))
    case ".": return .scalar(.notLineTerminator)
    case "^": return .assertion(.start)
    case "$": return .assertion(.end)
    case "\\": return try escape()
    default: return .scalar(ScalarSet(scalar: scalar))
    }
  }

  private mutating func group() throws(PatternError) -> PatternNode {
    let start = index
    if isCurrent("?") {
      index += 1
      let rest = String(String.UnicodeScalarView(scalars[index...].prefix(2).compactMap(Unicode.Scalar.init)))
      if rest.hasPrefix("=") || rest.hasPrefix("!") || rest == "<=" || rest == "<!" {
        throw .needsBacktracking("lookaround '(?\(rest.hasPrefix("<") ? rest : String(rest.prefix(1)))'")
      } else if isCurrent(":") {
        index += 1
      } else if isCurrent("<") {
        index += 1
        while let scalar = current, scalar != 0x3E, ScalarSet.word.contains(scalar) { index += 1 }
        guard isCurrent(">") else { throw .invalid("group name at scalar \(start + 1) is not closed by '>'") }
        index += 1
      } else {
        throw .invalid("unsupported group '(?' at scalar \(start)")
      }
    }
    depth += 1
    if depth > Self.maximumDepth { throw .tooLarge("groups nest deeper than \(Self.maximumDepth)") }
    let inner = try alternation()
    depth -= 1
    guard isCurrent(")") else { throw .invalid("group at scalar \(start) is not closed") }
    index += 1
    return inner
  }

  private mutating func escape() throws(PatternError) -> PatternNode {
    guard let scalar = current else { throw .invalid("pattern ends with '\\'") }
    switch PatternClassParser.character(scalar) {
    case "b":
      index += 1
      return .assertion(.wordBoundary)
    case "B":
      index += 1
      return .assertion(.notWordBoundary)
    case "1"..."9": throw .needsBacktracking("backreference '\\\(PatternClassParser.character(scalar))'")
    case "k": throw .needsBacktracking("backreference '\\k'")
    default: return .scalar(try PatternClassParser.escape(scalars, at: &index, inClass: false))
    }
  }
}
