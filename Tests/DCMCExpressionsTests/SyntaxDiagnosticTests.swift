import DCMCDiagnostics
import DCMCExpressions
import Testing
import _DCMCTestSupport

@Suite struct SyntaxDiagnosticTests {
  @Test(arguments: [
    ("1️⃣", "expected a condition"),
    ("   1️⃣", "expected a condition"),
    ("Amount ==1️⃣", "expected a value after '=='"),
    ("Amount >= 1️⃣)", "expected a value after '>='"),
    ("Amount == 1 and 1️⃣", "expected a condition after 'and'"),
    ("Amount == 1 or 1️⃣]", "expected a condition after 'or'"),
    ("not 1️⃣", "expected a condition after 'not'"),
    ("(1️⃣)", "expected a condition after '('"),
    ("(Amount == 1 1️⃣", "expected ')' to close '('"),
    ("Amount == 1 1️⃣)", "expected 'and', 'or' or the end of the condition"),
    ("Amount == 1 1️⃣== 2", "expected 'and', 'or' or the end of the condition"),
    ("Is_VIP 1️⃣Amount", "expected 'and', 'or' or the end of the condition"),
    ("Amount 1️⃣= 1", "unexpected '='"),
    ("Amount 1️⃣! 1", "unexpected '!'"),
    ("Is_VIP 1️⃣&& Amount", "unexpected '&&'"),
    ("Is_VIP 1️⃣|| Amount", "unexpected '||'"),
    ("Amount == 1 1️⃣# note", "unexpected character '#'"),
    ("Notes == 1️⃣\"open", "unterminated string"),
    ("Notes == 'a1️⃣\\n'", "unknown escape '\\n' in string"),
    ("Amount == 1️⃣3and", "'3and' is not a valid number"),
    ("Amount == 1️⃣1.", "'1.' is not a valid number"),
    // Out of the range every number dcmc keeps: infinity, and 0 from a literal that is not 0.
    ("Amount > 1️⃣1" + String(repeating: "0", count: 400),
     "number '100000000000000000000000…' is out of range: a number other than 0 is from about 5e-324 to 1.7e308 in size"),
    ("Amount > 1️⃣0." + String(repeating: "0", count: 400) + "1",
     "number '0.0000000000000000000000…' is out of range: a number other than 0 is from about 5e-324 to 1.7e308 in size"),
    ("Purchase_Date == 1️⃣2026-02-30", "'2026-02-30' is not a valid date"),
    ("Purchase_Date == 1️⃣2026-1-5", "'2026-1-5' is not a valid date"),
    ("Opened_At == 1️⃣2026-12-25T25:00:00Z", "'2026-12-25T25:00:00Z' is not a valid datetime"),
    ("Opened_At == 1️⃣2026-12-25T09:00", "'2026-12-25T09:00' is not a valid datetime"),
    ("Segment in 1️⃣'gold'", "expected '[' after 'in'"),
    ("Segment not in 1️⃣'gold'", "expected '[' after 'not in'"),
    ("Segment not 1️⃣== 'gold'", "expected 'in' after 'not'"),
    ("Segment in [1️⃣]", "expected a value in the list"),
    ("Segment in [1️⃣gold]", "expected a value in the list"),
    ("Segment in ['gold', 1️⃣(]", "expected a value in the list"),
    ("Segment in ['gold' 1️⃣'silver']", "expected ',' or ']' in the list"),
    ("Segment in ['gold'1️⃣", "expected ',' or ']' in the list"),
    ("1️⃣'x' is empty", "expected a field name before 'is'"),
    ("Notes is 1️⃣nothing", "expected 'empty' after 'is'"),
    ("Notes is not 1️⃣", "expected 'empty' after 'is not'"),
    ("Amount == 1️⃣not Is_VIP", "expected a value after '=='"),
    ("Amount == 1 and 1️⃣Ü", "unexpected character 'Ü'"),
    ("Amount == 1 and 1️⃣\u{00A0}", "unexpected character U+00A0"),
  ])
  func syntaxErrorsPointAtTheOffendingToken(marked: String, message: String) {
    _ = expectDiagnostics(marked, [Expected(code: .expressionSyntax, message: message)])
  }

  @Test func theFirstProblemInReadingOrderIsTheOneReported() {
    _ = expectDiagnostics(
      "Amount == 1 1️⃣) and Notes == \"open",
      [Expected(code: .expressionSyntax, message: "expected 'and', 'or' or the end of the condition")])
  }

  @Test func anUnclosedParenthesisNotesWhereItOpened() throws {
    let marked = MarkedText("2️⃣(Amount == 1 or (Is_VIP)1️⃣")
    let diagnostics = diagnose(marked.text)
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic.range.start == Place.location(marked[1].offset))
    #expect(diagnostic.notes.map(\.message) == ["'(' opened here"])
    #expect(diagnostic.notes.first?.range?.start == Place.location(marked[2].offset))
  }

  @Test(arguments: [
    ("Amount = 1", "use '==' to compare"),
    ("Segment in [gold]", "write text in quotes: \"gold\""),
    ("Is_VIP && Amount", "use 'and' to combine conditions"),
    ("Purchase_Date == 2026-02-30", "write a date as 2026-12-25"),
  ])
  func commonMistakesComeWithHelp(text: String, help: String) {
    #expect(diagnose(text).map(\.help) == [help])
  }

  @Test func longLiteralsAreCutInMessages() {
    let diagnostics = diagnose("Amount == 12345678901234567890123456789x")
    #expect(diagnostics.map(\.message) == ["'123456789012345678901234…' is not a valid number"])
  }

  @Test func nestingIsBoundedAtTheMaximumDepth() {
    let limit = ExpressionParser.maximumDepth
    let deepest = String(repeating: "(", count: limit) + "Is_VIP" + String(repeating: ")", count: limit)
    #expect(diagnose(deepest).isEmpty)
    let marked = String(repeating: "(", count: limit) + "1️⃣(Is_VIP" + String(repeating: ")", count: limit + 1)
    _ = expectDiagnostics(
      marked, [Expected(code: .expressionSyntax, message: "condition nests deeper than \(limit) levels")])
    let negations = String(repeating: "not ", count: limit) + "1️⃣not Is_VIP"
    _ = expectDiagnostics(
      negations, [Expected(code: .expressionSyntax, message: "condition nests deeper than \(limit) levels")])
  }
}
