extension JSONValue {
  /// Why a text is not one JSON value (RFC 8259, strict: no trailing commas, no comments,
  /// no duplicate keys, valid UTF-8).
  package struct ParseError: Error, Sendable, Equatable {
    package var message: String
    /// 0-based byte offset of the problem.
    package var offset: Int
    /// The text ended before the value did.
    package var isTruncated: Bool
    /// A number literal out of range (`canonicalNumber`): well-formed, but no number kept.
    package var isNumberOutOfRange = false
    /// The members the problem is inside: keys and 0-based indexes, outermost first (empty
    /// for a problem outside every member, as in a top-level value).
    package var path: [String] = []
  }

  /// Parses exactly one JSON value, with optional whitespace around it; input larger or
  /// nested deeper than `limits` allow is refused with a message that names the limit.
  package static func parse(_ bytes: [UInt8], limits: Limits) throws(ParseError) -> JSONValue {
    guard bytes.count <= limits.maxBytes else {
      throw ParseError(
        message: "the input of \(bytes.count) bytes is larger than the limit of \(limits.maxBytes) bytes",
        offset: limits.maxBytes, isTruncated: false)
    }
    return try bytes.withUnsafeBufferPointer { buffer throws(ParseError) in
      var parser = Parser(bytes: buffer, maxDepth: limits.maxDepth)
      let value = try parser.value(depth: 0)
      parser.skipWhitespace()
      guard parser.index == buffer.count else {
        throw parser.error("unexpected text after the JSON value")
      }
      return value
    }
  }

  private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
      self.bytes = bytes
      self.maxDepth = maxDepth
    }

    func error(_ message: String) -> ParseError {
      ParseError(message: message, offset: index, isTruncated: index >= bytes.count)
    }

    mutating func skipWhitespace() {
      while index < bytes.count {
        switch bytes[index] {
        case 0x20, 0x09, 0x0A, 0x0D: index += 1
        default: return
        }
      }
    }

    /// The value at `index`, inside `depth` arrays and objects.
    mutating func value(depth: Int) throws(ParseError) -> JSONValue {
      skipWhitespace()
      guard index < bytes.count else { throw error("expected a value") }
      switch bytes[index] {
      case UInt8(ascii: "{"): return try object(depth: depth)
      case UInt8(ascii: "["): return try array(depth: depth)
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "t"): return try keyword("true", .bool(true))
      case UInt8(ascii: "f"): return try keyword("false", .bool(false))
      case UInt8(ascii: "n"): return try keyword("null", .null)
      default: return try number()
      }
    }

    mutating func keyword(_ word: String, _ value: JSONValue) throws(ParseError)
      -> JSONValue
    {
      for byte in word.utf8 {
        guard index < bytes.count else { throw error("expected '\(word)'") }
        guard bytes[index] == byte else { throw error("unexpected character") }
        index += 1
      }
      return value
    }

    /// Refuses a container at `index` that would be nested deeper than `maxDepth`, before
    /// anything inside it is read (so the recursion stops there).
    func enter(depth: Int) throws(ParseError) {
      guard depth < maxDepth else { throw error("nesting is deeper than the limit of \(maxDepth) levels") }
    }

    mutating func object(depth: Int) throws(ParseError) -> JSONValue {
      try enter(depth: depth)
      index += 1
      var entries: [(key: String, value: JSONValue)] = []
      // Keys in ascending order, as the store writes them, cannot repeat: each is compared with
      // the one before. Out of order, small objects are checked for duplicates by a scan, large
      // ones by a set.
      var ascending = true
      var keys: Set<String> = []
      skipWhitespace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(entries)
      }
      while true {
        skipWhitespace()
        guard index < bytes.count else { throw error("expected a key") }
        guard bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
        let keyStart = index
        let key = try string()
        let isDuplicate: Bool
        if ascending, entries.last.map({ $0.key < key }) ?? true {
          isDuplicate = false
        } else {
          // The set holds every key before this one from the 16th on.
          if entries.count >= 16, ascending || entries.count == 16 { keys = Set(entries.map(\.key)) }
          ascending = false
          isDuplicate = entries.count < 16 ? entries.contains { $0.key == key } : !keys.insert(key).inserted
        }
        guard !isDuplicate else {
          index = keyStart
          throw error("duplicate key '\(key.prefix(40))'")
        }
        skipWhitespace()
        try expect(":")
        entries.append((key, try member(key: key, depth: depth + 1)))
        if try isClosed(by: "}") { return .object(entries) }
      }
    }

    mutating func array(depth: Int) throws(ParseError) -> JSONValue {
      try enter(depth: depth)
      index += 1
      var items: [JSONValue] = []
      skipWhitespace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      }
      while true {
        items.append(try member(position: items.count, depth: depth + 1))
        if try isClosed(by: "]") { return .array(items) }
      }
    }

    /// The value of the member with `key` of an object, or at `position` of an array: a problem
    /// inside it names the member (the index is written only then).
    @inline(__always)
    mutating func member(key: String? = nil, position: Int = 0, depth: Int) throws(ParseError) -> JSONValue {
      do {
        return try value(depth: depth)
      } catch {
        var located = error
        located.path.insert(key ?? String(position), at: 0)
        throw located
      }
    }

    /// After a member: `true` past the `close` that ends its container, `false` past a `,`.
    mutating func isClosed(by close: Unicode.Scalar) throws(ParseError) -> Bool {
      skipWhitespace()
      guard index < bytes.count else { throw error("expected ',' or '\(close)'") }
      if bytes[index] == UInt8(ascii: close) {
        index += 1
        return true
      }
      try expect(",")
      return false
    }

    mutating func expect(_ character: Unicode.Scalar) throws(ParseError) {
      guard index < bytes.count else { throw error("expected '\(character)'") }
      guard bytes[index] == UInt8(ascii: character) else { throw error("expected '\(character)'") }
      index += 1
    }

    mutating func string() throws(ParseError) -> String {
      index += 1
      // Most strings have no escape: make them straight from the input.
      var scan = index
      while scan < bytes.count, bytes[scan] != UInt8(ascii: "\""), bytes[scan] != UInt8(ascii: "\\"),
        bytes[scan] >= 0x20
      {
        scan += 1
      }
      if scan < bytes.count, bytes[scan] == UInt8(ascii: "\"") {
        guard let text = Self.text(UnsafeBufferPointer(rebasing: bytes[index..<scan])) else {
          throw error("invalid UTF-8 in a string")
        }
        index = scan + 1
        return text
      }
      var output: [UInt8] = []
      var start = index
      while true {
        guard index < bytes.count else { throw error("unterminated string") }
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          output += bytes[start..<index]
          index += 1
          break
        }
        if byte < 0x20 { throw error("control character in a string") }
        if byte == UInt8(ascii: "\\") {
          output += bytes[start..<index]
          try escape(into: &output)
          start = index
          continue
        }
        index += 1
      }
      guard let text = output.withUnsafeBufferPointer(Self.text) else {
        throw error("invalid UTF-8 in a string")
      }
      return text
    }

    /// The string `utf8` encodes; `nil` when it is not valid UTF-8. `String(decoding:)` is the
    /// standard library's fast path (`String(validating:)` is generic, and was an eighth of
    /// reading a state cache); it repairs what is invalid, so a text whose bytes differ from
    /// `utf8` was not valid. ASCII, most strings here, is always valid.
    static func text(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
      let text = String(decoding: utf8, as: UTF8.self)
      if utf8.allSatisfy({ $0 < 0x80 }) { return text }
      return text.utf8.elementsEqual(utf8) ? text : nil
    }

    /// One escape, from its `\`. A `\u` escape of a high surrogate must be followed by one of
    /// a low surrogate, and the pair is one scalar (U+1F600 is written `\ud83d\ude00`); a
    /// surrogate that is not part of such a pair is refused at its own escape, which the
    /// message quotes.
    mutating func escape(into output: inout [UInt8]) throws(ParseError) {
      let start = index
      index += 1
      guard index < bytes.count else { throw error("unterminated string") }
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
      case UInt8(ascii: "b"): output.append(0x08)
      case UInt8(ascii: "f"): output.append(0x0C)
      case UInt8(ascii: "n"): output.append(0x0A)
      case UInt8(ascii: "r"): output.append(0x0D)
      case UInt8(ascii: "t"): output.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
          guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
          else { throw unpairedSurrogate(at: start) }
          index += 2
          let low = try hex4()
          guard (0xDC00..<0xE000).contains(low) else { throw unpairedSurrogate(at: start) }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let value = Unicode.Scalar(scalar) else { throw unpairedSurrogate(at: start) }
        output += String(Character(value)).utf8
      default:
        index -= 1
        throw error("unknown escape in a string")
      }
    }

    /// The refusal of the surrogate escape (`\u` and four hex digits) at byte `start`, quoting it.
    func unpairedSurrogate(at start: Int) -> ParseError {
      let written = String(decoding: bytes[start..<(start + 6)], as: UTF8.self)
      return ParseError(message: "unpaired surrogate '\(written)' in a string", offset: start, isTruncated: false)
    }

    mutating func hex4() throws(ParseError) -> UInt32 {
      var value: UInt32 = 0
      for _ in 0..<4 {
        guard index < bytes.count else { throw error("unterminated string") }
        let byte = bytes[index]
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
        default: throw error("expected four hex digits after '\\u'")
        }
        value = value << 4 | UInt32(digit)
        index += 1
      }
      return value
    }

    mutating func number() throws(ParseError) -> JSONValue {
      let start = index
      func isDigit(_ offset: Int) -> Bool {
        offset < bytes.count && bytes[offset] >= UInt8(ascii: "0")
          && bytes[offset] <= UInt8(ascii: "9")
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
      guard isDigit(index) else {
        throw error(index >= bytes.count ? "expected a value" : "unexpected character")
      }
      if bytes[index] == UInt8(ascii: "0") {
        index += 1
      } else {
        while isDigit(index) { index += 1 }
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        index += 1
        guard isDigit(index) else { throw error("expected a digit after '.'") }
        while isDigit(index) { index += 1 }
      }
      if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
        index += 1
        if index < bytes.count,
          bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
        {
          index += 1
        }
        guard isDigit(index) else { throw error("expected a digit in the exponent") }
        while isDigit(index) { index += 1 }
      }
      let literal = String(decoding: bytes[start..<index], as: UTF8.self)
      guard let canonical = JSONValue.canonicalNumber(literal) else {
        index = start
        var outOfRange = error("number out of range")
        outOfRange.isNumberOutOfRange = true
        throw outOfRange
      }
      return .number(canonical)
    }
  }
}
