extension Expression: CustomStringConvertible {
  /// The canonical source form: single spaces around operators, double-quoted strings,
  /// numbers without exponents, `Z` for a zero offset, and parentheses only where the
  /// precedence (`or` < `and` < `not` < comparison, `in`, `is empty`) needs them.
  /// Parsing the description gives back the same tree, ranges aside.
  public var description: String { text(within: .disjunction) }

  /// Binding strength, loosest first.
  private enum Level: Int, Comparable {
    case disjunction, conjunction, negation, predicate, primary

    static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  private var level: Level {
    switch kind {
    case .or: .disjunction
    case .and: .conjunction
    case .not: .negation
    case .comparison, .membership, .emptiness: .predicate
    case .field, .customer, .literal: .primary
    }
  }

  /// The text of `self` where the grammar expects at least `required`: parenthesised when
  /// `self` binds more loosely.
  private func text(within required: Level) -> String {
    let text: String
    switch kind {
    case .field(let name):
      text = name
    case .customer(let operand):
      text = "customer." + operand.text
    case .literal(let value):
      text = Self.source(of: value)
    case .comparison(let op, let lhs, let rhs, _):
      text = "\(lhs.text(within: .primary)) \(op.rawValue) \(rhs.text(within: .primary))"
    case .membership(let subject, let items, let isNegated, _):
      let list = items.map { $0.text(within: .primary) }.joined(separator: ", ")
      text = "\(subject.text(within: .primary)) \(isNegated ? "not in" : "in") [\(list)]"
    case .emptiness(let subject, let isNegated, _):
      text = "\(subject.text(within: .primary)) is \(isNegated ? "not empty" : "empty")"
    case .not(let operand):
      text = "not \(operand.text(within: .negation))"
    case .and(let operands):
      text = operands.map { $0.text(within: .negation) }.joined(separator: " and ")
    case .or(let operands):
      text = operands.map { $0.text(within: .conjunction) }.joined(separator: " or ")
    }
    return level < required ? "(\(text))" : text
  }

  private static func source(of value: Value) -> String {
    switch value {
    case .string(let string): quoted(string)
    case .number(let number): decimal(number)
    case .boolean(let boolean): boolean ? "true" : "false"
    case .date(let date): date.description
    case .datetime(let dateTime): dateTime.description
    }
  }

  /// A string literal in double quotes, with `\` and `"` escaped.
  static func quoted(_ string: String) -> String {
    "\"" + string.unicodeScalars.map { $0 == "\\" || $0 == "\"" ? "\\\($0)" : "\($0)" }.joined()
      + "\""
  }

  /// A finite number as the lexer reads it: `12`, `-3`, `4.5`, `0.00001`, never `1e-05`.
  static func decimal(_ number: Double) -> String {
    // A truncating conversion and back, rather than `rounded()`, which needs libm.
    if abs(number) < 1e15, Double(Int64(number)) == number { return String(Int64(number)) }
    let shortest = String(describing: number)
    guard let exponentMark = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }),
      let exponent = Int(shortest[shortest.index(after: exponentMark)...])
    else { return shortest }
    var mantissa = shortest[..<exponentMark]
    let sign = mantissa.hasPrefix("-") ? "-" : ""
    if !sign.isEmpty { mantissa = mantissa.dropFirst() }
    let point =
      mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
    let digits = Array(mantissa.filter { $0 != "." })
    let newPoint = point + exponent
    if newPoint <= 0 {
      return sign + "0." + String(repeating: "0", count: -newPoint) + String(digits)
    }
    if newPoint >= digits.count {
      return sign + String(digits) + String(repeating: "0", count: newPoint - digits.count)
    }
    return sign + String(digits[..<newPoint]) + "." + String(digits[newPoint...])
  }
}
