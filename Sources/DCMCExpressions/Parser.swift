import DCMCDiagnostics

/// A recursive-descent parser over `Lexer`, one token of lookahead.
///
/// ```
/// condition   = disjunction END
/// disjunction = conjunction { "or" conjunction }
/// conjunction = negation { "and" negation }
/// negation    = "not" negation | predicate
/// predicate   = primary [ compare primary | [ "not" ] "in" list | "is" [ "not" ] "empty" ]
/// primary     = customer | field | literal | "(" disjunction ")"
/// customer    = "customer" "." ( name | "recent_cases" "(" duration [ "," string ] ")" )
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
      if name == "customer", token.kind == .dot { return try parseCustomer(from: first) }
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
    case .duration:
      throw SyntaxError(
        message: "a duration is only an argument of 'customer.recent_cases'", range: first.range)
    default:
      throw SyntaxError(message: expectation, range: first.range)
    }
  }

  /// The rest of `customer.name` or `customer.recent_cases(7d, "type")`, at the dot.
  private mutating func parseCustomer(from customer: Token) throws(SyntaxError) -> Expression {
    try advance()
    guard case .identifier(let name) = token.kind else {
      throw SyntaxError(message: "expected a name after 'customer.'", range: token.range)
    }
    let nameToken = token
    try advance()
    let operand: CustomerOperand
    switch name {
    case "open_cases": operand = .openCases
    case "pending_cases": operand = .pendingCases
    case "is_new": operand = .isNew
    case "recent_cases": return try parseRecentCases(from: customer)
    default: operand = .field(name)
    }
    return Expression(.customer(operand), range: customer.range.through(nameToken.range))
  }

  /// `( duration [ "," string ] )` after `customer.recent_cases`.
  private mutating func parseRecentCases(from customer: Token) throws(SyntaxError) -> Expression {
    guard token.kind == .leftParen else {
      throw SyntaxError(
        message: "expected '(' after 'recent_cases'", range: token.range,
        help: "write customer.recent_cases(7d)")
    }
    let open = token
    try advance()
    guard case .duration(let window) = token.kind else {
      throw SyntaxError(
        message: "expected a duration in 'recent_cases'", range: token.range,
        help: "write a duration as 7d, 12h or 30m")
    }
    try advance()
    var caseType: String?
    var caseTypeRange: SourceRange?
    if token.kind == .comma {
      try advance()
      guard case .literal(.string(let text)) = token.kind else {
        throw SyntaxError(message: "expected a case type id in quotes", range: token.range)
      }
      (caseType, caseTypeRange) = (text, token.range)
      try advance()
    }
    guard token.kind == .rightParen else {
      throw SyntaxError(
        message: "expected ')' to close '('", range: token.range,
        notes: [Note("'(' opened here", at: open.range)])
    }
    let close = token
    try advance()
    return Expression(
      .customer(.recentCases(window: window, caseType: caseType, caseTypeRange: caseTypeRange)),
      range: customer.range.through(close.range))
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

  /// `is empty` or `is not empty`, after a field name or a `customer.` operand.
  private mutating func parseEmptiness(of subject: Expression) throws(SyntaxError) -> Expression {
    switch subject.kind {
    case .field, .customer: break
    default: throw SyntaxError(message: "expected a field name before 'is'", range: subject.range)
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
      .emptiness(subject, isNegated: isNegated, operatorRange: operatorRange),
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
