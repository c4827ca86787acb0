import DCMCPatterns
import Testing
import _DCMCTestSupport

/// The linear-time matcher gives the answers of the backtracking matcher it replaced (Swift
/// `Regex`, `firstMatch(in:)`) on a seeded corpus of patterns and texts on which that one
/// terminates quickly: short ASCII texts without line breaks, patterns of the documented subset
/// but `\b`, which `Regex` reads as a Unicode word boundary and ECMAScript (and dcmc) as ASCII.
struct DifferentialTests {
  static let atoms = [
    "a", "b", "c", ".", "[ab]", "[^a]", "[a-c]", "\\d", "\\w", "\\s", "\\D", "1", " ", "\\.", "-",
    "[0-9]", "\\W",
  ]

  static func pattern(_ random: inout SeededGenerator, depth: Int = 0) -> String {
    var result = ""
    for _ in 0...Int.random(in: 0..<3, using: &random) {
      var atom = Self.atoms[Int.random(in: 0..<Self.atoms.count, using: &random)]
      if depth < 2 && Int.random(in: 0..<4, using: &random) == 0 {
        atom = "(" + pattern(&random, depth: depth + 1)
        if Int.random(in: 0..<2, using: &random) == 0 {
          atom += "|" + pattern(&random, depth: depth + 1)
        }
        atom += ")"
      }
      let quantifiers = ["", "", "*", "+", "?", "{2}", "{1,3}", "{0,}", "*?", "+?"]
      result += atom + quantifiers[Int.random(in: 0..<quantifiers.count, using: &random)]
    }
    switch Int.random(in: 0..<4, using: &random) {
    case 0: return "^" + result + "$"
    case 1: return "^" + result
    case 2: return result + "$"
    default: return result
    }
  }

  static func text(_ random: inout SeededGenerator) -> String {
    let alphabet = Array("abc1 .-_x")
    return String(
      (0..<Int.random(in: 0..<9, using: &random)).map { _ in
        alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
      })
  }

  @Test func answersAsTheBacktrackingMatcherDidOnASeededCorpus() throws {
    var random = SeededGenerator(seed: 14_08)
    var compared = 0
    for _ in 0..<400 {
      let source = Self.pattern(&random)
      let compiled = try Pattern(source)
      let regex = try Regex(source)
      for _ in 0..<12 {
        let text = Self.text(&random)
        let expected = try regex.firstMatch(in: text) != nil
        #expect(compiled.matches(text) == expected, "'\(source)' on '\(text)'")
        compared += 1
      }
    }
    #expect(compared == 4800)
  }

  @Test(arguments: [
    ("^M[0-9]{8}$", "M12345678", true), ("^M[0-9]{8}$", "M1234567", false), ("x", "a x b", true),
    ("^$", "", true), ("\\bcat\\b", "a cat!", true), ("\\bcat\\b", "concat", false),
    ("[^]", "", false),
    ("[]", "a", false), ("a{,2}", "a{,2}", true), ("^\\u00e9$", "é", true), ("^\\x41$", "A", true),
    ("^(?<year>[0-9]{4})-(?:0[1-9]|1[0-2])$", "2026-12", true), ("^.$", "\n", false),
    ("^[\\d-]+$", "1-2", true),
  ])
  func documentedSubsetMatchesAsInECMAScript(_ pattern: String, _ text: String, _ matches: Bool)
    throws
  {
    #expect(try Pattern(pattern).matches(text) == matches)
  }
}
