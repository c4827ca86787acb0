import DCMCExpressions
import Testing

/// Form values and values in definitions are checked by their field's type.
@Suite struct FieldValueTests {
  @Test(arguments: ["1e400", "-1e400", "inf", "nan", "Infinity", "1e", "twelve"])
  func item17ANumberTooLargeToKeepOrNotANumberIsRefused(text: String) {
    #expect(FieldType.number.problem(with: text, pattern: nil) == "is not a number")
  }

  /// `Double` reads hexadecimal floats; a form's `0x10` would have been kept as 16.
  @Test(arguments: ["0x10", "0x1p3", "+5", ".5", "5.", "1e+", " 1", "1 ", "--1", "1_000"])
  func onlyDecimalNotationIsANumber(text: String) {
    #expect(FieldType.number.problem(with: text, pattern: nil) == "is not a number")
  }

  @Test(arguments: ["0", "-12.5", "1e300", "120.50", "6.02E+23", "007", "-0.5e-3"])
  func aFiniteNumberIsAccepted(text: String) {
    #expect(FieldType.number.problem(with: text, pattern: nil) == nil)
  }
}
