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

  @Test func aZoneWithoutRulesIsRefusedByName() {
    #expect(throws: RuntimeDefinitionError.unknownTimeZone("Europe/Brussels")) {
      try RuntimeDefinitions(bundle: ReferenceBundle.compiled.bundle) { $0 == "UTC" ? .utc : nil }
    }
  }
}
