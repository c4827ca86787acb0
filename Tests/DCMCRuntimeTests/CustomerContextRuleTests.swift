import DCMCBundle
import DCMCCalendar
import DCMCExpressions
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Creation rules and conditional targets that read the customer's context (CE20), decided by
/// the engine on a context given by hand, as the application will compute it from its indexes.
@Suite struct CustomerContextRuleTests {
  /// The reference definitions with the technical type's rules and first target reading the
  /// customer: a repeat technical contact within 7 days is critical, a known gold customer
  /// high; a customer with more than two open cases goes to the experts.
  static let engine: Engine = {
    let compiled = ReferenceBundle.variant { name, text in
      guard name == "technical.yaml" else { return text }
      return
        text
        .replacingOccurrences(
          of: "rules:\n",
          with: """
            rules:
              - when: customer.recent_cases(7d, "technical") >= 1
                priority: critical
              - when: customer.Segment == "gold" and not customer.is_new
                priority: high

            """
        )
        .replacingOccurrences(
          of: "        target: employees_group\n        ola:\n          within: 12h",
          with: """
                    target:
                      - { when: customer.open_cases > 2, to: expert_group_x }
                      - { to: employees_group }
                    ola:
                      within: 12h
            """)
    }
    return Engine(definitions: try! RuntimeDefinitions(bundle: compiled.bundle, zone: TimeZoneDatabase.rules(named:)))
  }()

  static let now = Timestamp("2026-03-02T09:00:00+01:00")!.instant
  static let form = [
    "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
    "Problem_Description": "The modem drops every evening",
  ]

  static func context(
    segment: String? = nil, open: Int = 0, recent: [CustomerContext.PastCase] = [], isNew: Bool = false
  ) -> CustomerContext {
    CustomerContext(
      id: "CUS-000001", fields: segment.map { ["Segment": .string($0)] } ?? [:], openCases: open, pendingCases: 0,
      recentCases: recent, isNew: isNew)
  }

  /// The created case's priority and the target of its first task.
  static func created(with customer: CustomerContext?) throws -> (priority: Int, target: String?) {
    let events = try engine.decide(
      .create(type: "technical", fields: form, sequence: 1), on: nil, by: "alice", at: now, customer: customer
    ).get()
    let state = try #require(CaseState.replay(events))
    return (state.priority, state.tasks.first?.target)
  }

  static func past(_ type: String, hoursAgo: Int) -> CustomerContext.PastCase {
    CustomerContext.PastCase(type: type, createdAt: now.adding(seconds: -hoursAgo * 3600))
  }

  @Test func aRepeatContactOnTheSameTypeWithinTheWindowRaisesThePriority() throws {
    #expect(try Self.created(with: Self.context(recent: [Self.past("technical", hoursAgo: 6 * 24)])).priority == 100)
    // Older than 7 × 24 hours, or of another type: no repeat contact.
    #expect(try Self.created(with: Self.context(recent: [Self.past("technical", hoursAgo: 7 * 24 + 1)])).priority == 50)
    #expect(try Self.created(with: Self.context(recent: [Self.past("finance", hoursAgo: 1)])).priority == 50)
  }

  @Test func profileFieldsAndIsNewAreRead() throws {
    #expect(try Self.created(with: Self.context(segment: "gold")).priority == 75)
    #expect(try Self.created(with: Self.context(segment: "gold", isNew: true)).priority == 50)
    #expect(try Self.created(with: Self.context(segment: "silver")).priority == 50)
  }

  @Test func conditionalTargetsReadTheContextAtCreation() throws {
    #expect(try Self.created(with: Self.context(open: 3)).target == "expert_group_x")
    #expect(try Self.created(with: Self.context(open: 2)).target == "employees_group")
  }

  @Test func withoutACustomerEveryCustomerConditionIsFalse() throws {
    let created = try Self.created(with: nil)
    #expect(created.priority == 50)
    #expect(created.target == "employees_group")
  }

  @Test func recentCasesCountsTheWindowBeforeNowOnly() {
    let context = Self.context(recent: [
      Self.past("technical", hoursAgo: 168), Self.past("technical", hoursAgo: 1), Self.past("finance", hoursAgo: 2),
      Self.past("technical", hoursAgo: -1),
    ])
    #expect(context.recentCount(within: 7 * 86_400, ofType: nil, before: Self.now) == 3)
    #expect(context.recentCount(within: 7 * 86_400, ofType: "technical", before: Self.now) == 2)
    #expect(context.recentCount(within: 3600, ofType: nil, before: Self.now) == 1)
  }
}
