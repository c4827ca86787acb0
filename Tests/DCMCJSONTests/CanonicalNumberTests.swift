import DCMCJSON
import Testing
import _DCMCTestSupport

/// `canonicalNumber` refuses text without an ASCII digit before parsing it: what it answers is
/// what parsing every text answers (the code before the check, kept here as the reference).
@Suite struct CanonicalNumberTests {
  static func reference(_ literal: String) -> String? {
    if !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let integer = Int64(literal) {
      return String(integer)
    }
    guard let double = Double(literal), double.isFinite else { return nil }
    let mantissa = literal.prefix { $0 != "e" && $0 != "E" }
    if double == 0, mantissa.contains(where: { ("1"..."9").contains($0) }) { return nil }
    if abs(double) < 9_007_199_254_740_992, Double(Int64(double)) == double {
      return String(Int64(double))
    }
    return String(double)
  }

  /// The texts `Int64` and `Double` read without a decimal digit, or nearly: words, infinities,
  /// NaNs, signs, points, exponents, hexadecimal, blanks.
  static let edges = [
    "", " ", "jane@example.com", "no signal", "inf", "-inf", "+inf", "infinity", "Infinity", "nan", "NaN", "-nan",
    "nan(0x1)", "snan", "+", "-", ".", "e", "E", "e5", ".e1", "0x", "0x1p3", "0xa", "0Xff", "0x.8p1", "0xp1", "x1",
    "1", "-0", "+5", " 5", "5 ", "1e308", "1e309", "-1e309", ".5", "5.", "1_000", "١", "１", "0", "00", "9223372036854775808",
  ]

  @Test func whatItAnswersIsWhatParsingAnswers() {
    for text in Self.edges {
      #expect(JSONValue.canonicalNumber(text) == Self.reference(text), "\(text)")
    }
    let pieces = ["0", "7", "-", "+", ".", "e", "E", "x", "p", "a", "f", "i", "n", "N", "I", " ", "é", "_"]
    var generator = SeededGenerator(seed: 18)
    for _ in 0..<5_000 {
      let text = (0..<generator.below(7)).map { _ in pieces[generator.below(pieces.count)] }.joined()
      #expect(JSONValue.canonicalNumber(text) == Self.reference(text), "\(text)")
    }
  }

  /// A literal that is not 0 but reads as 0 (`0.1e-400`) is out of range, as one that reads as
  /// infinity is: both would change the number kept. Literals of 0 stay 0.
  @Test func aNumberTooCloseTo0IsOutOfRange() throws {
    for text in ["0.1e-400", "-1e-500", "2e-324", "0.0001e-320", "7e-777"] {
      #expect(JSONValue.canonicalNumber(text) == nil, "\(text)")
    }
    for text in ["0e-400", "-0.000e999", "0.0", "-0"] {
      #expect(JSONValue.canonicalNumber(text) == "0", "\(text)")
    }
    #expect(JSONValue.canonicalNumber("5e-324") == "5e-324")
  }

  /// The parser refuses such a number where it stands, and says which member holds it (keys
  /// and 0-based indexes, outermost first), so the API can name a form's field.
  @Test func theParserNamesTheMemberOfANumberOutOfRange() {
    for (text, path) in [
      (#"{"fields": {"Amount": 0.1e-400}}"#, ["fields", "Amount"]), (#"[1, {"a": [2, 1e400]}]"#, ["1", "a", "1"]),
      ("1e-400", []),
    ] {
      do {
        _ = try JSONValue.parse(Array(text.utf8), limits: .init(maxBytes: 100))
        Issue.record("\(text) was read")
      } catch {
        #expect(error.message == "number out of range" && error.isNumberOutOfRange, "\(text)")
        #expect(error.path == path, "\(text)")
      }
    }
  }
}
