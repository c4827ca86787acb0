import DCMCDiagnostics

/// The UTF-8 bytes libyaml reads (after the byte-order mark), for the few places where the
/// reader must look at the text itself: block-scalar ends, tabs in indentation, and errors
/// that libyaml reports as byte offsets.
///
/// Line breaks are libyaml's: `\n`, `\r\n`, `\r`, U+0085, U+2028 and U+2029.
struct SourceBytes {
  let bytes: [UInt8]

  /// The bytes of the first character that breaks UTF-8, or `nil`: a bad lead byte or a
  /// stray continuation byte alone; for a sequence that is cut short, overlong, a surrogate
  /// or above U+10FFFF, from its lead byte through the byte that breaks it (the character
  /// the user sees as broken starts at the lead byte).
  static func firstInvalidUTF8(in bytes: [UInt8]) -> Range<Int>? {
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0: (length, low) = (3, 0xA0)
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED: (length, high) = (3, 0x9F)
      case 0xF0: (length, low) = (4, 0x90)
      case 0xF1...0xF3: length = 4
      case 0xF4: (length, high) = (4, 0x8F)
      default: return index..<(index + 1)
      }
      for position in 1..<length {
        let next = index + position
        guard next < bytes.count else { return index..<next }
        let byte = bytes[next]
        let (min, max) = position == 1 ? (low, high) : (0x80, 0xBF)
        if byte < min || byte > max { return index..<(next + 1) }
      }
      index += length
    }
    return nil
  }

  /// The location of byte `target` (at most `bytes.count`), counting from the start.
  func location(ofByte target: Int) -> SourceLocation {
    var line = 1
    var column = 1
    var offset = 0
    var index = 0
    while index < target {
      let length = Self.scalarLength(bytes[index])
      if let breakLength = lineBreakLength(at: index) {
        if index + breakLength > target { break }
        index += breakLength
        offset += breakLength == 2 && bytes[index - 2] == 0x0D ? 2 : 1
        line += 1
        column = 1
        continue
      }
      index += length
      offset += 1
      column += 1
    }
    return SourceLocation(line: line, column: column, offset: offset)
  }

  /// The byte offset of the character at scalar `offset`, stepping from `cursor` when the
  /// target lies after it (events arrive in order, so most walks are short). ASCII text is
  /// crossed eight bytes at a time.
  func byteOffset(ofScalar offset: Int, from cursor: inout (scalar: Int, byte: Int)) -> Int {
    if offset < cursor.scalar { cursor = (0, 0) }
    bytes.withUnsafeBytes { raw in
      while cursor.scalar < offset, cursor.byte < raw.count {
        if offset - cursor.scalar >= 8, cursor.byte + 8 <= raw.count,
          raw.loadUnaligned(fromByteOffset: cursor.byte, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        {
          cursor.byte += 8
          cursor.scalar += 8
          continue
        }
        cursor.byte += Self.scalarLength(raw[cursor.byte])
        cursor.scalar += 1
      }
    }
    return cursor.byte
  }

  /// Whether byte `index` is a tab among the blanks that open its line.
  func isTabInIndentation(at index: Int) -> Bool {
    guard index < bytes.count, bytes[index] == 0x09 else { return false }
    var previous = index
    while previous > 0, bytes[previous - 1] == 0x20 || bytes[previous - 1] == 0x09 {
      previous -= 1
    }
    return previous == 0 || bytes[previous - 1] == 0x0A || bytes[previous - 1] == 0x0D
  }

  /// The end of a block scalar's text: just after its last character that is not a space or
  /// a line break. libyaml ends a block scalar at the start of the line after its trailing
  /// breaks; `end` is that mark at byte `endByte`, `startByte` is the `|` or `>` indicator.
  func blockScalarEnd(start: SourceLocation, startByte: Int, end: SourceLocation, endByte: Int) -> SourceLocation {
    var index = endByte
    var lines = 0
    while index > startByte + 1, Self.isBlank(bytes[index - 1]) {
      let byte = bytes[index - 1]
      if byte == 0x0A || (byte == 0x0D && (index >= bytes.count || bytes[index] != 0x0A)) { lines += 1 }
      index -= 1
    }
    if index <= startByte + 1 {
      index = startByte
      while index < endByte, !Self.isBlank(bytes[index]), bytes[index] != 0x23 { index += 1 }
      return SourceLocation(
        line: start.line, column: start.column + index - startByte, offset: start.offset + index - startByte)
    }
    let offset = end.offset - (endByte - index)
    if lines == 0 {
      return SourceLocation(line: end.line, column: end.column - (endByte - index), offset: offset)
    }
    return SourceLocation(line: end.line - lines, column: column(ofByte: index), offset: offset)
  }

  /// The 1-based column of byte `index`, found by walking back to the start of its line.
  private func column(ofByte index: Int) -> Int {
    var column = 1
    var cursor = index
    while cursor > 0 {
      let byte = bytes[cursor - 1]
      if byte == 0x0A || byte == 0x0D { break }
      if cursor >= 2, bytes[cursor - 2] == 0xC2, byte == 0x85 { break }
      if cursor >= 3, bytes[cursor - 3] == 0xE2, bytes[cursor - 2] == 0x80, byte == 0xA8 || byte == 0xA9 { break }
      if byte & 0xC0 != 0x80 { column += 1 }
      cursor -= 1
    }
    return column
  }

  /// The length in bytes of the line break at `index`, or `nil` when there is none.
  private func lineBreakLength(at index: Int) -> Int? {
    switch bytes[index] {
    case 0x0A: return 1
    case 0x0D: return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
    case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : nil
    case 0xE2:
      guard index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
      else { return nil }
      return 3
    default: return nil
    }
  }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  /// The length of the UTF-8 sequence a lead byte starts (1 for a stray byte).
  private static func scalarLength(_ lead: UInt8) -> Int {
    switch lead {
    case 0xF0...: 4
    case 0xE0...: 3
    case 0xC0...: 2
    default: 1
    }
  }
}
