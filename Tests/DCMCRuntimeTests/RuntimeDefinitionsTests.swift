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

  /// The refusal names the calendar and the zone (audit32 finding 9: it named the zone only).
  @Test func aZoneWithoutRulesIsRefusedByName() {
    let error = #expect(throws: RuntimeDefinitionError.self) {
      try RuntimeDefinitions(bundle: ReferenceBundle.compiled.bundle) { $0 == "UTC" ? .utc : nil }
    }
    #expect(
      error?.description
        == "calendar 'back_office_extended' cannot be used: time zone 'Europe/Brussels' is not known here")
  }

  /// The reference bundle with calendar `office_brussels`'s windows set to `week`, each day.
  static func bundle(week: [BundleWindow]) throws -> DefinitionBundle {
    var bundle = ReferenceBundle.compiled.bundle
    let index = try #require(bundle.calendars.firstIndex { $0.id == "office_brussels" })
    bundle.calendars[index].week = Array(repeating: week, count: 7)
    return bundle
  }

  /// audit32 finding 9: a window YAML refuses as empty (DC6004, `"09:00-09:00"`) was read
  /// from a bundle as overnight, open 24 hours; it is refused, naming the calendar and the
  /// window, as is a window no YAML can write.
  @Test(
    "a window YAML refuses is refused in a bundle",
    arguments: [
      (540, 540, "calendar 'office_brussels' cannot be used: window 09:00-09:00 is empty on Mon"),
      (0, 0, "calendar 'office_brussels' cannot be used: window 00:00-00:00 is empty on Mon"),
      (540, 1441, "calendar 'office_brussels' cannot be used: window 540-1441 (minutes) is not a window of one day on Mon"),
      (-60, 540, "calendar 'office_brussels' cannot be used: window -60-540 (minutes) is not a window of one day on Mon"),
    ])
  func aWindowYAMLRefusesIsRefused(start: Int, end: Int, reason: String) throws {
    let bundle = try Self.bundle(week: [BundleWindow(start: start, end: end)])
    let error = #expect(throws: RuntimeDefinitionError.self) {
      try RuntimeDefinitions(bundle: bundle) { _ in .utc }
    }
    #expect(error?.description == reason)
  }

  /// What YAML accepts still loads: the whole day `00:00-24:00`, an overnight window.
  @Test func theWholeDayAndAnOvernightWindowLoad() throws {
    for window in [BundleWindow(start: 0, end: 1440), BundleWindow(start: 1320, end: 360)] {
      let definitions = try RuntimeDefinitions(bundle: try Self.bundle(week: [window])) { _ in .utc }
      #expect(definitions.calendar("office_brussels") != nil)
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

/// `with(workgroups:)` takes the bundle's own lookup when given the bundle's array (the same
/// storage), and reads any other array, even one with the same number of workgroups.
@Suite struct LiveWorkgroupsTests {
  @Test func theBundlesOwnArrayGivesItsLookupAndAnyOtherIsRead() throws {
    let definitions = try RuntimeDefinitions(bundle: ReferenceBundle.compiled.bundle) { TimeZoneDatabase.rules(named: $0) }
    let own = definitions.bundle.workgroups
    let group = try #require(own.first { !$0.members.isEmpty })
    let member = try #require(group.members.first?.user)
    #expect(RuntimeDefinitions.sameStorage(own, definitions.bundle.workgroups))
    // The same workgroups in an array of its own, and one with that member gone.
    var changed = own.map { $0 }
    #expect(!RuntimeDefinitions.sameStorage(changed, own))
    let index = try #require(changed.firstIndex { $0.id == group.id })
    changed[index].members.removeAll { $0.user == member }
    changed[index].supervisors.removeAll { $0 == member }
    let live = definitions.with(workgroups: changed)
    #expect(!live.isMember(member, of: group.id))
    // Back to the bundle's array: its member again.
    #expect(live.with(workgroups: own).isMember(member, of: group.id))
    #expect(definitions.with(workgroups: own).isMember(member, of: group.id))
    #expect(definitions.with(workgroups: []).workgroup(group.id) == nil)
  }
}

/// Push settings as the engine will read them: the task's keys over its live workgroup's.
@Suite struct RuntimeDistributionTests {
  static func definitions() throws -> RuntimeDefinitions {
    try RuntimeDefinitions(bundle: ReferenceBundle.compiled.bundle) { TimeZoneDatabase.rules(named: $0) }
  }

  @Test func aTaskTakesItsWorkgroupsModeAndTimeOutKeyByKey() throws {
    let definitions = try Self.definitions()
    var task = try #require(definitions.caseType("finance")?.task("assess"))
    #expect(definitions.dispatch(of: task, in: "finances_group") == TaskDispatch(mode: .push, offerTimeoutSeconds: 45))
    #expect(definitions.dispatch(of: task, in: "team_supervisor") == TaskDispatch(mode: .pull, offerTimeoutSeconds: 30))
    task.offerTimeoutSeconds = 10
    #expect(definitions.dispatch(of: task, in: "finances_group") == TaskDispatch(mode: .push, offerTimeoutSeconds: 10))
    task.mode = .pull
    #expect(definitions.dispatch(of: task, in: "finances_group").mode == .pull)
  }

  @Test func theWorkgroupsAreTheLatestDeployments() throws {
    let definitions = try Self.definitions()
    let task = try #require(definitions.caseType("finance")?.task("assess"))
    var finances = try #require(definitions.workgroup("finances_group"))
    finances.mode = nil
    finances.offerTimeoutSeconds = nil
    let redeployed = definitions.with(workgroups: [finances])
    #expect(redeployed.dispatch(of: task, in: "finances_group") == TaskDispatch(mode: .pull, offerTimeoutSeconds: 30))
  }

  @Test func capacitiesReasonsAndWrapUpComeFromTheBundle() throws {
    let definitions = try Self.definitions()
    #expect(definitions.capacity(of: "fiona", in: "finances_group") == 2)
    #expect(definitions.capacity(of: "gary", in: "finances_group") == 1)
    #expect(definitions.capacity(of: "alice", in: "finances_group") == nil)
    #expect(definitions.notReadyReasons == ["break", "training", "coaching", "RONA"])
    #expect(definitions.wrapUpSeconds == 120)
    #expect(definitions.caseType("finance")?.task("process_documents")?.weight == 2)
  }

  @Test func withoutPresenceRulesOnlyRONAAndTheDefaultWrapUp() throws {
    var bundle = ReferenceBundle.compiled.bundle
    bundle.presence = nil
    let definitions = try RuntimeDefinitions(bundle: bundle) { TimeZoneDatabase.rules(named: $0) }
    #expect(definitions.notReadyReasons == ["RONA"] && definitions.wrapUpSeconds == 120)
  }
}
