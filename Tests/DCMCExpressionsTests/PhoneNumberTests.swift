@testable import DCMCExpressions
import Testing

/// Phone numbers are kept in E.164 whatever way they were written, with the profile's region
/// for numbers without a calling code (`docs/customers.md`).
@Suite struct PhoneNumberTests {
  static let belgium = PhoneRegion.named("BE")

  @Test(
    "every usual way of writing a Belgian number is one number",
    arguments: [
      "+32 2 555 12 34", "0032 2 5551234", "02 555 12 34", "+32 (0)2 555 12 34", "02/555.12.34",
      "(02) 555-12-34",
      "  +3225551234\t", "2 555 12 34",
    ])
  func belgianFormats(text: String) throws {
    #expect(try PhoneNumber(text, region: Self.belgium).e164 == "+3225551234")
  }

  @Test(
    "each region's prefixes are its own",
    arguments: [
      ("IT", "02 1234 5678", "+390212345678"),  // Italy keeps its leading 0
      ("IT", "0039 02 1234 5678", "+390212345678"),
      ("US", "(212) 555-0123", "+12125550123"),
      ("US", "1 212 555 0123", "+12125550123"),  // the NANP trunk prefix
      ("US", "011 32 2 555 12 34", "+3225551234"),  // the NANP international prefix
      ("GB", "020 7946 0958", "+442079460958"),
      ("GB", "+44 (0)20 7946 0958", "+442079460958"),
      ("CH", "044 668 18 00", "+41446681800"),
      ("HU", "06 1 234 5678", "+3612345678"),
      ("FI", "990 32 2 555 12 34", "+3225551234"),
      ("AU", "0011 32 2 555 12 34", "+3225551234"),
    ])
  func regions(region: String, text: String, e164: String) throws {
    #expect(try PhoneNumber(text, region: PhoneRegion.named(region)).e164 == e164)
  }

  @Test(
    "what is no phone number is refused with why",
    arguments: [
      ("", "is empty"),
      ("02 555 12 34 ext. 5", "contains 'e', which is not part of a phone number"),
      (
        "+32 2 555 12 34 56 78 90 12",
        "has 18 digits; a phone number has 7 to 15 with its calling code"
      ),
      ("+32 555", "has 5 digits; a phone number has 7 to 15 with its calling code"),
      ("+032 2 555 12 34", "has a calling code that starts with 0"),
      ("++32 2 555 12 34", "contains '+', which is not part of a phone number"),
      ("(0)2 555 12 34", "writes '(0)' without a calling code"),
    ])
  func refused(text: String, problem: String) {
    #expect(throws: PhoneNumber.Problem(problem: problem)) {
      try PhoneNumber(text, region: Self.belgium)
    }
  }

  /// A `phone` field's value is checked by the customer record's rule, without the region
  /// (`PhoneNumber.problem(with:)`): a field takes no number a record refuses, 17 digits
  /// among them (taken before 6 December 2026: the field took 6 to 20 digits).
  @Test(
    "a phone field takes what a customer record takes and names the limit",
    arguments: [
      ("+99999999999999999", "is not a phone number: has 17 digits; a phone number has 7 to 15 with its calling code"),
      ("+32 555", "is not a phone number: has 5 digits; a phone number has 7 to 15 with its calling code"),
      ("123456", "is not a phone number: has 6 digits; a phone number has 7 to 15 with its calling code"),
      ("+032 2 555 12 34", "is not a phone number: has a calling code that starts with 0"),
      ("call me", "is not a phone number: contains 'c', which is not part of a phone number"),
      ("+32 2 555 12 34", nil), ("02 555 12 34", nil), ("+44 (0)20 7946 0958", nil), ("02/555.12.34", nil),
    ] as [(String, String?)])
  func phoneField(text: String, problem: String?) {
    #expect(FieldType.phone.problem(with: text, pattern: nil) == problem)
  }

  @Test func aPhoneFieldAndACustomerRecordAgreeOnEveryNumberWithItsCallingCode() {
    for count in 1...20 {
      let text = "+3" + String(repeating: "2", count: count - 1)
      let record = (try? PhoneNumber(text, region: Self.belgium)) != nil
      #expect((FieldType.phone.problem(with: text, pattern: nil) == nil) == record, "\(text)")
      #expect(record == PhoneNumber.digitCount.contains(count), "\(text)")
    }
  }

  @Test func aNumberWithoutACallingCodeNeedsARegion() throws {
    #expect(
      throws: PhoneNumber.Problem(problem: "has no calling code and no region is set to assume one")
    ) {
      try PhoneNumber("02 555 12 34", region: nil)
    }
    #expect(try PhoneNumber("+32 2 555 12 34", region: nil).e164 == "+3225551234")
  }

  @Test func storedNumbersReadBackOnlyInE164() {
    #expect(PhoneNumber(e164: "+3225551234")?.e164 == "+3225551234")
    for text in ["3225551234", "+32 2 555", "+0225551234", "+12345", "+1234567890123456"] {
      #expect(PhoneNumber(e164: text) == nil, "\(text)")
    }
  }

  @Test func theTableKnowsTheEEAAndItsNeighbours() {
    let eea = [
      "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
      "LV", "LT", "LU",
      "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    ]
    for code in eea + ["GB", "CH", "US", "CA"] {
      #expect(PhoneRegion.named(code)?.code == code)
    }
    #expect(PhoneRegion.named("XX") == nil)
    #expect(PhoneRegion.named("be") == nil)
  }
}

/// Emails are trimmed, checked as `email` fields are, and compared in lower case.
@Suite struct EmailAddressTests {
  @Test func anAddressIsTrimmedAndComparedInLowerCase() throws {
    let written = try #require(EmailAddress("  Jane.Doe@Example.COM "))
    #expect(written.text == "Jane.Doe@Example.COM")
    #expect(written.key == "jane.doe@example.com")
    #expect(written == EmailAddress("jane.doe@example.com"))
    #expect(written != EmailAddress("jane.doe2@example.com"))
  }

  @Test(arguments: [
    "", "jane", "jane@example", "jane doe@example.com", "@example.com", "a@b@example.com",
  ])
  func whatIsNoEmailIsRefused(text: String) {
    #expect(EmailAddress(text) == nil)
  }

  /// The reference: one `@`, no white space (by characters), a dot in the domain, nothing empty.
  static func reference(_ text: String) -> Bool {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
    let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
    return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
  }

  /// An ASCII address is read byte by byte: the same answers as by characters.
  @Test(arguments: [
    "jane@example.com", "a@b.c", "a@b.c.d", "a.b@c.d", ".a@b.c", "a.@b.c", "a@.b.c", "a@b..c", "a@b.c.", "a@b",
    "@b.c", "a@", "@", "", ".", "a@@b.c", "a@b@c.d", "a b@c.d", "a@b.c ", " a@b.c", "a\t@b.c", "a@b\n.c",
    "a@b.c\r\n", "a\u{0B}@b.c", "a\u{0C}@b.c", "a\u{1F}@b.c", "a\u{7F}@b.c", "a@b.c\u{00}", "a+tag@b-c.d_e",
    "a@b.c@", "a@.", "a@..", "x@y.z.", "é@b.c", "a@b.ç", "a\u{A0}@b.c", "a\u{2028}@b.c", "a@b\u{0301}.c",
    "\u{600} @b.c", "a@b.c\u{85}",
  ])
  func anASCIIAddressIsReadAsByCharacters(text: String) {
    #expect(FieldType.isEmail(text) == Self.reference(text))
  }
}
