import DCMCDiagnostics

/// The reserved words of conditions (`true` and `false` lex as literals).
enum Keyword: String {
  case and, or, not, `in`, `is`, empty
}

/// What a token is.
enum TokenKind: Equatable {
  case identifier(String)
  case keyword(Keyword)
  case literal(Value)
  case comparison(ComparisonOperator)
  case leftParen, rightParen, leftBracket, rightBracket, comma, dot
  /// `7d`, `12h`, `30m`: only an argument of `customer.recent_cases`.
  case duration(ContextDuration)
  case end
  /// Text that is no token; the parser reports `message` (and `help`) at the token's range.
  case invalid(message: String, help: String?)
}

/// One token and where it was written.
struct Token {
  var kind: TokenKind
  var range: SourceRange

  init(_ kind: TokenKind, _ range: SourceRange) {
    self.kind = kind
    self.range = range
  }
}
