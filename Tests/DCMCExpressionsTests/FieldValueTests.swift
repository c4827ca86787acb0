import DCMCExpressions
import Testing

/// Form values and values in definitions are checked by their field's type.
@Suite struct FieldValueTests {
  @Test(arguments: ["1e400", "-1e400", "inf", "nan", "Infinity", "1e", "twelve"])
  func item17ANumberTooLargeToKeepOrNotANumberIsRefused(text: String) {
    #expect(FieldType.number.problem(with: text, pattern: nil) == "is not a number")
  }

  @Test(arguments: ["0", "-12.5", "1e300", "120.50"])
  func aFiniteNumberIsAccepted(text: String) {
    #expect(FieldType.number.problem(with: text, pattern: nil) == nil)
  }
}
