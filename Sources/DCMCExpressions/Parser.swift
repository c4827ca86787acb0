import DCMCDiagnostics

/// A recursive-descent parser over `Lexer`, one token of lookahead.
///
/// ```
/// condition   = disjunction END
/// disjunction = conjunction { "or" conjunction }
/// conjunction = negation { "and" negation }
/// negation    = "not" negation | predicate
/// predicate   = primary [ compare primary | [ "not" ] "in" list | "is" [ "not" ] "empty" ]
/// primary     = field | literal | "(" disjunction ")"
/// ```
struct Parser {
  private var lexer: Lexer
  private var token: Token
  /// Open parentheses and `not`s around the current position.
  private var depth = 0

  init(_ text: String, origin: TextOrigin) {
    lexer = Lexer(text, origin: origin)
    token = Token(.end, lexer.range(0, 0))
  }

  mutating func parseCondition() throws(SyntaxError) -> Expression {
    try advance()
    let condition = try parseDisjunction(after: nil)
    guard token.kind == .end else {
      throw SyntaxError(message: "expected 'and', 'or' or the end of the condition", range: token.range)
    }
    return condition
  }

  /// Moves to the next token; a malformed one is reported at once.
  private mutating func advance() throws(SyntaxError) {
    token = lexer.next()
    if case .invalid(let message, let help) = token.kind {
      throw SyntaxError(message: message, range: token.range, help: help)
    }
  }

  /// `context` is the token before the condition (`and`, `(`), or `nil` at the start.
  private mutating func parseDisjunction(after context: String?) throws(SyntaxError) -> Expression {
    var operands = [try parseConjunction(after: context)]
    while token.kind == .keyword(.or) {
      try advance()
      operands.append(try parseConjunction(after: "or"))
    }
    return Self.joined(operands, Expression.Kind.or)
  }

  private mutating func parseConjunction(after context: String?) throws(SyntaxError) -> Expression {
    var operands = [try parseNegation(after: context)]
    while token.kind == .keyword(.and) {
      try advance()
      operands.append(try parseNegation(after: "and"))
    }
    return Self.joined(operands, Expression.Kind.and)
  }

  private static func joined(_ operands: [Expression], _ kind: ([Expression]) -> Expression.Kind) -> Expression {
    if operands.count == 1 { return operands[0] }
    return Expression(kind(operands), range: operands[0].range.through(operands[operands.count - 1].range))
  }

  private mutating func parseNegation(after context: String?) throws(SyntaxError) -> Expression {
    guard token.kind == .keyword(.not) else { return try parsePredicate(after: context) }
    let notToken = token
    try enterNesting(at: notToken)
    try advance()
    let operand = try parseNegation(after: "not")
    depth -= 1
    return Expression(.not(operand), range: notToken.range.through(operand.range))
  }

  private mutating func parsePredicate(after context: String?) throws(SyntaxError) -> Expression {
    let subject = try parsePrimary(
      orReport: context.map { "expected a condition after '\($0)'" } ?? "expected a condition")
    switch token.kind {
    case .comparison(let op):
      let operatorRange = token.range
      try advance()
      let other = try parsePrimary(orReport: "expected a value after '\(op.rawValue)'")
      return Expression(
        .comparison(op, subject, other, operatorRange: operatorRange), range: subject.range.through(other.range))
    case .keyword(.in):
      let operatorRange = token.range
      try advance()
      return try parseList(of: subject, isNegated: false, operatorRange: operatorRange)
    case .keyword(.not):
      let notRange = token.range
      try advance()
      guard token.kind == .keyword(.in) else {
        throw SyntaxError(message: "expected 'in' after 'not'", range: token.range)
      }
      let operatorRange = notRange.through(token.range)
      try advance()
      return try parseList(of: subject, isNegated: true, operatorRange: operatorRange)
    case .keyword(.is):
      return try parseEmptiness(of: subject)
    default:
      return subject
    }
  }

  private mutating func parsePrimary(orReport expectation: String) throws(SyntaxError) -> Expression {
    let first = token
    switch first.kind {
    case .identifier(let name):
      try advance()
      return Expression(.field(name), range: first.range)
    case .literal(let value):
      try advance()
      return Expression(.literal(value), range: first.range)
    case .leftParen:
      try enterNesting(at: first)
      try advance()
      let inner = try parseDisjunction(after: "(")
      guard token.kind == .rightParen else {
        throw SyntaxError(
          message: "expected ')' to close '('", range: token.range, notes: [Note("'(' opened here", at: first.range)])
      }
      try advance()
      depth -= 1
      return inner
    default:
      throw SyntaxError(message: expectation, range: first.range)
    }
  }

  /// `[ literal { "," literal } ]`, after `in` or `not in`.
  private mutating func parseList(of subject: Expression, isNegated: Bool, operatorRange: SourceRange)
    throws(SyntaxError) -> Expression
  {
    guard token.kind == .leftBracket else {
      throw SyntaxError(message: "expected '[' after '\(isNegated ? "not in" : "in")'", range: token.range)
    }
    let open = token
    var items: [Expression] = []
    repeat {
      try advance()
      switch token.kind {
      case .literal(let value):
        items.append(Expression(.literal(value), range: token.range))
      case .identifier(let name):
        throw SyntaxError(
          message: "expected a value in the list", range: token.range, help: "write text in quotes: \"\(name)\"")
      default:
        throw SyntaxError(message: "expected a value in the list", range: token.range)
      }
      try advance()
    } while token.kind == .comma
    guard token.kind == .rightBracket else {
      throw SyntaxError(
        message: "expected ',' or ']' in the list", range: token.range, notes: [Note("'[' opened here", at: open.range)]
      )
    }
    let close = token
    try advance()
    return Expression(
      .membership(subject, items, isNegated: isNegated, operatorRange: operatorRange),
      range: subject.range.through(close.range))
  }

  /// `is empty` or `is not empty`, after a field name.
  private mutating func parseEmptiness(of subject: Expression) throws(SyntaxError) -> Expression {
    guard case .field(let name) = subject.kind else {
      throw SyntaxError(message: "expected a field name before 'is'", range: subject.range)
    }
    let isRange = token.range
    try advance()
    let isNegated = token.kind == .keyword(.not)
    if isNegated { try advance() }
    guard token.kind == .keyword(.empty) else {
      throw SyntaxError(message: "expected 'empty' after '\(isNegated ? "is not" : "is")'", range: token.range)
    }
    let operatorRange = isRange.through(token.range)
    try advance()
    return Expression(
      .emptiness(field: name, fieldRange: subject.range, isNegated: isNegated, operatorRange: operatorRange),
      range: subject.range.through(operatorRange))
  }

  private mutating func enterNesting(at opening: Token) throws(SyntaxError) {
    depth += 1
    guard depth <= ExpressionParser.maximumDepth else {
      throw SyntaxError(
        message: "condition nests deeper than \(ExpressionParser.maximumDepth) levels", range: opening.range)
    }
  }
}
