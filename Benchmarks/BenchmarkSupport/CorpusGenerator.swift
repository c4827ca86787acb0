/// Generates a valid corpus of definitions for the validation benchmark.
///
/// The corpus holds `caseTypes` case types of about 80 lines each, one per file, plus what they
/// refer to: one file of templates shared by all case types, and per group of 100 case types
/// one calendar and five workgroups. Every case type uses conditional targets, an approval
/// task, a form task, a pending outcome, skills-based distribution, SLA and OLA warnings and
/// breach actions; every fourth one declares two escalation levels. The output depends only on
/// `caseTypes`, so two runs produce the same bytes.
package enum CorpusGenerator {
  /// The number of case types that share one calendar and one set of workgroups.
  package static let groupSize = 100

  /// The corpus files, in a stable order: templates, then per group its calendar and
  /// workgroups, then the case types.
  /// - Parameter caseTypes: how many case types to generate (0 gives only the shared files).
  /// - Returns: file names (relative, `.yaml`) and their YAML text.
  package static func files(caseTypes: Int) -> [(name: String, text: String)] {
    let count = max(caseTypes, 0)
    let groups = (count + groupSize - 1) / groupSize
    var files: [(name: String, text: String)] = [("templates.yaml", templates())]
    for group in 0..<groups {
      files.append(("calendar_g\(group).yaml", calendar(group: group)))
      files.append(("workgroups_g\(group).yaml", workgroups(group: group)))
    }
    for index in 0..<count {
      files.append((caseTypeFileName(index), caseType(index: index)))
    }
    return files
  }

  private static func caseTypeFileName(_ index: Int) -> String {
    let digits = String(index)
    return "case_type_" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + ".yaml"
  }

  /// The templates every generated case type uses; they only need `Customer_Name`, which all
  /// generated case types define.
  private static func templates() -> String {
    let texts: [(id: String, subject: String, body: String)] = [
      (
        "case_created", "Request {{Case_Id}} received",
        "Dear {{Customer_Name}}, we registered your {{Case_Type}} request {{Case_Id}} on "
          + "{{Case_Creation_Date}} at {{Case_Creation_Time}}. Expect an answer within {{Case_SLA}} "
          + "{{Case_SLA_format}} ({{Case_SLA_Type}})."
      ),
      (
        "case_closed", "Request {{Case_Id}} closed",
        "Dear {{Customer_Name}}, your request {{Case_Id}} is now {{Case_Status}}."
      ),
      (
        "case_assigned", "Request {{Case_Id}} in progress",
        "Dear {{Customer_Name}}, {{Task_Assignee}} is working on your request {{Case_Id}}."
      ),
      (
        "ola_at_risk", "OLA at risk on {{Case_Id}}",
        "Task {{Task_Name}} in {{Task_Target}} will soon miss its OLA."
      ),
      (
        "ola_breached", "OLA breached on {{Case_Id}}",
        "Task {{Task_Name}} in {{Task_Target}} missed its OLA; the case is due on {{Case_Due}}."
      ),
      (
        "sla_at_risk", "SLA at risk on {{Case_Id}}",
        "Case {{Case_Id}} ({{Case_Status}}) in {{Case_Target}} is due on {{Case_Due}}."
      ),
      (
        "sla_breached", "SLA breached on {{Case_Id}}",
        "Case {{Case_Id}} ({{Case_Status}}) in {{Case_Target}} missed its SLA."
      ),
    ]
    return texts.map { template in
      """
      kind: Template
      id: \(template.id)
      subject: "\(template.subject)"
      body: |
        \(template.body)

      """
    }.joined(separator: "---\n")
  }

  /// A Brussels office calendar; even groups open 09:00-17:00, odd groups 08:00-16:00.
  private static func calendar(group: Int) -> String {
    let hours = group % 2 == 0 ? "09:00-17:00" : "08:00-16:00"
    return """
      kind: Calendar
      id: calendar_g\(group)
      name: Benchmark office \(group)
      timezone: Europe/Brussels
      hours:
        mon-fri: "\(hours)"
      holidays:
        - 2026-01-01
        - 2026-04-06
        - 2026-05-01
        - 2026-12-25
        - 2027-01-01
      overrides:
        2026-12-24: "09:00-12:00"

      """
  }

  /// Three first-line workgroups (two general, one French-speaking), experts and supervisors.
  /// Every first-line member has the skill `general`, so distribution can reach its tiers.
  private static func workgroups(group: Int) -> String {
    let firstLines = ["first_line_g\(group)_0", "first_line_g\(group)_1", "first_line_g\(group)_fr"]
    var documents = firstLines.enumerated().map { offset, id in
      """
      kind: Workgroup
      id: \(id)
      members:
        - { user: u\(group)_\(offset)_a, skills: { general: 90, french: \(offset == 2 ? 95 : 30) } }
        - { user: u\(group)_\(offset)_b, skills: { general: 60 } }
        - { user: u\(group)_\(offset)_c, skills: { general: 40 } }
      supervisors: [lead\(group)]

      """
    }
    documents.append(
      """
      kind: Workgroup
      id: experts_g\(group)
      members: [expert\(group)_a, expert\(group)_b]
      supervisors: [lead\(group)]

      """)
    documents.append(
      """
      kind: Workgroup
      id: supervisors_g\(group)
      members: [lead\(group), manager\(group)]
      supervisors: [manager\(group)]

      """)
    return documents.joined(separator: "---\n")
  }

  /// One case type of about 80 lines. Its calendar, priority, SLA and OLA vary with `index`.
  private static func caseType(index: Int) -> String {
    let group = index / groupSize
    let calendar = index % 3 == 0 ? "24x7" : "calendar_g\(group)"
    let priorities = ["low", "medium", "high", "40", "60"]
    let slaDays = 2 + index % 4
    let olaHours = 4 + index % 9
    let twoLevels = index % 4 == 0
    return """
      # Generated case type \(index) of the validation benchmark corpus.
      kind: CaseType
      id: bench_case_\(index)
      name: Benchmark case \(index)
      description: Generated case type number \(index)
      reference: "B\(index)-{yyyy}-{seq:6}"
      calendar: \(calendar)
      priority: \(priorities[index % priorities.count])
      sla:
        within: \(slaDays)d
        warn: \(60 + index % 30)%
        pause_when_pending: true
        on_warn:
          - { notify: sla_at_risk }
        on_breach:
          - { notify: sla_breached }
          - { raise_priority: 20 }
      fields:
        - { id: Customer_Name, type: string, required: true }
        - { id: Customer_Email, type: email, required: true }
        - { id: Customer_Phone, type: phone }
        - { id: Customer_Segment, type: enum, values: [gold, silver, bronze] }
        - { id: Language, type: enum, values: [en, fr, nl] }
        - { id: Account_No, type: string, pattern: "^A[0-9]{7}$" }
        - { id: Amount, type: number }
        - { id: Request_Date, type: date }
        - { id: Details, type: text, required: true }
      rules:
        - when: Customer_Segment == "gold"
          priority: high
        - when: Amount > \(100 * (1 + index % 10)) and Language in ["fr", "nl"]
          priority: critical
      \(escalation(group: group, twoLevels: twoLevels))
      stages:
        - id: intake
          name: Intake
          tasks:
            - id: triage
              name: Triage the request
              target:
                - { when: Language == "fr", to: first_line_g\(group)_fr }
                - { to: first_line_g\(group)_\(index % 2) }
              ola: { within: \(olaHours)h, warn: 75%, on_warn: [ { notify: ola_at_risk } ] }
              distribution: { skill: general, tiers: [80, 50, 30], expand_after: 30m }
              outcomes:
                accepted: {}
                needs_info: { pend: true, start: follow_up }
                refused: { close: rejected }
                escalate: { escalate: true }
            - id: follow_up
              name: Follow up with the customer
              target: first_line_g\(group)_0
              outcomes:
                accepted: {}
                escalate: { escalate: true }
      \(escalationTasks(group: group, twoLevels: twoLevels))
        - id: decision
          tasks:
            - id: approve
              kind: approval
              target: supervisors_g\(group)
              ola: { within: 2h, on_breach: [ { reassign: experts_g\(group) }, { notify: ola_breached } ] }
              outcomes:
                approved: {}
                rejected: { close: rejected }
        - id: wrap_up
          tasks:
            - id: record_result
              kind: form
              target: first_line_g\(group)_\(index % 2)
              fields:
                - { id: Result_Code, type: enum, values: [fixed, replaced, refunded], required: true }
                - { id: Closing_Note, type: text }
              outcomes:
                done: { close: resolved }
      notifications:
        - { on: case_created, channel: email, to: "{{Customer_Email}}", template: case_created }
        - { on: task_assigned, channel: sms, to: "{{Customer_Phone}}", template: case_assigned }
        - { on: case_closed, channel: email, to: "{{Customer_Email}}", template: case_closed }

      """
  }

  /// The `escalation` key: one level to the experts, or experts then supervisors.
  private static func escalation(group: Int, twoLevels: Bool) -> String {
    guard twoLevels else {
      return "escalation: { target: experts_g\(group), task: expert_review }"
    }
    return """
      escalation:
        levels:
          - { target: experts_g\(group), task: expert_review }
          - { target: supervisors_g\(group), task: supervisor_review }
      """
  }

  /// The escalation tasks of the intake stage, indented as its last tasks. The task of the
  /// last level neither escalates by outcome nor on OLA breach.
  private static func escalationTasks(group: Int, twoLevels: Bool) -> String {
    let lastLevelOLA = "ola: { within: 2h, on_breach: [ { notify: ola_breached }, { raise_priority: 25 } ] }"
    var text = """
            - id: expert_review
              name: Expert review
              target: experts_g\(group)
              \(twoLevels ? "ola: 3h" : lastLevelOLA)
              outcomes:
                resolved: { close: resolved }
                send_back: { start: follow_up, assign: original }
      """
    text += twoLevels ? "\n          escalate: { escalate: true }" : ""
    if twoLevels {
      text += """

              - id: supervisor_review
                name: Supervisor review
                target: supervisors_g\(group)
                \(lastLevelOLA)
                outcomes:
                  resolved: { close: resolved }
        """
    }
    return text
  }
}
