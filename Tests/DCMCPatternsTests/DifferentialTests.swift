import Testing
import DCMCPatterns

/// The linear-time matcher gives the answers of the backtracking matcher it replaced (Swift
/// `Regex`, `firstMatch(in:)`) on a seeded corpus of patterns and texts on which that one
/// terminates quickly: short ASCII texts without line breaks, patterns of the documented subset
/// but `\b`, which `Regex` reads as a Unicode word boundary and ECMAScript (and dcmc) as ASCII.
struct DifferentialTests {
  /// SplitMix64: a reproducible corpus on every platform.
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

  static let atoms = [
    "a", "b", "c", ".", "[ab]", "[^a]", "[a-c]", "\\d", "\\w", "\\s", "\\D", "1", " ", "\\.", "-", "[0-9]", "\\W",
  ]

  static func pattern(_ random: inout Generator, depth: Int = 0) -> String {
    var result = ""
    for _ in 0...random.next(3) {
      var atom = Self.atoms[random.next(Self.atoms.count)]
      if depth < 2 && random.next(4) == 0 {
        atom = "(" + pattern(&random, depth: depth + 1)
        if random.next(2) == 0 { atom += "|" + pattern(&random, depth: depth + 1) }
        atom += ")"
      }
      let quantifiers = ["", "", "*", "+", "?", "{2}", "{1,3}", "{0,}", "*?", "+?"]
      result += atom + quantifiers[random.next(quantifiers.count)]
    }
    switch random.next(4) {
    case 0: return "^" + result + "$"
    case 1: return "^" + result
    case 2: return result + "$"
    default: return result
    }
  }

  static func text(_ random: inout Generator) -> String {
    let alphabet = Array("abc1 .-_x")
    return String((0..<random.next(9)).map { _ in alphabet[random.next(alphabet.count)] })
  }

  @Test func answersAsTheBacktrackingMatcherDidOnASeededCorpus() throws {
    var random = Generator(state: 14_08)
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
    ("^$", "", true), ("\\bcat\\b", "a cat!", true), ("\\bcat\\b", "concat", false), ("[^]", "", false),
    ("[]", "a", false), ("a{,2}", "a{,2}", true), ("^\\u00e9$", "é", true), ("^\\x41$", "A", true),
    ("^(?<year>[0-9]{4})-(?:0[1-9]|1[0-2])$", "2026-12", true), ("^.$", "\n", false), ("^[\\d-]+$", "1-2", true),
  ])
  func documentedSubsetMatchesAsInECMAScript(_ pattern: String, _ text: String, _ matches: Bool) throws {
    #expect(try Pattern(pattern).matches(text) == matches)
  }
}
