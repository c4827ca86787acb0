import DCMCBundle
import DCMCCalendar
import DCMCExpressions
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// What a creation rule does beyond priority and fields (CE20): `target` sends the tasks
/// created with the case elsewhere, `skill` is recorded on the case and offers its
/// distributed tasks by it, `acknowledge` replaces the `case_created` message's template.
@Suite struct CustomerRuleEffectTests {
  /// The reference definitions with a repeat technical contact sent to the experts with the
  /// reference `known_contact` acknowledgement, and a French-speaking replacement customer's tasks offered by French.
  static let engine: Engine = {
    let compiled = ReferenceBundle.variant { name, text in
      switch name {
      case "technical.yaml":
        return text.replacingOccurrences(
          of: "rules:\n",
          with: """
            rules:
              - when: customer.recent_cases(7d, "technical") >= 1
                target: expert_group_x
                acknowledge: known_contact

            """)
      case "replacement.yaml":
        return text.replacingOccurrences(
          of: "rules:\n", with: "rules:\n  - when: customer.Language == \"fr\"\n    skill: french\n")
      default: return text
      }
    }
    return Engine(definitions: try! RuntimeDefinitions(bundle: compiled.bundle, zone: TimeZoneDatabase.rules(named:)))
  }()

  static let now = Timestamp("2026-03-02T09:00:00+01:00")!.instant

  static func context(language: String? = nil, recent: [String] = []) -> CustomerContext {
    CustomerContext(
      id: "CUS-000001", fields: language.map { ["Language": .string($0)] } ?? [:], openCases: 0, pendingCases: 0,
      recentCases: recent.map { .init(type: $0, createdAt: now.adding(seconds: -3600)) }, isNew: false)
  }

  static func create(_ type: String, _ fields: [String: String], with customer: CustomerContext?) throws -> CaseState {
    let events = try engine.decide(
      .create(type: type, fields: fields, sequence: 1), on: nil, by: "alice", at: now, customer: customer
    ).get()
    return try #require(CaseState.replay(events))
  }

  static func technical(with customer: CustomerContext?) throws -> CaseState {
    try create(
      "technical",
      [
        "Customer_Name": "Jane", "Customer_Email": "jane@example.com", "Product": "internet",
        "Problem_Description": "No signal",
      ], with: customer)
  }

  static func replacement(with customer: CustomerContext?) throws -> CaseState {
    try create(
      "replacement",
      [
        "Customer_Name": "Jane", "Customer_Email": "jane@example.com", "Customer_Phone": "+32 470 12 34 56",
        "Device": "modem", "Serial_Number": "SN-4F7K22QX", "Purchase_Date": "2025-06-01",
        "Delivery_Address": "Rue Haute 1, Brussels",
      ], with: customer)
  }

  @Test func aRuleTargetSendsTheFirstTasksThere() throws {
    #expect(try Self.technical(with: Self.context(recent: ["technical"])).tasks.map(\.target) == ["expert_group_x"])
    #expect(try Self.technical(with: Self.context(recent: ["finance"])).tasks.map(\.target) == ["employees_group"])
    #expect(try Self.technical(with: nil).tasks.map(\.target) == ["employees_group"])
  }

  @Test func anAcknowledgementReplacesTheTemplateOfTheOneCreationMessage() throws {
    let repeated = try Self.technical(with: Self.context(recent: ["technical"])).outbox.map(\.notification)
      .filter { $0.event == "case_created" }
    #expect(repeated.map(\.template) == ["known_contact"])
    #expect(repeated.map(\.to) == ["jane@example.com"])
    #expect(repeated.first?.body.contains("We know you have contacted us before") == true)
    let first = try Self.technical(with: Self.context()).outbox.map(\.notification).filter { $0.event == "case_created" }
    #expect(first.map(\.template) == ["case_created"])
  }

  @Test func aRuleSkillIsRecordedAndOffersTheTasksByIt() throws {
    let french = try Self.replacement(with: Self.context(language: "fr"))
    #expect(french.skill == "french")
    let task = try #require(french.tasks.first)
    // ines: field_repair 60, french 90; the first tier asks 80.
    #expect(Self.engine.mayPull(task, of: french, user: "ines"))
    // hugo: field_repair 90, no french.
    #expect(!Self.engine.mayPull(task, of: french, user: "hugo"))
    let plain = try Self.replacement(with: Self.context(language: "nl"))
    #expect(plain.skill == nil)
    #expect(!Self.engine.mayPull(try #require(plain.tasks.first), of: plain, user: "ines"))
  }

  @Test func theSkillSurvivesTheHistoryAndTheSnapshot() throws {
    let french = try Self.replacement(with: Self.context(language: "fr"))
    #expect(try CaseState(json: french.json).skill == "french")
  }
}
