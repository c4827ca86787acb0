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

  /// docs/language.md: `string` is one line of text, `text` takes line breaks. A name with a
  /// line break made the one-line listings of `case list` and `customer find` two lines.
  @Test(arguments: ["Jane\nDoe", "Jane\r\nDoe", "Jane\rDoe", "Jane\u{2028}Doe", "Jane\u{85}Doe", "Jane\n"])
  func aLineBreakIsNoStringButIsText(value: String) {
    #expect(FieldType.string.problem(with: value, pattern: nil) == "is not one line of text")
    #expect(FieldType.text.problem(with: value, pattern: nil) == nil)
    #expect(FieldType.string.problem(with: "Jane Doe\t(J.)", pattern: nil) == nil)
  }

  /// One bound on every form value (the public form's 64 KiB), whatever the way in: a 1 MB
  /// `text` value taken through the API then travelled in every list of its case.
  @Test(arguments: [FieldType.text, .string, .email, .integer])
  func aValueLongerThan64KiBIsRefusedWhateverItsType(type: FieldType) {
    let long = String(repeating: "é", count: FieldType.maximumValueBytes / 2) + "x"
    #expect(type.problem(with: long, pattern: nil) == "is longer than 64 KiB (65537 bytes of UTF-8)")
    if type == .text || type == .string {
      #expect(type.problem(with: String(long.dropLast()), pattern: nil) == nil)
    }
  }

  @Test func patternsThatNeedBacktrackingAreNoFieldPatterns() {
    #expect(FieldPattern("^(a)\\1$") == nil)
    #expect(FieldPattern("^(?!0)[0-9]+$") == nil)
  }
}
