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

  /// docs/language.md: `string` is one line of plain text, `text` takes line breaks. A name with a
  /// line break made the one-line listings of `case list` and `customer find` two lines.
  @Test(arguments: [
    ("Jane\nDoe", "U+000A (a line break)"), ("Jane\r\nDoe", "U+000D (a line break)"),
    ("Jane\rDoe", "U+000D (a line break)"), ("Jane\u{2028}Doe", "U+2028 (a line break)"),
    ("Jane\u{85}Doe", "U+0085 (a line break)"), ("Jane\n", "U+000A (a line break)"),
  ])
  func aLineBreakIsNoStringButIsText(value: String, named: String) {
    #expect(FieldType.string.problem(with: value, pattern: nil) == "holds \(named); a string field is one line of plain text")
    #expect(FieldType.text.problem(with: value, pattern: nil) == nil)
    #expect(FieldType.string.problem(with: "Jane Doe (J.) \u{200F}é", pattern: nil) == nil)
  }

  /// audit37 L5: a `string` takes what a customer record's name takes (`OneLine`), so the case's
  /// `Customer_Name` and the record made from it cannot differ; before 7 December 2026 it took
  /// NUL, ESC, a tab and the bidirectional overrides, which the record then dropped.
  @Test(arguments: [
    ("P\u{0}Q", "U+0000 (a control character)"), ("A\u{1B}[31m B", "U+001B (a control character)"),
    ("Jane\tDoe", "U+0009 (a tab)"), ("x\u{7F}", "U+007F (a control character)"),
    ("x\u{9B}", "U+009B (a control character)"),
    ("\u{202E}evil\u{202C} Zed", "U+202E (a bidirectional embedding or override)"),
    ("Zed \u{2066}x", "U+2066 (a bidirectional isolate)"), ("Zed x\u{2069}", "U+2069 (a bidirectional isolate)"),
  ])
  func aControlOrBidirectionalCharacterIsNoString(value: String, named: String) {
    #expect(FieldType.string.problem(with: value, pattern: nil) == "holds \(named); a string field is one line of plain text")
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
