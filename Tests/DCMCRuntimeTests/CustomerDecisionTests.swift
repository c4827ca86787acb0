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

  /// stop 24's user test: a name with a line break, a right-to-left override or 100,000
  /// characters was added. A name is one line of plain text of at most 200 characters.
  @Test(arguments: [
    ("Bad\nName", CustomerProblem.nameCharacter(0x0A), "the name holds U+000A (a line break); a name is one line of plain text"),
    ("Tab\tName", .nameCharacter(0x09), "the name holds U+0009 (a tab); a name is one line of plain text"),
    ("Bell\u{07}", .nameCharacter(0x07), "the name holds U+0007 (a control character); a name is one line of plain text"),
    ("Line\u{2028}Sep", .nameCharacter(0x2028), "the name holds U+2028 (a line break); a name is one line of plain text"),
    (
      "\u{202E}eoD enaJ", .nameCharacter(0x202E),
      "the name holds U+202E (a bidirectional embedding or override); a name is one line of plain text"
    ),
    (
      "Jane \u{2067}Doe", .nameCharacter(0x2067),
      "the name holds U+2067 (a bidirectional isolate); a name is one line of plain text"
    ),
    (
      String(repeating: "n", count: 100_000), .nameTooLong(100_000),
      "the name is 100000 characters long; a name has at most 200"
    ),
  ])
  func aNameThatIsNotOnePlainLineOrTooLongIsRefused(name: String, problem: CustomerProblem, message: String) throws {
    #expect(problem.description == message)
    #expect(throws: CustomerRefusal.invalidRecord([problem])) {
      try Self.decision.add(name: name, email: nil, phone: nil, fields: [:], sequence: 1, by: "alice", at: Self.monday)
    }
    let jane = try Self.jane()
    #expect(throws: CustomerRefusal.invalidRecord([problem])) {
      try Self.decision.update(jane, name: name, email: nil, phone: nil, fields: [:], by: "alice", at: Self.monday)
    }
  }

  @Test func aNameOf200CharactersWithMarksIsAccepted() throws {
    let name = "Jos\u{E9} \u{200F}" + String(repeating: "a", count: 194)
    #expect(name.unicodeScalars.count == 200)
    let added = try Self.decision.add(name: name, email: nil, phone: nil, fields: [:], sequence: 1, by: "alice", at: Self.monday)
    #expect(added.record.name == name)
  }

  @Test func aFieldsNameIsFlattenedToOnePlainLine() {
    #expect(CustomerName.flattened(" Jane\n\n  Doe\t\u{202E}Jr\u{202C} ") == "Jane Doe Jr")
    #expect(CustomerName.flattened("\u{2066}\u{2069}\n") == "")
    #expect(CustomerName.flattened(String(repeating: "ab ", count: 100)).unicodeScalars.count == 200)
    #expect(!CustomerName.flattened(String(repeating: "ab ", count: 100)).hasSuffix(" "))
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
