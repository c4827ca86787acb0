/// DC3xxx: references between definitions.
extension Explanation {
  static let officeCalendar = """
    kind: Calendar
    id: office_brussels
    timezone: Europe/Brussels
    hours:
      mon-fri: "09:00-17:00"
    """

  static let unknownCalendar = Explanation(
    title: "unknown calendar",
    summary: """
      The calendar named here is not defined in any of the files validated together. Define it with \
      `kind: Calendar`, fix the name, or use the built-in `24x7` calendar.
      """,
    wrong: caseType("calendar: office_brusels\nsla: 2d") + "---\n" + officeCalendar,
    right: caseType("calendar: office_brussels\nsla: 2d") + "---\n" + officeCalendar)

  static let unknownWorkgroup = Explanation(
    title: "unknown workgroup",
    summary: """
      The workgroup named as a target, escalation target or reassignment is not defined. Work routed there \
      would land in no workbin, so every target must be a defined workgroup.
      """,
    wrong: caseType("priority: medium").replacingOccurrences("target: advisors", "target: advisor"),
    right: caseType("priority: medium"))

  static let unknownTemplate = Explanation(
    title: "unknown template",
    summary: """
      A notification or a `notify` action names a template that is not defined, so the customer or \
      supervisor would get no message. Define it with `kind: Template` or fix the name.
      """,
    wrong: caseType(
      """
      fields:
        - { id: Customer_Email, type: email, required: true }
      notifications:
        - { on: case_created, channel: email, to: "{{Customer_Email}}", template: case_create }
      """) + "---\n" + caseCreatedTemplate,
    right: caseType(
      """
      fields:
        - { id: Customer_Email, type: email, required: true }
      notifications:
        - { on: case_created, channel: email, to: "{{Customer_Email}}", template: case_created }
      """) + "---\n" + caseCreatedTemplate)

  static let caseCreatedTemplate = """
    kind: Template
    id: case_created
    subject: "Your request {{Case_Id}}"
    body: "We received your request {{Case_Id}} on {{Case_Creation_Date}}."
    """

  /// A claim case type whose `pay_claim` task sends work back to the task `sendBack`.
  private static func claims(sendBack: String) -> String {
    """
    kind: CaseType
    id: claim
    reference: "CLM-{seq:6}"
    stages:
      - id: handling
        tasks:
          - id: assess_claim
            target: advisors
            outcomes:
              assessed: { start: pay_claim }
          - id: pay_claim
            target: advisors
            outcomes:
              paid: { close: paid }
              query: { start: \(sendBack) }
    ---
    \(advisorsWorkgroup)
    """
  }

  static let unknownTask = Explanation(
    title: "unknown task",
    summary: """
      An outcome, the escalation or a scenario step names a task that the case type does not define. Tasks \
      are named by their `id`, which may be in any stage of the same case type.
      """,
    wrong: claims(sendBack: "asess_claim"),
    right: claims(sendBack: "assess_claim"))

  /// A case type whose `confirm` task jumps back to the stage `stage`.
  private static func confirmation(reopenStage stage: String) -> String {
    """
    kind: CaseType
    id: complaint
    reference: "CMP-{seq:6}"
    stages:
      - id: handling
        tasks:
          - id: handle
            target: advisors
            outcomes:
              answered: null
      - id: confirmation
        tasks:
          - id: confirm
            target: advisors
            outcomes:
              confirmed: { close: resolved }
              reopened: { stage: \(stage) }
    ---
    \(advisorsWorkgroup)
    """
  }

  static let unknownStage = Explanation(
    title: "unknown stage",
    summary: """
      An outcome jumps to a stage (`stage:`) that the case type does not define. Stages are named by their \
      `id` in the case type's `stages` list.
      """,
    wrong: confirmation(reopenStage: "handlng"),
    right: confirmation(reopenStage: "handling"))

  static let unknownField = Explanation(
    title: "unknown field",
    summary: """
      A condition, a `set:` or a scenario names a field that the case type does not define. Field names are \
      case-sensitive and must match an `id` in the case type's `fields`.
      """,
    wrong: caseType(
      """
      fields:
        - { id: Customer_Segment, type: enum, values: [gold, silver, bronze] }
      rules:
        - when: Customer_Segmnt == "gold"
          priority: high
      """),
    right: caseType(
      """
      fields:
        - { id: Customer_Segment, type: enum, values: [gold, silver, bronze] }
      rules:
        - when: Customer_Segment == "gold"
          priority: high
      """))

  static let unknownOutcome = Explanation(
    title: "unknown outcome",
    summary: """
      A scenario completes a task with an outcome that the task does not offer. The outcomes of a task are \
      the keys of its `outcomes` mapping.
      """,
    wrong: """
      kind: Scenario
      id: complaint_resolved
      case_type: complaint
      start: 2026-03-02T09:00:00+01:00
      steps:
        - create: { fields: { Customer_Name: Jane } }
        - complete: { task: handle, outcome: resolve }
        - expect: { case: closed, resolution: resolved }
      ---
      \(complaintCaseType)
      """,
    right: """
      kind: Scenario
      id: complaint_resolved
      case_type: complaint
      start: 2026-03-02T09:00:00+01:00
      steps:
        - create: { fields: { Customer_Name: Jane } }
        - complete: { task: handle, outcome: resolved }
        - expect: { case: closed, resolution: resolved }
      ---
      \(complaintCaseType)
      """)

  static let unknownUser = Explanation(
    title: "unknown user",
    summary: """
      A user named by `assign:` or by a scenario step is not a member or supervisor of any workgroup. Users \
      exist only through their workgroups, and a user in none can do nothing.
      """,
    wrong: caseType("priority: medium").replacingOccurrences(
      "resolved: { close: resolved }",
      "resolved: { close: resolved }\n          second_opinion: { start: handle, assign: bobb }"),
    right: caseType("priority: medium").replacingOccurrences(
      "resolved: { close: resolved }",
      "resolved: { close: resolved }\n          second_opinion: { start: handle, assign: bob }"))

  static let assigneeOutsideTarget = Explanation(
    title: "assignee outside the task's target",
    summary: """
      An outcome's `assign:` gives the task it starts to a user who is not a member or supervisor of the \
      workgroup the task goes to. Only the target's people may work its tasks, so every case reaching the \
      outcome would be refused. Assign a member of the target, or add the user to its workgroup.
      """,
    wrong: caseType("priority: medium").replacingOccurrences(
      "resolved: { close: resolved }",
      "resolved: { close: resolved }\n          second_opinion: { start: handle, assign: eve }") + "---\n"
      + expertsWorkgroup + "\n",
    right: caseType("priority: medium").replacingOccurrences(
      "resolved: { close: resolved }",
      "resolved: { close: resolved }\n          second_opinion: { start: handle, assign: bob }") + "---\n"
      + expertsWorkgroup + "\n")

  static let unknownCaseType = Explanation(
    title: "unknown case type",
    summary: """
      A scenario names a case type that is not defined in the files validated together. Validate the \
      scenario together with the file that defines the case type, or fix the name.
      """,
    wrong: """
      kind: Scenario
      id: complaint_created
      case_type: complain
      start: 2026-03-02T09:00:00+01:00
      steps:
        - create: { fields: { Customer_Name: Jane } }
        - expect: { task: handle, status: queued }
      ---
      \(complaintCaseType)
      """,
    right: """
      kind: Scenario
      id: complaint_created
      case_type: complaint
      start: 2026-03-02T09:00:00+01:00
      steps:
        - create: { fields: { Customer_Name: Jane } }
        - expect: { task: handle, status: queued }
      ---
      \(complaintCaseType)
      """)
}

extension String {
  /// The example with every `target` replaced by `replacement`.
  func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
