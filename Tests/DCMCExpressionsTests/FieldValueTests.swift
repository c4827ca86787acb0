import DCMCExpressions
import Testing

/// Form values and values in definitions are checked by their field's type.
@Suite struct FieldValueTests {
  @Test(arguments: ["inf", "nan", "Infinity", "1e", "twelve"])
  func item17NotANumberIsRefused(text: String) {
    #expect(FieldType.number.problem(with: text, pattern: nil) == "is not a number")
  }

  /// Too large to keep (`1e400` reads as infinity), or too close to 0 (`0.1e-400` reads as 0,
  /// and was kept as 0 before 7 December 2026): the number's value would change.
  @Test(arguments: ["1e400", "-1e400", "1.8e308", "0.1e-400", "-1e-500", "2e-324", "0.0001e-320"])
  func aNumberOutOfRangeIsRefused(text: String) {
    #expect(
      FieldType.number.problem(with: text, pattern: nil)
        == "is out of range: a number other than 0 is from about 5e-324 to 1.7e308 in size")
  }

  /// `Double` reads hexadecimal floats; a form's `0x10` would have been kept as 16.
  @Test(arguments: ["0x10", "0x1p3", "+5", ".5", "5.", "1e+", " 1", "1 ", "--1", "1_000"])
  func onlyDecimalNotationIsANumber(text: String) {
    #expect(FieldType.number.problem(with: text, pattern: nil) == "is not a number")
  }

  @Test(arguments: [
    "0", "-12.5", "1e300", "120.50", "6.02E+23", "007", "-0.5e-3", "0e-400", "-0.000e999", "5e-324",
    "1.7976931348623157e308",
  ])
  func aFiniteNumberIsAccepted(text: String) {
    #expect(FieldType.number.problem(with: text, pattern: nil) == nil)
  }
}
