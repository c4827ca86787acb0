import DCMCJSON
import Testing

/// The writer against a reference written for clarity rather than speed: every key sorted by
/// its UTF-8 bytes, every string escaped byte by byte. Values are drawn from a seeded generator
/// (unsorted keys, keys that share prefixes, escapes, non-ASCII, nesting), and the pretty
/// form, stripped of the white space it adds, is the compact one.
@Suite struct JSONWriterOracleTests {
  /// A small deterministic generator (SplitMix64), so a failure names its seed.
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
  }

  static let pieces = ["a", "b", "B", "_", "aa", "ab", "é", "😀", "\u{FF61}", "\"", "\\", "\n", "\u{01}", "\u{1F}", " ", "/", "\t", "x y"]

  static func text(_ generator: inout Generator) -> String {
    (0..<generator.next(5)).map { _ in pieces[generator.next(pieces.count)] }.joined()
  }

  static func value(_ generator: inout Generator, depth: Int) -> JSONValue {
    switch generator.next(depth > 3 ? 5 : 7) {
    case 0: return .null
    case 1: return .bool(generator.next(2) == 0)
    case 2: return .int(generator.next(2_000) - 1_000)
    case 3, 4: return .string(text(&generator))
    case 5: return .array((0..<generator.next(5)).map { _ in value(&generator, depth: depth + 1) })
    default:
      var keys: [String] = []
      for _ in 0..<generator.next(7) {
        let key = text(&generator)
        if !keys.contains(key) { keys.append(key) }
      }
      return .object(keys.map { ($0, value(&generator, depth: depth + 1)) })
    }
  }

  static func reference(_ value: JSONValue) -> [UInt8] {
    switch value {
    case .null: return Array("null".utf8)
    case .bool(let flag): return Array((flag ? "true" : "false").utf8)
    case .number(let text): return Array(text.utf8)
    case .string(let text): return quoted(text)
    case .array(let items): return Array("[".utf8) + items.map(reference).joined(separator: [44]) + Array("]".utf8)
    case .object(let entries):
      let sorted = entries.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
      return Array("{".utf8) + sorted.map { quoted($0.key) + [58] + reference($0.value) }.joined(separator: [44])
        + Array("}".utf8)
    }
  }

  static func quoted(_ text: String) -> [UInt8] {
    var output: [UInt8] = [34]
    for byte in text.utf8 {
      switch byte {
      case 34: output += Array(#"\""#.utf8)
      case 92: output += Array(#"\\"#.utf8)
      case 8: output += Array(#"\b"#.utf8)
      case 12: output += Array(#"\f"#.utf8)
      case 10: output += Array(#"\n"#.utf8)
      case 13: output += Array(#"\r"#.utf8)
      case 9: output += Array(#"\t"#.utf8)
      case 0..<32:
        let hex = Array("0123456789abcdef".utf8)
        output += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
      default: output.append(byte)
      }
    }
    return output + [34]
  }

  /// The pretty form, for clarity: a container of scalars on one line when that line (with
  /// `, ` and `: `) has at most `lineWidth` bytes, else one member a line, indented by two.
  static func referencePretty(_ value: JSONValue, indent: Int = 0) -> [UInt8] {
    let sortedEntries = { (entries: [(key: String, value: JSONValue)]) in
      entries.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
    }
    let isScalar = { (value: JSONValue) -> Bool in
      switch value {
      case .array, .object: false
      default: true
      }
    }
    let members: [[UInt8]]
    let brackets: (UInt8, UInt8)
    switch value {
    case .array(let items):
      if !items.isEmpty, items.allSatisfy(isScalar) {
        let line = [91] + items.map(reference).joined(separator: [44, 32]) + [93]
        if line.count <= JSONValue.lineWidth { return line }
      }
      members = items.map { referencePretty($0, indent: indent + 1) }
      brackets = (91, 93)
    case .object(let entries):
      if !entries.isEmpty, entries.allSatisfy({ isScalar($0.value) }) {
        let line = [123] + sortedEntries(entries).map { quoted($0.key) + [58, 32] + reference($0.value) }
          .joined(separator: [44, 32]) + [125]
        if line.count <= JSONValue.lineWidth { return line }
      }
      members = sortedEntries(entries).map { quoted($0.key) + [58, 32] + referencePretty($0.value, indent: indent + 1) }
      brackets = (123, 125)
    default:
      return reference(value)
    }
    guard !members.isEmpty else { return [brackets.0, brackets.1] }
    let inner: [UInt8] = [10] + Array(repeating: 32, count: 2 * (indent + 1))
    let outer: [UInt8] = [10] + Array(repeating: 32, count: 2 * indent)
    var output: [UInt8] = [brackets.0] + inner
    output += Array(members.joined(separator: [44] + inner))
    return output + outer + [brackets.1]
  }

  /// `pretty` without the white space outside strings.
  static func stripped(_ pretty: [UInt8]) -> [UInt8] {
    var (output, inString, escaped) = ([UInt8](), false, false)
    for byte in pretty {
      if inString {
        if escaped {
          escaped = false
        } else if byte == 92 {
          escaped = true
        } else if byte == 34 {
          inString = false
        }
        output.append(byte)
      } else if byte != 32 && byte != 10 {
        if byte == 34 { inString = true }
        output.append(byte)
      }
    }
    return output
  }

  @Test(arguments: 0..<40)
  func theWriterWritesWhatTheReferenceWrites(seed: Int) throws {
    var generator = Generator(state: UInt64(seed))
    for _ in 0..<25 {
      let value = Self.value(&generator, depth: 0)
      let compact = value.compact()
      #expect(compact == Self.reference(value), "seed \(seed)")
      let pretty = value.pretty()
      #expect(pretty.last == 10)
      #expect(Self.stripped(pretty.dropLast().map { $0 }) == compact, "seed \(seed)")
      #expect(pretty == Self.referencePretty(value) + [10], "seed \(seed)")
      #expect(try JSONValue.parse(compact, limits: JSONValue.Limits(maxBytes: 1 << 20)).compact() == compact)
    }
  }

  /// Containers of scalars either side of the one-line width, wide by one member or by many.
  @Test func containersAtTheLineWidthAreWrittenAsTheReferenceDoes() {
    for length in 80...104 {
      let text = JSONValue.string(String(repeating: "a", count: length))
      let values: [JSONValue] = [
        .array([text]), .array([.int(1), text]), .array(Array(repeating: .int(7), count: length / 3)),
        .object([("k", text)]), .object([("b", .null), ("a", text)]),
        .object((0..<length / 8).map { ("k\($0)", JSONValue.int($0)) }),
        .object([("outer", .array([text, .array([text])]))]),
      ]
      for value in values {
        #expect(value.pretty() == Self.referencePretty(value) + [10], "\(length)")
      }
    }
  }

  /// Strings read eight bytes at a time: every byte value, and every pair of escaped bytes, at
  /// every place of strings of 0 to 40 bytes (words ending at the string's end overlap the
  /// word before), among clean ASCII and multi-byte characters, as the reference escapes them.
  @Test func stringsAreEscapedAsTheReferenceDoesAtEveryPlaceInAWord() {
    let fills: [[UInt8]] = [
      Array("abcdefghijklmnopqrstuvwxyz0123456789ABCD".utf8), Array(String(repeating: "é", count: 20).utf8),
    ]
    func check(_ bytes: [UInt8]) {
      let text = String(decoding: bytes, as: UTF8.self)
      var output: [UInt8] = []
      JSONBytes.appendString(text, into: &output)
      #expect(output == Self.quoted(text), "\(bytes)")
    }
    for fill in fills {
      for length in 0...40 {
        let clean = Array(fill.prefix(length))
        check(clean)
        for place in 0..<length where fill == fills[0] {
          for byte in UInt8(0)..<0x80 {
            var bytes = clean
            bytes[place] = byte
            check(bytes)
          }
          for second in place..<length {
            for (a, b) in [(UInt8(0x22), UInt8(0x5C)), (0x1F, 0x0A), (0x5C, 0x00)] {
              var bytes = clean
              bytes[place] = a
              bytes[second] = b
              check(bytes)
            }
          }
        }
      }
    }
  }

  /// Keys compared eight bytes at a time (`JSONValue.precedes`): the order of their UTF-8
  /// bytes, over seeded pairs that share prefixes of every length (small and large strings,
  /// non-ASCII, one the prefix of the other).
  @Test func keysAreOrderedByTheirBytesAsTheReferenceOrdersThem() {
    var generator = Generator(state: 27)
    let alphabet = ["a", "b", "B", "_", "é", "😀", "\u{7F}", "\u{80}", "z", "\u{FF61}"]
    for _ in 0..<20_000 {
      let prefix = String(repeating: "k", count: generator.next(24))
      let left = prefix + (0..<generator.next(12)).map { _ in alphabet[generator.next(alphabet.count)] }.joined()
      let right = prefix + (0..<generator.next(12)).map { _ in alphabet[generator.next(alphabet.count)] }.joined()
      for (a, b) in [(left, right), (right, left), (left, left), (prefix, left), (left, prefix)] {
        #expect(JSONValue.precedes(a, b) == Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)), "\(a) \(b)")
      }
    }
  }
}
