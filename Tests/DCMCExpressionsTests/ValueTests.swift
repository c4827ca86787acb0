import DCMCCalendar
import DCMCExpressions
import Testing

@Suite struct ValueTests {
  @Test(arguments: [
    ("2024-02-29", true), ("2023-02-29", false), ("1900-02-29", false), ("2000-02-29", true),
    ("2026-04-31", false), ("2026-12-31", true), ("2026-00-10", false), ("2026-1-01", false),
    ("2026-01-01x", false),
  ])
  func datesFollowTheGregorianCalendar(text: String, isValid: Bool) {
    #expect((LocalDate(text) != nil) == isValid)
  }

  @Test(arguments: [
    ("1970-01-01T00:00:00Z", 0),
    ("1970-01-01T01:00:00+01:00", 0),
    ("1969-12-31T23:59:59Z", -1),
    ("2000-03-01T00:00:00Z", 951_868_800),
    ("2026-10-25T02:30:00-05:30", 1_792_915_200),
  ])
  func datetimesKnowTheirInstant(text: String, seconds: Int) throws {
    #expect(try #require(Timestamp(text)).instant.secondsSinceEpoch == seconds)
  }

  @Test(arguments: ["2026-12-25T24:00:00Z", "2026-12-25T09:60:00Z", "2026-12-25T09:00:00", "2026-12-25T09:00:00+1:00"])
  func malformedDatetimesAreRejected(text: String) {
    #expect(Timestamp(text) == nil)
  }

  @Test(arguments: [
    (0.5, "0.5"), (-3, "-3"), (1e20, "100000000000000000000"), (1.5e-7, "0.00000015"),
    (123_456_789.25, "123456789.25"), (-2.5e16, "-25000000000000000"),
  ])
  func numbersPrintWithoutExponentsAndReadBackTheSame(number: Double, text: String) throws {
    let expression = Expression(.literal(.number(number)), range: Place.origin.fallback)
    #expect(expression.description == text)
    let reparsed = try #require(parsed("X == \(expression.description)"))
    guard case .comparison(_, _, let literal, _) = reparsed.kind else {
      Issue.record("unexpected tree \(reparsed)")
      return
    }
    #expect(literal.kind == .literal(.number(number)))
  }
}
