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
    case .field, .literal: .primary
    }
  }

  /// The text of `self` where the grammar expects at least `required`: parenthesised when
  /// `self` binds more loosely.
  private func text(within required: Level) -> String {
    let text: String
    switch kind {
    case .field(let name):
      text = name
    case .literal(let value):
      text = Self.source(of: value)
    case .comparison(let op, let lhs, let rhs, _):
      text = "\(lhs.text(within: .primary)) \(op.rawValue) \(rhs.text(within: .primary))"
    case .membership(let subject, let items, let isNegated, _):
      let list = items.map { $0.text(within: .primary) }.joined(separator: ", ")
      text = "\(subject.text(within: .primary)) \(isNegated ? "not in" : "in") [\(list)]"
    case .emptiness(let name, _, let isNegated, _):
      text = "\(name) is \(isNegated ? "not empty" : "empty")"
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
    case .string(let string):
      "\"" + string.unicodeScalars.map { $0 == "\\" || $0 == "\"" ? "\\\($0)" : "\($0)" }.joined() + "\""
    case .number(let number): decimal(number)
    case .boolean(let boolean): boolean ? "true" : "false"
    case .date(let date): source(of: date)
    case .datetime(let dateTime): source(of: dateTime)
    }
  }

  private static func source(of date: Value.LocalDate) -> String {
    "\(padded(date.year, 4))-\(padded(date.month, 2))-\(padded(date.day, 2))"
  }

  private static func source(of time: Value.DateTime) -> String {
    let clock = "\(padded(time.hour, 2)):\(padded(time.minute, 2)):\(padded(time.second, 2))"
    let minutes = abs(time.utcOffset) / 60
    let offset =
      time.utcOffset == 0
      ? "Z" : "\(time.utcOffset < 0 ? "-" : "+")\(padded(minutes / 60, 2)):\(padded(minutes % 60, 2))"
    return "\(source(of: time.date))T\(clock)\(offset)"
  }

  private static func padded(_ number: Int, _ width: Int) -> String {
    let digits = String(abs(number))
    return (number < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
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
