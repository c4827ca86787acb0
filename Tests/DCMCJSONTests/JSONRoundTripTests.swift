import DCMCJSON
import Testing
import _DCMCTestSupport

/// What the writer writes, the parser reads back to the same value, in both forms.
@Suite struct JSONRoundTripTests {
  static let limits = JSONValue.Limits(maxBytes: 1 << 24)

  /// Characters that need each kind of escape, and some that need none.
  static let characters: [String] = [
    "a", "Z", " ", "\"", "\\", "/", "\u{00}", "\u{08}", "\n", "\u{1F}", "\u{7F}", "é", "😀", "\u{2028}",
  ]

  static func string(_ generator: inout SeededGenerator) -> String {
    (0..<generator.below(6)).map { _ in characters[generator.below(characters.count)] }.joined()
  }

  static func number(_ generator: inout SeededGenerator) -> JSONValue {
    switch generator.below(3) {
    case 0: return .int(Int(truncatingIfNeeded: generator.next()))
    case 1: return .int(generator.below(1000) - 500)
    default:
      let double = Double(bitPattern: generator.next())
      guard double.isFinite, let text = JSONValue.canonicalNumber(String(double)) else { return .number("0.5") }
      return .number(text)
    }
  }

  static func value(_ generator: inout SeededGenerator, depth: Int) -> JSONValue {
    switch generator.below(depth > 5 ? 5 : 7) {
    case 0: return .null
    case 1: return .bool(generator.below(2) == 0)
    case 2, 3: return number(&generator)
    case 4: return .string(string(&generator))
    case 5: return .array((0..<generator.below(5)).map { _ in value(&generator, depth: depth + 1) })
    default:
      var keys: Set<String> = []
      var entries: [(key: String, value: JSONValue)] = []
      for _ in 0..<generator.below(6) {
        let key = string(&generator)
        if keys.insert(key).inserted { entries.append((key, value(&generator, depth: depth + 1))) }
      }
      return .object(entries)
    }
  }

  @Test(arguments: 0..<8)
  func generatedValuesReadBackFromTheirCanonicalAndPrettyText(seed: UInt64) throws {
    var generator = SeededGenerator(seed: seed)
    for _ in 0..<100 {
      let value = Self.value(&generator, depth: 0)
      let compact = value.compact()
      #expect(try JSONValue.parse(compact, limits: Self.limits).compact() == compact)
      #expect(try JSONValue.parse(value.pretty(), limits: Self.limits).compact() == compact)
      #expect(try JSONValue.parse(compact, limits: Self.limits).pretty() == value.pretty())
    }
  }

  @Test func everyControlCharacterReadsBack() throws {
    let text = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
    let parsed = try JSONValue.parse(JSONValue.string(text).compact(), limits: Self.limits)
    guard case .string(let read) = parsed else {
      Issue.record("not a string")
      return
    }
    #expect(read == text)
  }
}
