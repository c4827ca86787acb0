import Testing
import _DCMCTestSupport

@testable import DCMCCLI

/// The request log escapes C0 controls and DEL, and copies text without any whole: the same
/// text as escaping scalar by scalar (the reference here), over seeded texts.
@Suite struct RequestLogTests {
  static func reference(_ text: Substring) -> String {
    text.unicodeScalars.map { scalar in
      scalar.value < 0x20 || scalar.value == 0x7F ? "\\x" + String(scalar.value, radix: 16) : String(scalar)
    }.joined()
  }

  @Test func escapingMatchesTheScalarByScalarReference() {
    let pieces = ["a", "/api/v1/cases", " ", "\n", "\r\n", "\u{0}", "\u{1B}[31m", "\u{7F}", "\u{80}", "\u{85}", "é", "😀", "\u{301}"]
    var generator = SeededGenerator(seed: 1_819)
    var texts = ["", "\u{7F}", "plain", "line\nforged"]
    for _ in 0..<3_000 {
      texts.append((0..<generator.below(6)).map { _ in pieces[generator.below(pieces.count)] }.joined())
    }
    for text in texts {
      #expect(RequestLog.escaped(text[...]) == Self.reference(text[...]), "\(Array(text.utf8))")
    }
    #expect(RequestLog.escaped("a\nb"[...]) == "a\\xab")
  }
}
