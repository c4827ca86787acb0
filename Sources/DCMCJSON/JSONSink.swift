/// Where a value writes its JSON, one scalar, key or bracket at a time: `JSONBytes` writes the
/// canonical compact text straight into bytes (what the store writes for every state and
/// event, without building a tree first), `JSONTree` builds the `JSONValue` of the same calls
/// (for readers and the pretty form). One description of a type's members, written against a
/// `JSONSink`, gives both, so the two cannot differ.
///
/// An object's members must be written in the order of their keys' UTF-8 bytes, each key
/// once: `JSONBytes` writes them as they come (the compact form sorts keys, and nothing sorts
/// them here), and the tests compare its bytes with the tree's `compact()`, which sorts.
package protocol JSONSink {
  /// An empty sink.
  init()
  /// The key of the open object's next member, whose value comes next.
  mutating func key(_ key: String)
  mutating func null()
  mutating func bool(_ value: Bool)
  mutating func int(_ value: Int)
  mutating func string(_ text: String)
  /// A string given as its UTF-8 bytes (which must be valid UTF-8), for text made in a
  /// buffer rather than a `String`.
  mutating func string(utf8 bytes: UnsafeBufferPointer<UInt8>)
  /// A value already built as a tree.
  mutating func value(_ value: JSONValue)
  /// Opens an object. `merging` members (in key order) are written among the object's own
  /// members, each where its key falls; the object's own keys must differ from theirs.
  mutating func openObject(merging: [(key: String, value: JSONValue)])
  mutating func closeObject()
  mutating func openArray()
  mutating func closeArray()
}

extension JSONSink {
  package mutating func openObject() { openObject(merging: []) }
}

/// The compact canonical text of what is written (as `JSONValue.compact()` writes the tree
/// of the same calls), appended to `bytes`.
package struct JSONBytes: JSONSink {
  package private(set) var bytes: [UInt8] = []
  /// Whether a value was written just before, so that what comes next needs a comma.
  private var afterValue = false
  /// How many containers are open.
  private var depth = 0
  /// The members to merge into the open objects that merge some: each at the depth of its
  /// object, with the place of the next to write.
  private var merges: [(depth: Int, members: [(key: String, value: JSONValue)], next: Int)] = []
  /// The depth of the innermost object that merges members while one is still to write (-1
  /// when none is), and the first byte of that member's key: a key at another depth, or whose
  /// first byte comes before that one, has no member to write before it, and is written without
  /// comparing keys (an event's `at`, `by`, `seq` and `type` are merged among ten keys or so).
  private var mergingDepth = -1
  private var nextMergedByte: UInt8 = 0

  /// The capacity a sink starts with: a case's state or event is written without the buffer
  /// growing (from empty, doubling, it was reallocated and copied seven times a record, about
  /// fifty times a create).
  package static let initialCapacity = 1_024

  package init() { bytes.reserveCapacity(Self.initialCapacity) }

  package mutating func key(_ key: String) {
    if depth == mergingDepth, key.utf8.first.map({ $0 >= nextMergedByte }) ?? true { writeMerged(before: key) }
    separate()
    Self.appendString(key, into: &bytes)
    bytes.append(UInt8(ascii: ":"))
  }

  package mutating func null() {
    separate()
    bytes += "null".utf8
    afterValue = true
  }

  package mutating func bool(_ value: Bool) {
    separate()
    bytes += (value ? "true" : "false").utf8
    afterValue = true
  }

  package mutating func int(_ value: Int) {
    separate()
    Self.appendInteger(value, into: &bytes)
    afterValue = true
  }

  package mutating func string(_ text: String) {
    separate()
    Self.appendString(text, into: &bytes)
    afterValue = true
  }

  package mutating func string(utf8 text: UnsafeBufferPointer<UInt8>) {
    separate()
    Self.appendString(utf8: text, into: &bytes)
    afterValue = true
  }

  package mutating func value(_ value: JSONValue) {
    separate()
    value.write(into: &bytes, indent: nil)
    afterValue = true
  }

  package mutating func openObject(merging members: [(key: String, value: JSONValue)]) {
    open("{")
    if !members.isEmpty { merges.append((depth, members, 0)) }
    noteNextMerged()
  }

  package mutating func closeObject() {
    writeMerged(before: nil)
    if merges.last?.depth == depth { merges.removeLast() }
    close("}")
    noteNextMerged()
  }

  package mutating func openArray() { open("[") }

  package mutating func closeArray() { close("]") }

  private mutating func open(_ bracket: Unicode.Scalar) {
    separate()
    bytes.append(UInt8(ascii: bracket))
    depth += 1
    afterValue = false
  }

  private mutating func close(_ bracket: Unicode.Scalar) {
    bytes.append(UInt8(ascii: bracket))
    depth -= 1
    afterValue = true
  }

  private mutating func separate() {
    if afterValue { bytes.append(UInt8(ascii: ",")) }
    afterValue = false
  }

  /// Writes the merged members of the open object whose keys come before `key` (all of
  /// them for `nil`).
  private mutating func writeMerged(before key: String?) {
    guard let last = merges.indices.last, merges[last].depth == depth else { return }
    let members = merges[last].members
    var next = merges[last].next
    while next < members.count, key.map({ JSONValue.precedes(members[next].key, $0) }) ?? true {
      separate()
      Self.appendString(members[next].key, into: &bytes)
      bytes.append(UInt8(ascii: ":"))
      value(members[next].value)
      next += 1
    }
    merges[last].next = next
    noteNextMerged()
  }

  /// Sets `mergingDepth` and `nextMergedByte` from the innermost object that merges members.
  private mutating func noteNextMerged() {
    guard let last = merges.last, last.next < last.members.count else {
      mergingDepth = -1
      return
    }
    mergingDepth = last.depth
    nextMergedByte = last.members[last.next].key.utf8.first ?? 0
  }

  /// The decimal digits of `value` (what `String(value)` gives), written without a `String`.
  package static func appendInteger(_ value: Int, into output: inout [UInt8]) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
      var rest = value.magnitude
      var start = buffer.count
      repeat {
        start -= 1
        buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      } while rest > 0
      if value < 0 { output.append(UInt8(ascii: "-")) }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
    }
  }

  /// `text` quoted and escaped (the canonical form's one string routine). The bytes are read
  /// from the string's own storage.
  package static func appendString(_ text: String, into output: inout [UInt8]) {
    var text = text
    text.withUTF8 { appendString(utf8: $0, into: &output) }
  }

  /// The UTF-8 `bytes` quoted and escaped. A string without a byte to escape (most are) is
  /// appended in one step, quotes and all (`Array.append(addingCapacity:)`: one check of the
  /// array's room, where three appends checked it three times); a string with one copies the
  /// runs between escapes whole.
  package static func appendString(utf8 bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
    let count = bytes.count
    let clean = firstEscape(in: bytes)
    guard clean < count else {
      output.append(addingCapacity: count + 2) { span in
        span.withUnsafeMutableBufferPointer { buffer, initialized in
          buffer[0] = UInt8(ascii: "\"")
          if let source = bytes.baseAddress, let target = buffer.baseAddress {
            (target + 1).initialize(from: source, count: count)
          }
          buffer[count + 1] = UInt8(ascii: "\"")
          initialized = count + 2
        }
      }
      return
    }
    output.append(UInt8(ascii: "\""))
    var start = 0
    for index in clean..<count where needsEscape(bytes[index]) {
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
      appendEscape(bytes[index], into: &output)
      start = index + 1
    }
    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    output.append(UInt8(ascii: "\""))
  }

  /// The place of the first byte of `bytes` to escape (`bytes.count` when there is none), found
  /// eight bytes at a time (`needsEscape(word:)`; the last word of a string of eight bytes or
  /// more ends at its end, over bytes read before); a word holding one is read byte by byte.
  static func firstEscape(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    let count = bytes.count
    let raw = UnsafeRawPointer(base)
    var index = 0
    while count - index >= 8 {
      guard !needsEscape(word: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) else { break }
      index += 8
    }
    if index < count, count - index < 8, count >= 8,
      !needsEscape(word: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
    {
      return count
    }
    while index < count, !needsEscape(base[index]) { index += 1 }
    return index
  }

  /// Whether `byte` is written escaped: a control character, `"` or `\`.
  @inline(__always)
  static func needsEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
  }

  /// Whether any of the eight bytes of `word` is written escaped (`needsEscape`): a byte
  /// below 0x20, one equal to `"` (0x22) or to `\` (0x5C). Each test is the exact "some byte
  /// is below n" of SWAR (a byte at or above 0x80 is never flagged, a borrow only follows a
  /// byte that is below n), equality being "below 1" after XOR.
  @inline(__always)
  static func needsEscape(word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let quotes = word ^ (ones &* 0x22)
    let backslashes = word ^ (ones &* 0x5C)
    let controls = (word &- ones &* 0x20) & ~word
    let isQuote = (quotes &- ones) & ~quotes
    let isBackslash = (backslashes &- ones) & ~backslashes
    return (controls | isQuote | isBackslash) & highs != 0
  }

  private static func appendEscape(_ byte: UInt8, into output: inout [UInt8]) {
    switch byte {
    case UInt8(ascii: "\""): output += #"\""#.utf8
    case UInt8(ascii: "\\"): output += #"\\"#.utf8
    case 0x08: output += #"\b"#.utf8
    case 0x0C: output += #"\f"#.utf8
    case 0x0A: output += #"\n"#.utf8
    case 0x0D: output += #"\r"#.utf8
    case 0x09: output += #"\t"#.utf8
    default:
      let digits = Array("0123456789abcdef".utf8)
      output += #"\u00"#.utf8
      output.append(digits[Int(byte >> 4)])
      output.append(digits[Int(byte & 0x0f)])
    }
  }
}

/// The `JSONValue` of what is written, objects with their members in the order written
/// (merged members in their key's place).
package struct JSONTree: JSONSink {
  /// The value written; `null` until one is.
  package private(set) var value: JSONValue = .null

  private struct Frame {
    var items: [JSONValue] = []
    var entries: [(key: String, value: JSONValue)] = []
    var merging: ArraySlice<(key: String, value: JSONValue)> = []
    var key = ""
    let isObject: Bool
  }

  /// The open containers, innermost last.
  private var frames: [Frame] = []

  package init() {}

  package mutating func key(_ key: String) {
    guard let last = frames.indices.last else { return }
    while let member = frames[last].merging.first, JSONValue.precedes(member.key, key) {
      frames[last].entries.append(member)
      frames[last].merging.removeFirst()
    }
    frames[last].key = key
  }

  package mutating func null() { add(.null) }
  package mutating func bool(_ value: Bool) { add(.bool(value)) }
  package mutating func int(_ value: Int) { add(.int(value)) }
  package mutating func string(_ text: String) { add(.string(text)) }
  package mutating func string(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    add(.string(String(decoding: bytes, as: UTF8.self)))
  }
  package mutating func value(_ value: JSONValue) { add(value) }

  package mutating func openObject(merging members: [(key: String, value: JSONValue)]) {
    frames.append(Frame(merging: members[...], isObject: true))
  }

  package mutating func closeObject() {
    guard let frame = frames.popLast() else { return }
    add(.object(frame.entries + frame.merging))
  }

  package mutating func openArray() { frames.append(Frame(isObject: false)) }

  package mutating func closeArray() {
    guard let frame = frames.popLast() else { return }
    add(.array(frame.items))
  }

  private mutating func add(_ value: JSONValue) {
    guard let last = frames.indices.last else {
      self.value = value
      return
    }
    if frames[last].isObject {
      frames[last].entries.append((frames[last].key, value))
    } else {
      frames[last].items.append(value)
    }
  }
}

extension JSONSink {
  /// What `write` writes, written into a new sink.
  package static func written(_ write: (inout Self) -> Void) -> Self {
    var sink = Self()
    write(&sink)
    return sink
  }
}
