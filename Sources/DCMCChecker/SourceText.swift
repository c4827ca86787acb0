import DCMCDiagnostics

/// The text of the file being decoded, for the few checks that look at how a value is
/// written (the place of each `{{...}}` inside a template scalar).
///
/// Finds the text of a range without copying the file: in an ASCII file a scalar offset is
/// a UTF-8 offset, which a native string indexes in constant time; otherwise it walks the
/// scalars from the last place asked for (values are asked for in file order, so the walks
/// add up to one pass over the file).
struct SourceText {
  let text: String
  /// Whether every character is ASCII; found on first use.
  private var isASCII: Bool?
  /// The last offset walked to and its index, for files that are not ASCII.
  private var cursor: (offset: Int, index: String.Index)

  init(_ text: String) {
    self.text = text
    self.cursor = (0, text.startIndex)
  }

  /// The scalars of `range` (offsets in Unicode scalars), or `nil` when it is not in the text.
  mutating func scalars(of range: SourceRange) -> Substring.UnicodeScalarView? {
    guard range.start.offset >= 0, range.start.offset <= range.end.offset,
      let lower = index(ofScalar: range.start.offset), let upper = index(ofScalar: range.end.offset)
    else { return nil }
    return text[lower..<upper].unicodeScalars
  }

  private mutating func index(ofScalar offset: Int) -> String.Index? {
    if isASCII == nil { isASCII = Self.isASCII(text) }
    let scalars = text.unicodeScalars
    if isASCII == true {
      guard offset <= text.utf8.count else { return nil }
      return text.utf8.index(text.utf8.startIndex, offsetBy: offset)
    }
    if offset < cursor.offset { cursor = (0, text.startIndex) }
    while cursor.offset < offset {
      guard cursor.index < scalars.endIndex else { return nil }
      cursor = (cursor.offset + 1, scalars.index(after: cursor.index))
    }
    return cursor.index
  }

  /// Whether `text` is all ASCII, eight bytes at a time.
  private static func isASCII(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return true }
      let raw = UnsafeRawPointer(base)
      var index = 0
      while index + 8 <= bytes.count {
        if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
        index += 8
      }
      return bytes[index...].allSatisfy { $0 < 0x80 }
    }
  }
}
