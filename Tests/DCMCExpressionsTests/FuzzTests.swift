import DCMCDiagnostics
import DCMCExpressions
import Testing
import _DCMCTestSupport

/// Seeded random inputs: whatever the text, parsing and checking return, and their
/// diagnostics stay inside the text.
@Suite struct FuzzTests {
  static let seeds = [
    "Customer_Segment == \"gold\" and not (Amount > 3.5 or Is_VIP)",
    "Purchase_Date not in [2026-12-25, 2027-01-01] or Opened_At >= 2026-12-25T09:00:00+01:00",
    "Customer_Phone is empty or Notes is not empty and Items != -3",
    "(Is_VIP == false) == true and Language in ['fr', 'nl']",
    "not not Customer_Name == 'it\\'s \\\\ \"q\"'",
  ]

  static let vocabulary = [
    "(", ")", "[", "]", ",", "==", "!=", "<", "<=", ">", ">=", "=", "!", "&&", "|", "and", "or", "not", "in",
    "is", "empty", "true", "false", "Amount", "Customer_Segment", "Is_VIP", "Nope", "'gold'", "\"x", "'", "\\",
    "12", "-3", "4.5", "-", "1.", "2026-12-25", "2026-02-30", "2026-12-25T09:00:00Z", "T", "Z", "+01:00", "\n",
    "é", "\u{0}", "\u{FE0F}", "1️⃣", " ", "  ",
  ]

  @Test func mutatedConditionsNeverCrash() {
    var random = SeededGenerator(seed: 0x5EED_DC5C)
    var valid = 0
    for _ in 0..<3000 {
      var scalars = Array(Self.seeds[random.below(Self.seeds.count)].unicodeScalars)
      for _ in 0...random.below(4) { mutate(&scalars, &random) }
      if exercise(String(String.UnicodeScalarView(scalars))) { valid += 1 }
    }
    // Both paths are exercised: mutants that still parse, and mutants that do not.
    #expect((100..<2900).contains(valid))
  }

  @Test func tokenSoupsNeverCrash() {
    var random = SeededGenerator(seed: 42)
    for _ in 0..<2000 {
      let count = 1 + random.below(30)
      let words = (0..<count).map { _ in Self.vocabulary[random.below(Self.vocabulary.count)] }
      _ = exercise(words.joined(separator: random.below(3) == 0 ? "" : " "))
    }
  }

  @Test(arguments: [
    String(repeating: "(", count: 10_000),
    String(repeating: "(", count: 10_000) + "Is_VIP" + String(repeating: ")", count: 10_000),
    String(repeating: "not ", count: 10_000) + "Is_VIP",
    String(repeating: "[", count: 10_000),
    String(repeating: "Amount in [", count: 10_000),
    String(repeating: "\"", count: 10_001),
    String(repeating: "-", count: 10_000) + "1",
  ])
  func deepNestingGivesADiagnosticNotAStackOverflow(text: String) {
    let (expression, diagnostics) = ExpressionParser.parse(text, origin: Place.origin)
    #expect(expression == nil)
    #expect(diagnostics.map(\.code) == [.expressionSyntax])
  }

  @Test func longFlatConditionsParseCheckAndEvaluate() throws {
    let text =
      Array(repeating: "Is_VIP", count: 10_000).joined(separator: " and ")
      + " or " + Array(repeating: "Amount > 1", count: 10_000).joined(separator: " or ")
    let expression = try #require(parsed(text))
    #expect(ExpressionChecker.check(expression, fields: Fixture.fields).isEmpty)
    #expect(ExpressionEvaluator.evaluate(expression) { $0 == "Amount" ? .number(2) : nil })
    #expect(parsed(expression.description)?.description == expression.description)
  }

  private func mutate(_ scalars: inout [Unicode.Scalar], _ random: inout SeededGenerator) {
    let position = random.below(scalars.count + 1)
    switch random.below(4) {
    case 0 where position < scalars.count:
      scalars.removeSubrange(position..<min(scalars.count, position + 1 + random.below(6)))
    case 1:
      scalars.insert(contentsOf: Self.vocabulary[random.below(Self.vocabulary.count)].unicodeScalars, at: position)
    case 2 where position < scalars.count:
      let slice = scalars[position..<min(scalars.count, position + 1 + random.below(12))]
      scalars.insert(contentsOf: slice, at: random.below(scalars.count + 1))
    default:
      if !scalars.isEmpty { scalars[random.below(scalars.count)] = Unicode.Scalar(UInt8(32 + random.below(95))) }
    }
  }

  /// Parses, checks, prints and evaluates `text`, asserting the invariants of each step;
  /// whether the text parsed.
  private func exercise(_ text: String) -> Bool {
    let length = text.unicodeScalars.count
    let (expression, syntax) = ExpressionParser.parse(text, origin: Place.origin)
    let isSingleLine = !text.unicodeScalars.contains { $0 == "\n" || $0 == "\r" }
    guard let expression else {
      #expect(syntax.map(\.code) == [.expressionSyntax], "\(text.debugDescription)")
      if isSingleLine { expectInside(syntax, length: length, text: text) }
      return false
    }
    #expect(syntax.isEmpty)
    let diagnostics = ExpressionChecker.check(expression, fields: Fixture.fields)
    if isSingleLine { expectInside(diagnostics, length: length, text: text) }
    #expect(diagnostics.allSatisfy { $0.code != .expressionSyntax })
    let canonical = expression.description
    #expect(parsed(canonical)?.description == canonical, "\(text.debugDescription) printed as \(canonical)")
    _ = ExpressionEvaluator.evaluate(expression) { EvaluatorTests.data[$0] }
    return true
  }

  private func expectInside(_ diagnostics: [Diagnostic], length: Int, text: String) {
    let first = Place.start.column
    for diagnostic in diagnostics {
      let range = diagnostic.range
      #expect(
        range.start.line == Place.start.line && range.start.column >= first
          && range.start.column <= range.end.column && range.end.column <= first + length,
        "\(text.debugDescription): \(diagnostic.message) at \(range.start.column)...\(range.end.column)")
    }
  }
}
