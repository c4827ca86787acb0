import DCMCJSON
import Testing
import _DCMCTestSupport

/// The strict parser: one JSON value (RFC 8259), refused at the offending byte otherwise,
/// and never a crash, whatever the bytes.
@Suite struct JSONParserTests {
  static let limits = JSONValue.Limits(maxBytes: 1 << 20)

  static func parse(_ bytes: [UInt8]) throws(JSONValue.ParseError) -> JSONValue {
    try JSONValue.parse(bytes, limits: limits)
  }

  static func refusal(_ bytes: [UInt8]) -> JSONValue.ParseError? {
    do {
      _ = try parse(bytes)
      return nil
    } catch {
      return error
    }
  }

  @Test(
    "invalid JSON is refused at the offending byte",
    arguments: [
      (#"{"a":1,}"#, 7), (#"{"a":1 "b":2}"#, 7), (#"[01]"#, 2), ("[\"\u{01}\"]", 2), (#"["\x"]"#, 3),
      (#"["\ud800"]"#, 2), (#"["\udc00"]"#, 2), ("[1] x", 4), ("nulx", 3), ("[1e999]", 1), ("[1,]", 3),
      ("[,1]", 1), ("{1:2}", 1), (#"{"a"}"#, 4), (#"{"a":}"#, 5), ("[1 2]", 3), ("[.5]", 1), ("[1.]", 3),
      ("[+1]", 1), ("[1e+]", 4), ("[NaN]", 1), ("[Infinity]", 1), ("['a']", 1), ("/*c*/1", 0), ("tru ", 3),
      (#"["\u12G4"]"#, 6),
    ])
  func refusals(text: String, offset: Int) {
    let error = Self.refusal(Array(text.utf8))
    #expect(error?.offset == offset, "\(text): \(error?.message ?? "parsed")")
    #expect(error?.isTruncated == false)
  }

  @Test func truncationIsReportedAsSuch() {
    for text in [#"{"a":"#, #"{"a":[1,2"#, #"{"a":"unterminated"#, "[", "", "   ", "-", "[1e", #"["\u12"#, "tr"] {
      let error = Self.refusal(Array(text.utf8))
      #expect(error?.isTruncated == true, "'\(text)': \(error?.message ?? "parsed")")
    }
  }

  @Test(
    "invalid UTF-8 is refused",
    arguments: [
      [0xFF], [0xC3, 0x28], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
    ] as [[UInt8]])
  func invalidUTF8(sequence: [UInt8]) {
    let inString = [0x5B, 0x22] + sequence + [0x22, 0x5D]
    #expect(Self.refusal(inString)?.message == "invalid UTF-8 in a string")
    let inEscapedString = Array(#"["\n"#.utf8) + sequence + [0x22, 0x5D]
    #expect(Self.refusal(inEscapedString)?.message == "invalid UTF-8 in a string")
    #expect(Self.refusal(sequence) != nil)
  }

  @Test func duplicateKeysAreRefusedAtTheSecondOne() {
    let error = Self.refusal(Array(#"{"a":1,"a":2}"#.utf8))
    #expect(error?.message == "duplicate key 'a'")
    #expect(error?.offset == 7)
    // The same key written with an escape, and one nested.
    #expect(Self.refusal(Array(#"{"a":1,"\u0061":2}"#.utf8))?.message == "duplicate key 'a'")
    #expect(Self.refusal(Array(#"[{"x":{"k":1,"k":1}}]"#.utf8))?.message == "duplicate key 'k'")
    // Large objects are checked with a set: the duplicate of the first of forty keys.
    let members = (0..<40).map { "\"k\($0)\":\($0)" } + ["\"k0\":0"]
    let large = Array(("{" + members.joined(separator: ",") + "}").utf8)
    #expect(Self.refusal(large)?.message == "duplicate key 'k0'")
    #expect(Self.refusal(Array(("{" + members.dropLast().joined(separator: ",") + "}").utf8)) == nil)
    // Keys in ascending order (the store's) are compared with the one before; a key out of
    // order is checked against all of them: one repeated at once, and one after forty.
    #expect(Self.refusal(Array(#"{"a":1,"b":2,"b":3}"#.utf8))?.message == "duplicate key 'b'")
    let sorted = (10..<50).map { "\"k\($0)\":\($0)" }
    #expect(Self.refusal(Array(("{" + (sorted + ["\"k12\":0"]).joined(separator: ",") + "}").utf8))?.message == "duplicate key 'k12'")
    #expect(Self.refusal(Array(("{" + (sorted + ["\"k05\":0"]).joined(separator: ",") + "}").utf8)) == nil)
  }

  /// Issue 14 item 17: an emoji in a customer's name is one scalar written as a surrogate
  /// pair, and a surrogate outside a pair is refused at its own escape, quoted.
  @Test func item17ASurrogatePairIsOneScalarAndALoneSurrogateIsRefusedAtItsEscape() throws {
    let parsed = try Self.parse(Array(#"{"name":"Ann \ud83d\ude00 \uD83D\uDE00"}"#.utf8))
    #expect(String(decoding: parsed.compact(), as: UTF8.self) == #"{"name":"Ann 😀 😀"}"#)
    let refusals: [(text: String, offset: Int, escape: String)] = [
      (#"["Ann \ud83d"]"#, 6, #"\ud83d"#), (#"["\ud83d\n"]"#, 2, #"\ud83d"#), (#"["\ud83d\ud83d"]"#, 2, #"\ud83d"#),
      (#"["\ud83d\u0041"]"#, 2, #"\ud83d"#), (#"["x\ude00\ud83d"]"#, 3, #"\ude00"#),
    ]
    for (text, offset, escape) in refusals {
      let error = Self.refusal(Array(text.utf8))
      #expect(error?.message == "unpaired surrogate '\(escape)' in a string", "\(text)")
      #expect(error?.offset == offset, "\(text)")
      #expect(error?.isTruncated == false)
    }
  }

  @Test func mutatedDocumentsAreParsedOrRefusedNeverTrapped() throws {
    let document = Array(
      #"{"a":[1,-2.5e3,true,false,null],"b":{"c":"d\"\\\u00e9\ud83d\ude00","e":[]},"f":"é😀","g":{}}"#.utf8)
    _ = try Self.parse(document)
    let alphabet = Array(#"{}[],:"\ u0123456789abcdefeE+-.tnrl"#.utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xED, 0xFF]
    var generator = SeededGenerator(seed: 13)
    var refused = 0
    for _ in 0..<5_000 {
      var bytes = document
      for _ in 0...generator.below(3) {
        let index = generator.below(bytes.count)
        switch generator.below(3) {
        case 0: bytes[index] = alphabet[generator.below(alphabet.count)]
        case 1: bytes.remove(at: index)
        default: bytes.insert(alphabet[generator.below(alphabet.count)], at: index)
        }
      }
      if let error = Self.refusal(bytes) {
        refused += 1
        #expect((0...bytes.count).contains(error.offset))
      }
    }
    #expect(refused > 1_000)
  }
}
