import DCMCChecker
import DCMCDiagnostics
import DCMCSyntax
import Testing

/// DC6103: which messages go to the customer. The golden fixture
/// `dc6103_internal_value_in_customer_message` shows the diagnostic itself (position, note,
/// help, fix-it); these cases show the ways a template reaches the customer, and those that
/// do not.
@Suite struct CustomerMessageCheckTests {
  /// A case type with `keys` (top-level YAML lines), a template `news` whose body is `body`,
  /// and its workgroup.
  static func definitions(_ keys: String, body: String = "{{Case_Id}} is {{Case_Status}}") -> String {
    """
    kind: Workgroup
    id: agents
    members: [alice]
    ---
    kind: Template
    id: news
    body: "\(body)"
    ---
    kind: CaseType
    id: request
    reference: "REQ-{seq:6}"
    fields:
      - { id: Customer_Email, type: email, required: true }
      - { id: Customer_Phone, type: phone }
      - { id: Segment, type: enum, values: [gold, silver] }
    \(keys)
    stages:
      - id: handling
        tasks:
          - id: handle
            target: agents
            outcomes:
              done: { close: resolved }
    """
  }

  /// The DC6103 warnings of `text`, as `line:column variable`; nothing else may be reported.
  static func warnings(_ text: String) -> [String] {
    let diagnostics = Checker.check([YAMLReader.parse(name: "t.yaml", bytes: Array(text.utf8))]).diagnostics
    #expect(diagnostics.allSatisfy { $0.code == .internalValueInCustomerMessage }, "\(diagnostics)")
    #expect(diagnostics.allSatisfy { $0.severity == .warning })
    return diagnostics.map { "\($0.range.start.line):\($0.range.start.column) \($0.message.prefix { $0 != " " })" }
  }

  @Test func aNotificationToTheMappedEmailOrPhoneIsToTheCustomer() {
    for to in ["{{Customer_Email}}", "{{Customer_Phone}}", "Jane <{{Customer_Email}}>"] {
      let text = Self.definitions(
        """
        customer: { email: Customer_Email, phone: Customer_Phone }
        notifications:
          - { on: case_closed, channel: email, to: "\(to)", template: news }
        """)
      #expect(Self.warnings(text) == ["7:23 'Case_Status'"], "\(to)")
    }
  }

  @Test func aMessageToStaffOrWithoutAMappingIsNotWarnedAbout() {
    let toStaff = Self.definitions(
      """
      customer: { email: Customer_Email }
      notifications:
        - { on: case_closed, channel: email, to: "leads@example.com", template: news }
      """)
    #expect(Self.warnings(toStaff) == [])
    // Without `customer:`, no field is known to be the customer's address.
    let unmapped = Self.definitions(
      """
      notifications:
        - { on: case_closed, channel: email, to: "{{Customer_Email}}", template: news }
      """)
    #expect(Self.warnings(unmapped) == [])
    // The customer's own words and the case's fields are not internal.
    let words = Self.definitions(
      """
      customer: { email: Customer_Email }
      notifications:
        - { on: case_closed, channel: email, to: "{{Customer_Email}}", template: news }
      """, body: "{{Case_Id}} {{Customer_Status}} {{Customer_Next_Step}} {{Case_Type}} {{Task_Name}} {{Segment}}")
    #expect(Self.warnings(words) == [])
  }

  @Test func anAcknowledgementAndASLANotifyToTheCustomerAreToTheCustomer() {
    let acknowledged = Self.definitions(
      """
      customer: { email: Customer_Email }
      rules:
        - { when: Segment == "gold", acknowledge: news }
      notifications:
        - { on: case_created, channel: email, to: "{{Customer_Email}}", template: case_created }
      """) + "\n---\nkind: Template\nid: case_created\nbody: \"{{Case_Id}}\"\n"
    #expect(Self.warnings(acknowledged) == ["7:23 'Case_Status'"])
    let notified = Self.definitions(
      """
      customer: { email: Customer_Email }
      sla:
        within: 2d
        on_breach:
          - { notify: news, to: "{{Customer_Email}}" }
      """, body: "{{Case_Id}} is with {{Task_Assignee}} of {{Case_Target}}")
    #expect(Self.warnings(notified) == ["7:28 'Task_Assignee'", "7:49 'Case_Target'"])
  }
}
