import DCMCDiagnostics
import Testing
import _DCMCTestSupport

@Suite struct SuggestionTests {
  @Test("close names are suggested, transpositions count as one edit")
  func closeNames() {
    #expect(Suggestion.closest(to: "employes", in: ["experts", "employees"]) == "employees")
    #expect(Suggestion.closest(to: "Europe/Brusels", in: ["Europe/Berlin", "Europe/Brussels"]) == "Europe/Brussels")
    #expect(Suggestion.closest(to: "gloden", in: ["gold", "golden"]) == "golden")
  }

  @Test("short words allow fewer edits, so unrelated two-letter values are not suggested")
  func shortWords() {
    #expect(Suggestion.closest(to: "de", in: ["fr", "nl"]) == nil)
    #expect(Suggestion.closest(to: "gould", in: ["gold", "silver"]) == "gold")
  }

  /// The distance with a limit stops early but answers as the whole computation would,
  /// capped at `limit + 1`, on seeded random words over a small alphabet (so that near
  /// words, transpositions and repeats are common).
  @Test func aLimitedDistanceAgreesWithTheWholeOne() {
    var generator = SeededGenerator(seed: 7)
    let alphabet = Array("abcab".unicodeScalars)
    func word() -> [Unicode.Scalar] {
      (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
    }
    for _ in 0..<3_000 {
      let (a, b) = (word(), word())
      let whole = Suggestion.editDistance(a, b)
      for limit in 0...3 {
        #expect(Suggestion.editDistance(a, b, limit: limit) == min(whole, limit + 1), "\(a) \(b) \(limit)")
      }
    }
    #expect(Suggestion.editDistance(Array("ab".unicodeScalars), Array("ba".unicodeScalars), limit: 1) == 1)
  }
}
