import DCMCBundle
import DCMCCalendar
import DCMCRuntime
import Testing
import _DCMCTestSupport

@Suite struct RuntimeDefinitionsTests {
  /// The two reference calendars share Europe/Brussels, whose rules the CLI reads from a file.
  @Test func eachTimeZoneIsAskedForOncePerDefinitions() throws {
    var asked: [String] = []
    let definitions = try RuntimeDefinitions(bundle: ReferenceBundle.compiled.bundle) { name in
      asked.append(name)
      return TimeZoneDatabase.rules(named: name)
    }
    #expect(asked.sorted() == ["Europe/Brussels", "UTC"])
    #expect(definitions.calendar("office_brussels") != nil)
    #expect(definitions.calendar("back_office_extended") != nil)
  }

  /// The customer's words are looked up by a case status's raw value: every status has them,
  /// the defaults of SPEC section 14 unless the case type overrides them.
  @Test func everyCaseStatusHasCustomerWords() throws {
    let finance = try #require(ReferenceBundle.compiled.bundle.caseType("finance"))
    let words = CaseStatus.allCases.map { finance.customerWords(for: $0.rawValue) }
    #expect(
      words == [
        "We are working on it", "We are working on it", "Waiting for your documents", "We are working on it",
        "Resolved", "Cancelled",
      ])
  }

  @Test func aZoneWithoutRulesIsRefusedByName() {
    #expect(throws: RuntimeDefinitionError.unknownTimeZone("Europe/Brussels")) {
      try RuntimeDefinitions(bundle: ReferenceBundle.compiled.bundle) { $0 == "UTC" ? .utc : nil }
    }
  }

  /// A bundle whose profile names a region the phone table lacks cannot be deployed here, as a
  /// bundle with an unknown time zone cannot: its numbers without a calling code could not be read.
  @Test func aPhoneRegionTheTableLacksIsRefusedByName() throws {
    var bundle = ReferenceBundle.compiled.bundle
    let belgium = try RuntimeDefinitions(bundle: bundle, zone: TimeZoneDatabase.rules(named:)).phoneRegion
    #expect(belgium?.callingCode == "32")
    bundle.customerProfile?.phoneRegion = "XX"
    #expect(throws: RuntimeDefinitionError.unknownPhoneRegion("XX")) {
      try RuntimeDefinitions(bundle: bundle, zone: TimeZoneDatabase.rules(named:))
    }
  }
}
