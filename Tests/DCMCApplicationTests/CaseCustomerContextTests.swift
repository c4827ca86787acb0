import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// `case create` computes the customer's context through the ports and the engine applies the
/// rules that read it (CE20), on the reference `connectivity` case type: a gold customer is
/// high, a French speaker's task is offered by French, a repeat contact within 7 days goes to
/// the experts, critical, with the `known_contact` acknowledgement.
@Suite struct CaseCustomerContextTests {
  static let day = 86_400

  static func connectivity(
    _ store: RepositoryUnderTest, at seconds: Int = 0, email: String = "jane@example.com", customer: String? = nil
  ) throws -> CaseState {
    try store.at(seconds).create(
      type: "connectivity",
      fields: [
        "Customer_Name": "Jane Doe", "Customer_Email": email, "Service": "internet", "Problem_Description": "x",
      ], request: nil, customer: customer, by: "alice")
  }

  static func acknowledgement(_ state: CaseState) -> [String] {
    state.outbox.map(\.notification).filter { $0.event == "case_created" }.map(\.template)
  }

  @Test func aRepeatContactWithinSevenDaysGoesToTheExpertsCriticalWithItsAcknowledgement() throws {
    let store = try RepositoryKind.memory.make()
    let first = try Self.connectivity(store)
    #expect(first.identification == .created)
    #expect(first.tasks.map(\.target) == ["employees_group"])
    #expect(Self.acknowledgement(first) == ["case_created"])
    let repeated = try Self.connectivity(store, at: 6 * Self.day)
    #expect(repeated.customer == first.customer)
    #expect(repeated.priority == 100)
    #expect(repeated.tasks.map(\.target) == ["expert_group_x"])
    #expect(Self.acknowledgement(repeated) == ["known_contact"])
    // More than 7 × 24 hours after the last one: a first contact again.
    let later = try Self.connectivity(store, at: 13 * Self.day + 1)
    #expect(later.priority == 50)
    #expect(later.tasks.map(\.target) == ["employees_group"])
  }

  @Test func anotherCustomersCasesDoNotCount() throws {
    let store = try RepositoryKind.memory.make()
    _ = try Self.connectivity(store, email: "tom@example.com")
    #expect(try Self.connectivity(store, at: 60).tasks.map(\.target) == ["employees_group"])
  }

  @Test func theProfileOfTheLinkedRecordIsRead() throws {
    let store = try RepositoryKind.memory.make()
    let gold = try store.customersAt(0).add(
      name: "Jane", email: "jane@example.com", phone: nil, fields: ["Segment": "gold", "Language": "fr"], request: nil,
      by: "alice")
    let state = try Self.connectivity(store)
    #expect(state.customer == gold.id)
    #expect(state.priority == 75)
    #expect(state.skill == "french")
    #expect(try store.service.load(state.id).skill == "french")
  }

  @Test func aMergedRecordsCasesCountForTheKeptOne() throws {
    let store = try RepositoryKind.memory.make()
    let kept = try store.customersAt(0).add(
      name: "Jane", email: nil, phone: "02 555 12 34", fields: [:], request: nil, by: "alice")
    let first = try Self.connectivity(store)
    let duplicate = try #require(first.customer)
    _ = try store.customersAt(60).merge(keep: kept.id, duplicate: duplicate, by: "sam")
    let repeated = try Self.connectivity(store, at: 120, customer: kept.id)
    #expect(repeated.tasks.map(\.target) == ["expert_group_x"])
  }
}
