/// DC4017...DC4018: what a creation rule sets besides the priority and fields (CE20).
extension Explanation {
  /// A technical case type whose rule for repeat contacts sets `effect`; its task is
  /// distributed by skill when `distributed`, and it acknowledges creation when `acknowledges`.
  private static func repeatContact(_ effect: String, distributed: Bool = true, acknowledges: Bool = true) -> String {
    let distribution =
      distributed ? "\n        distribution: { skill: technical, tiers: [80, 50], expand_after: 30m }" : ""
    let acknowledgement = "  - { on: case_created, channel: email, to: \"{{Customer_Email}}\", template: case_created }"
    let notifications = acknowledges ? "\nnotifications:\n" + acknowledgement : ""
    return """
      kind: CaseType
      id: technical
      reference: "TEC-{seq:6}"
      fields:
        - { id: Customer_Email, type: email, required: true }
      rules:
        - when: customer.recent_cases(7d, "technical") >= 1
          \(effect)\(notifications)
      stages:
        - id: handling
          tasks:
            - id: handle
              target: technicians\(distribution)
              outcomes:
                resolved: { close: resolved }
      ---
      kind: Workgroup
      id: technicians
      members:
        - { user: eve, skills: { technical: 90, senior: 80 } }
        - { user: frank, skills: { technical: 50 } }
      ---
      kind: Template
      id: case_created
      body: "We received your request {{Case_Id}}."
      ---
      kind: Template
      id: known_contact
      body: "We know you have contacted us before about {{Case_Type}}."

      """
  }

  static let ruleSkillWithoutDistribution = Explanation(
    title: "rule skill with no task distributed by skill",
    summary: """
      A rule's `skill` replaces the skill by which the case's tasks are offered to members, so it only \
      applies to tasks that have a `distribution`. No task of this case type has one, so the skill would \
      change nothing.
      """,
    wrong: repeatContact("skill: senior", distributed: false),
    right: repeatContact("skill: senior"))

  static let acknowledgeWithoutNotification = Explanation(
    title: "acknowledgement with no case_created notification",
    summary: """
      A rule's `acknowledge` replaces the template of the notification the case type sends on \
      `case_created`; it never sends a second message. This case type sends none, so the rule would \
      acknowledge nothing.
      """,
    wrong: repeatContact("acknowledge: known_contact", acknowledges: false),
    right: repeatContact("acknowledge: known_contact"))
}
