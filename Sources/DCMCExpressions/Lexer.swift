import DCMCDiagnostics

/// Splits condition text into tokens, one at a time.
///
/// Positions are offsets in Unicode scalars from the start of the text; `TextOrigin` maps
/// them to file locations. A malformed token becomes an `.invalid` token carrying its
/// message, so the parser reports the first problem in reading order.
struct Lexer {
  private let scalars: [Unicode.Scalar]
  private let origin: TextOrigin
  private let isExact: Bool
  private var position = 0

  init(_ text: String, origin: TextOrigin) {
    scalars = Array(text.unicodeScalars)
    self.origin = origin
    isExact = origin.exact && !scalars.contains { $0 == "\n" || $0 == "\r" }
  }

  /// The file range of the scalars `lower..<upper` of the text.
  func range(_ lower: Int, _ upper: Int) -> SourceRange {
    guard isExact else { return origin.fallback }
    func location(_ offset: Int) -> SourceLocation {
      SourceLocation(
        line: origin.start.line, column: origin.start.column + offset, offset: origin.start.offset + offset)
    }
    return SourceRange(file: origin.file, start: location(lower), end: location(upper))
  }

  /// The next token; `.end` (zero-width, at the end of the text) once the text is consumed.
  mutating func next() -> Token {
    while position < scalars.count, [" ", "\t", "\n", "\r"].contains(scalars[position]) { position += 1 }
    guard position < scalars.count else { return Token(.end, range(position, position)) }
    let first = scalars[position]
    if Self.isLetter(first) { return identifier() }
    if Self.isDigit(first) || (first == "-" && position + 1 < scalars.count && Self.isDigit(scalars[position + 1])) {
      return word()
    }
    if first == "\"" || first == "'" { return string(quote: first) }
    return symbol()
  }

  private mutating func identifier() -> Token {
    let start = position
    while position < scalars.count,
      Self.isLetter(scalars[position]) || Self.isDigit(scalars[position])
        || scalars[position] == "_"
    {
      position += 1
    }
    let name = text(start, position)
    let kind: TokenKind
    switch name {
    case "true": kind = .literal(.boolean(true))
    case "false": kind = .literal(.boolean(false))
    default: kind = Keyword(rawValue: name).map { .keyword($0) } ?? .identifier(name)
    }
    return Token(kind, range(start, position))
  }

  /// A number, date or datetime: the longest run of characters such literals use, then
  /// classified as a whole, so `3and` or `2026-13-01` is one bad literal.
  private mutating func word() -> Token {
    let start = position
    position += 1
    while position < scalars.count, Self.isWordCharacter(scalars[position]) { position += 1 }
    return Token(LiteralClassifier.classify(text(start, position)), range(start, position))
  }

  private mutating func string(quote: Unicode.Scalar) -> Token {
    let start = position
    var value = String.UnicodeScalarView()
    var index = start + 1
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == quote {
        position = index + 1
        return Token(.literal(.string(String(value))), range(start, position))
      }
      if scalar == "\\", index + 1 < scalars.count {
        let escaped = scalars[index + 1]
        guard escaped == "\\" || escaped == "\"" || escaped == "'" else {
          position = scalars.count
          let kind = TokenKind.invalid(
            message: "unknown escape '\\\(escaped)' in string", help: "write a backslash as '\\\\'")
          return Token(kind, range(index, index + 2))
        }
        value.append(escaped)
        index += 2
      } else {
        value.append(scalar)
        index += 1
      }
    }
    position = scalars.count
    return Token(
      .invalid(message: "unterminated string", help: "end the string with \(quote)"), range(start, start + 1))
  }

  private mutating func symbol() -> Token {
    let start = position
    let following = start + 1 < scalars.count ? scalars[start + 1] : nil
    let (kind, length): (TokenKind, Int)
    switch scalars[start] {
    case "(": (kind, length) = (.leftParen, 1)
    case ")": (kind, length) = (.rightParen, 1)
    case "[": (kind, length) = (.leftBracket, 1)
    case "]": (kind, length) = (.rightBracket, 1)
    case ",": (kind, length) = (.comma, 1)
    case ".": (kind, length) = (.dot, 1)
    case "=" where following == "=": (kind, length) = (.comparison(.equal), 2)
    case "!" where following == "=": (kind, length) = (.comparison(.notEqual), 2)
    case "<" where following == "=": (kind, length) = (.comparison(.lessOrEqual), 2)
    case ">" where following == "=": (kind, length) = (.comparison(.greaterOrEqual), 2)
    case "<": (kind, length) = (.comparison(.less), 1)
    case ">": (kind, length) = (.comparison(.greater), 1)
    case "=": (kind, length) = (.invalid(message: "unexpected '='", help: "use '==' to compare"), 1)
    case "!": (kind, length) = (.invalid(message: "unexpected '!'", help: "use 'not' to negate a condition"), 1)
    case "&":
      length = following == "&" ? 2 : 1
      kind = .invalid(message: "unexpected '\(text(start, start + length))'", help: "use 'and' to combine conditions")
    case "|":
      length = following == "|" ? 2 : 1
      kind = .invalid(message: "unexpected '\(text(start, start + length))'", help: "use 'or' to combine conditions")
    case let other:
      (kind, length) = (.invalid(message: "unexpected character \(Self.quoted(other))", help: nil), 1)
    }
    position = start + length
    return Token(kind, range(start, position))
  }

  private func text(_ lower: Int, _ upper: Int) -> String {
    String(String.UnicodeScalarView(scalars[lower..<upper]))
  }

  private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
  }

  private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

  private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
    isLetter(scalar) || isDigit(scalar) || [":", "+", "-", ".", "_"].contains(scalar)
  }

  /// A character for a message: itself in quotes when visible, else its code point (`U+00A0`).
  private static func quoted(_ scalar: Unicode.Scalar) -> String {
    if scalar.properties.isAlphabetic || (scalar.isASCII && scalar.value > 0x20 && scalar.value < 0x7F) {
      return "'\(scalar)'"
    }
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
