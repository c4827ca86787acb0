import DCMCExpressions
import Testing

/// Issue 14 item 8: the runtime checks form values with `FieldType.problem(with:pattern:)`; a
/// pattern with catastrophic backtracking used to stall `case create` for minutes on this value.
struct FieldPatternTests {
  @Test func item8CatastrophicPatternChecksAFormValueInLinearTime() throws {
    let pattern = try #require(FieldPattern("^(a+)+$"))
    let value = String(repeating: "a", count: 40) + "!"
    #expect(FieldType.string.problem(with: value, pattern: pattern) == "does not match the pattern '^(a+)+$'")
    #expect(FieldType.text.problem(with: String(repeating: "a", count: 40), pattern: pattern) == nil)
  }

  @Test func patternsThatNeedBacktrackingAreNoFieldPatterns() {
    #expect(FieldPattern("^(a)\\1$") == nil)
    #expect(FieldPattern("^(?!0)[0-9]+$") == nil)
  }
}
