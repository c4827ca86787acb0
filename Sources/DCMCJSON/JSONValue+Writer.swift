/// The canonical text of a `JSONValue`, on which a bundle's hash is computed, and its
/// pretty form: the one JSON writer of dcmc.
///
/// The canonical form: no whitespace; object keys sorted by their UTF-8 bytes; strings
/// escaped with `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t` and `\u00xx` (lowercase hex) for other
/// control characters, everything else as UTF-8; numbers as `JSONValue.number` holds them.
/// The pretty form adds line breaks, two-space indentation and a space after `:`, except
/// that an array or object holding only scalars whose one-line form (with `, ` and `: `) fits
/// in `lineWidth` bytes stays on one line.
extension JSONValue {
  /// The canonical text, without a final line break.
  package func compact() -> [UInt8] {
    var output: [UInt8] = []
    write(into: &output, indent: nil)
    return output
  }

  /// The canonical text with line breaks and two-space indentation, and a final line break.
  package func pretty() -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(JSONBytes.initialCapacity)
    write(into: &output, indent: 0)
    output.append(UInt8(ascii: "\n"))
    return output
  }

  /// `pretty()` as a `String`, for output put together as text (it ends with a line break).
  package func prettyText() -> String { String(decoding: pretty(), as: UTF8.self) }

  /// Entries sorted by the UTF-8 bytes of their keys (a no-op when they already are).
  static func sortedByKey(_ entries: [(key: String, value: JSONValue)]) -> [(key: String, value: JSONValue)] {
    guard let order = keyOrder(entries) else { return entries }
    return order.map { entries[$0] }
  }

  /// The places of `entries` in the order of their keys' UTF-8 bytes; `nil` when they are in
  /// it already (what the members the store writes are given in). The places are sorted, not
  /// the entries: moving the entries' (key, value) pairs about cost more than comparing keys.
  static func keyOrder(_ entries: [(key: String, value: JSONValue)]) -> [Int]? {
    var isSorted = true
    for index in entries.indices.dropFirst() where !precedes(entries[index - 1].key, entries[index].key) {
      isSorted = false
      break
    }
    guard !isSorted else { return nil }
    return entries.indices.sorted { precedes(entries[$0].key, entries[$1].key) }
  }

  /// Byte order of UTF-8, which for ASCII is what `<` gives, faster: the bytes read from the
  /// strings' storage, compared eight at a time.
  package static func precedes(_ lhs: String, _ rhs: String) -> Bool {
    if let order = lhs.utf8.withContiguousStorageIfAvailable({ a in
      rhs.utf8.withContiguousStorageIfAvailable { b in precedes(a, b) }
    }), let order {
      return order
    }
    var left = lhs
    var right = rhs
    return left.withUTF8 { a in right.withUTF8 { b in precedes(a, b) } }
  }

  /// Whether the bytes `a` come before `b` (`lexicographicallyPrecedes`): eight bytes at a time
  /// read as big-endian integers, whose order is the bytes' order, then byte by byte.
  static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let common = min(a.count, b.count)
    var index = 0
    if let left = a.baseAddress, let right = b.baseAddress {
      while common - index >= 8 {
        let x = UnsafeRawPointer(left).loadUnaligned(fromByteOffset: index, as: UInt64.self).bigEndian
        let y = UnsafeRawPointer(right).loadUnaligned(fromByteOffset: index, as: UInt64.self).bigEndian
        if x != y { return x < y }
        index += 8
      }
    }
    while index < common {
      if a[index] != b[index] { return a[index] < b[index] }
      index += 1
    }
    return a.count < b.count
  }

  /// The widest one-line container of the pretty form, in bytes.
  package static let lineWidth = 100

  private var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }

  /// Writes the one-line pretty form of a container of scalars (`[1, 2]`, `{"a": 1}`) and
  /// returns whether it fits in `lineWidth`; when it does not, `output` is left as it was (the
  /// writing stops at the first member past the width).
  private func writeShortLine(into output: inout [UInt8]) -> Bool {
    let mark = output.count
    switch self {
    case .array(let items):
      guard !items.isEmpty, items.allSatisfy(\.isScalar) else { return false }
      output.append(UInt8(ascii: "["))
      for index in items.indices where output.count - mark <= Self.lineWidth {
        if index > 0 { Self.appendSeparator(UInt8(ascii: ","), into: &output) }
        items[index].write(into: &output, indent: nil)
      }
      output.append(UInt8(ascii: "]"))
    case .object(let entries):
      guard !entries.isEmpty, entries.allSatisfy(\.value.isScalar) else { return false }
      output.append(UInt8(ascii: "{"))
      let order = Self.keyOrder(entries)
      for index in entries.indices where output.count - mark <= Self.lineWidth {
        if index > 0 { Self.appendSeparator(UInt8(ascii: ","), into: &output) }
        let entry = entries[order?[index] ?? index]
        JSONBytes.appendString(entry.key, into: &output)
        Self.appendSeparator(UInt8(ascii: ":"), into: &output)
        entry.value.write(into: &output, indent: nil)
      }
      output.append(UInt8(ascii: "}"))
    default:
      return false
    }
    if output.count - mark <= Self.lineWidth { return true }
    output.removeSubrange(mark...)
    return false
  }

  /// `, ` or `: `, appended byte by byte (appending a literal's `utf8` is a generic copy).
  private static func appendSeparator(_ byte: UInt8, into output: inout [UInt8]) {
    output.append(byte)
    output.append(UInt8(ascii: " "))
  }

  /// The text of the value: compact for a `nil` indent, else pretty at that depth (a container
  /// on one line when it can be).
  func write(into output: inout [UInt8], indent: Int?) {
    if indent != nil, !isScalar, writeShortLine(into: &output) { return }
    switch self {
    case .null: output += "null".utf8
    case .bool(let value): output += (value ? "true" : "false").utf8
    case .number(let text): output += text.utf8
    case .string(let text): JSONBytes.appendString(text, into: &output)
    case .array(let items):
      writeContainer(
        open: "[", close: "]", count: items.count, into: &output, indent: indent
      ) { index, output, inner in
        items[index].write(into: &output, indent: inner)
      }
    case .object(let entries):
      let order = Self.keyOrder(entries)
      writeContainer(
        open: "{", close: "}", count: entries.count, into: &output, indent: indent
      ) { index, output, inner in
        let entry = entries[order?[index] ?? index]
        JSONBytes.appendString(entry.key, into: &output)
        output.append(UInt8(ascii: ":"))
        if inner != nil { output.append(UInt8(ascii: " ")) }
        entry.value.write(into: &output, indent: inner)
      }
    }
  }

  private func writeContainer(
    open: Unicode.Scalar, close: Unicode.Scalar, count: Int, into output: inout [UInt8],
    indent: Int?,
    element: (Int, inout [UInt8], Int?) -> Void
  ) {
    output.append(UInt8(ascii: open))
    guard count > 0 else {
      output.append(UInt8(ascii: close))
      return
    }
    let inner = indent.map { $0 + 1 }
    for index in 0..<count {
      if index > 0 { output.append(UInt8(ascii: ",")) }
      if let inner { Self.newline(into: &output, indent: inner) }
      element(index, &output, inner)
    }
    if let indent { Self.newline(into: &output, indent: indent) }
    output.append(UInt8(ascii: close))
  }

  private static func newline(into output: inout [UInt8], indent: Int) {
    output.append(UInt8(ascii: "\n"))
    for _ in 0..<indent * 2 { output.append(UInt8(ascii: " ")) }
  }
}
