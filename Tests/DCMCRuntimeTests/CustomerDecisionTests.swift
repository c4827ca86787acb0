import DCMCCalendar
import DCMCExpressions
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// The pure decisions on customer records: each refusal typed, values checked as case fields
/// are, the record a history leaves.
@Suite struct CustomerDecisionTests {
  static let decision = CustomerDecision(
    definitions: try! RuntimeDefinitions(
      bundle: ReferenceBundle.compiled.bundle, zone: TimeZoneDatabase.rules(named:)))
  static let monday = Timestamp("2026-03-02T09:00:00+01:00")!.instant

  static func jane(_ fields: [String: String] = ["Segment": "gold"]) throws -> CustomerState {
    let added = try decision.add(
      name: " Jane Doe ", email: "Jane@Example.com", phone: "02 555 12 34", fields: fields,
      sequence: 7, by: "alice",
      at: monday)
    #expect(CustomerState.replay([added.event]) == added.record)
    return added.record
  }

  @Test func anAddedRecordHasItsIdTypedFieldsAndNormalisedContacts() throws {
    let jane = try Self.jane(["Segment": "gold", "Birth_Date": "1980-05-17", "Language": ""])
    #expect(jane.id == "CUS-000007")
    #expect(jane.name == "Jane Doe")
    #expect(jane.email?.text == "Jane@Example.com")
    #expect(jane.phone?.e164 == "+3225551234")
    #expect(jane.fields == ["Segment": .text("gold"), "Birth_Date": .text("1980-05-17")])
    #expect(jane.version == 1 && jane.createdBy == "alice" && jane.updatedAt == Self.monday)
  }

  @Test func everyProblemOfARecordIsListed() {
    #expect(
      throws: CustomerRefusal.invalidRecord([
        .emptyName, .invalidEmail("jane@"),
        .invalidPhone(
          "02 555 12 34 x", reason: "contains 'x', which is not part of a phone number"),
        .field(
          .invalid(field: "Membership_No", problem: "does not match the pattern '^M[0-9]{8}$'")),
        .field(.invalid(field: "Segment", problem: "is not one of: gold, silver, bronze")),
        .field(.unknown(field: "Shoe_Size")),
      ])
    ) {
      try Self.decision.add(
        name: "  ", email: "jane@", phone: "02 555 12 34 x",
        fields: ["Membership_No": "X1", "Segment": "platinum", "Shoe_Size": "42"], sequence: 1,
        by: "alice",
        at: Self.monday)
    }
  }

  @Test func anUpdateRecordsTheWholeNewDetailsOnceAndNothingWhenNothingChanges() throws {
    let jane = try Self.jane()
    let later = Self.monday.adding(seconds: 60)
    let events = try Self.decision.update(
      jane, name: nil, email: "jane.doe@example.com", phone: "",
      fields: ["Segment": "", "Language": "fr"],
      by: "bob", at: later)
    #expect(events.count == 1)
    var updated = jane
    for event in events { updated.evolve(event) }
    #expect(
      updated.name == "Jane Doe" && updated.email?.text == "jane.doe@example.com"
        && updated.phone == nil)
    #expect(updated.fields == ["Language": .text("fr")])
    #expect(updated.version == 2 && updated.updatedAt == later)
    #expect(
      try Self.decision.update(
        updated, name: "Jane Doe", email: nil, phone: nil, fields: [:], by: "bob", at: later
      ).isEmpty)
    // Another letter case is the same address, but a correction worth recording.
    #expect(
      try Self.decision.update(
        updated, name: nil, email: "Jane.Doe@example.com", phone: nil, fields: [:], by: "bob",
        at: later
      )
      .count == 1)
    #expect(throws: CustomerRefusal.invalidRecord([.emptyName])) {
      try Self.decision.update(
        updated, name: "", email: nil, phone: nil, fields: [:], by: "bob", at: later)
    }
  }

  @Test func aMergeIsRecordedInTheDuplicateAndRefusedIntoItselfOrAcrossAMergedRecord() throws {
    let keep = try Self.jane()
    var duplicate = keep
    duplicate.id = "CUS-000008"
    #expect(throws: CustomerRefusal.mergeIntoItself("CUS-000007")) {
      try Self.decision.merge(keep, into: keep, by: "sam", at: Self.monday)
    }
    let event = try Self.decision.merge(duplicate, into: keep, by: "sam", at: Self.monday)
    #expect(event.change == .merged(into: "CUS-000007") && event.seq == 2)
    duplicate.evolve(event)
    #expect(duplicate.mergedInto == "CUS-000007")
    var other = keep
    other.id = "CUS-000009"
    #expect(throws: CustomerRefusal.merged("CUS-000008", into: "CUS-000007")) {
      try Self.decision.merge(other, into: duplicate, by: "sam", at: Self.monday)
    }
    #expect(throws: CustomerRefusal.merged("CUS-000008", into: "CUS-000007")) {
      try Self.decision.merge(duplicate, into: other, by: "sam", at: Self.monday)
    }
    #expect(throws: CustomerRefusal.merged("CUS-000008", into: "CUS-000007")) {
      try Self.decision.update(
        duplicate, name: "J", email: nil, phone: nil, fields: [:], by: "sam", at: Self.monday)
    }
  }

  @Test func withoutAProfileIdsAreCUSAndNumbersNeedACallingCode() throws {
    var bundle = ReferenceBundle.compiled.bundle
    bundle.customerProfile = nil
    let bare = CustomerDecision(
      definitions: try RuntimeDefinitions(bundle: bundle, zone: TimeZoneDatabase.rules(named:)))
    let added = try bare.add(
      name: "Jane", email: nil, phone: "+32 2 555 12 34", fields: [:], sequence: 12, by: nil,
      at: Self.monday)
    #expect(added.record.id == "CUS-000012")
    #expect(throws: CustomerRefusal.self) {
      try bare.add(
        name: "Jane", email: nil, phone: "02 555 12 34", fields: [:], sequence: 1, by: nil,
        at: Self.monday)
    }
    #expect(throws: CustomerRefusal.invalidRecord([.field(.unknown(field: "Segment"))])) {
      try bare.add(
        name: "Jane", email: nil, phone: nil, fields: ["Segment": "gold"], sequence: 1, by: nil,
        at: Self.monday)
    }
  }
}
