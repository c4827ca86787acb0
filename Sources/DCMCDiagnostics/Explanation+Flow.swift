/// DC4001...DC4005 and DC4011: service levels, escalation and the paths through a case type.
extension Explanation {
  static let expertsWorkgroup = """
    kind: Workgroup
    id: experts
    members: [eve, frank]
    """

  /// A case type with an SLA of 8h whose task has the OLA `ola`.
  private static func slaAndOLA(_ ola: String) -> String {
    caseType("sla: 8h").replacingOccurrences("target: advisors", "target: advisors\n        ola: \(ola)")
  }

  static let olaNotBelowSLA = Explanation(
    title: "OLA not below the case SLA",
    summary: """
      A task's OLA is as long as the case SLA or longer, on the same calendar. The case would be late before \
      the task is, leaving no time for escalation or the rest of the work, so each OLA must be shorter than \
      the SLA.
      """,
    wrong: slaAndOLA("{ within: 12h, on_breach: [ { raise_priority: 20 } ] }"),
    right: slaAndOLA("{ within: 4h, on_breach: [ { raise_priority: 20 } ] }"))

  /// A case type escalating `handle` to `expert_review`, whose OLA is `reviewOLA`.
  private static func escalation(reviewOLA: String) -> String {
    """
    kind: CaseType
    id: technical
    reference: "TEC-{seq:6}"
    escalation: { target: experts, task: expert_review }
    stages:
      - id: handling
        tasks:
          - id: handle
            target: advisors
            ola: 4h
            outcomes:
              resolved: { close: resolved }
          - id: expert_review
            target: experts
            ola: \(reviewOLA)
            outcomes:
              resolved: { close: resolved }
    ---
    \(advisorsWorkgroup)
    ---
    \(expertsWorkgroup)
    """
  }

  static let escalationCanRepeat = Explanation(
    title: "escalation task can escalate again",
    summary: """
      The task of the last escalation level escalates again, through an outcome with `escalate: true` or an \
      OLA whose `on_breach` lists `escalate`, but no further level is declared, so there is nowhere to go. \
      Declare further `levels`, or give that task outcomes and breach actions that do not escalate.
      """,
    wrong: escalation(reviewOLA: "{ within: 2h, on_breach: [escalate] }"),
    right: escalation(reviewOLA: "{ within: 2h, on_breach: [ { raise_priority: 25 } ] }"))

  /// A case type whose `handle` task has the outcomes `outcomes` next to a `verify` task.
  private static func verification(_ outcomes: String) -> String {
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
    \(outcomes)
          - id: verify
            target: advisors
            outcomes:
              confirmed: { close: resolved }
    ---
    \(advisorsWorkgroup)
    """
  }

  static let unreachableTask = Explanation(
    title: "unreachable task",
    summary: """
      No path creates this task: it is not a start task of its stage (marked `start: true`, or the stage's \
      first task), no outcome starts it and it is not the escalation task. It would never appear in a \
      workbin, which is usually a forgotten `start:`.
      """,
    wrong: verification("          resolved: { close: resolved }"),
    right: verification("          resolved: { close: resolved }\n          check: { start: verify }"))

  /// A two-stage case type whose first task has the outcomes `outcomes`.
  private static func followUp(_ outcomes: String) -> String {
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
    \(outcomes)
      - id: follow_up
        tasks:
          - id: call_back
            target: advisors
            outcomes:
              done: { close: resolved }
    ---
    \(advisorsWorkgroup)
    """
  }

  static let unreachableStage = Explanation(
    title: "unreachable stage",
    summary: """
      No path enters this stage: every outcome of the stage before it closes the case, and no outcome jumps to \
      it with `stage:`. Its tasks would never be created.
      """,
    wrong: followUp("          resolved: { close: resolved }"),
    right: followUp("          resolved: { close: resolved }\n          answered: null"))

  /// A case type whose `handle` and `call_customer` tasks start each other; `handle` also has
  /// the outcomes `extra`.
  private static func pingPong(_ extra: String) -> String {
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
              needs_info: { start: call_customer }\(extra)
          - id: call_customer
            target: advisors
            outcomes:
              called: { start: handle }
    ---
    \(advisorsWorkgroup)
    """
  }

  static let noPathToClose = Explanation(
    title: "no path to a close",
    summary: """
      No sequence of outcomes closes the case: every outcome starts more work, so the case never ends and \
      would breach its SLA. Give at least one outcome a `close:` or let the last stage complete.
      """,
    wrong: pingPong(""),
    right: pingPong("\n          resolved: { close: resolved }"))

  /// A case type whose `handle` task can be escalated by hand; `escalation` is inserted
  /// after the reference and `review` after the task.
  private static func handEscalation(escalation: String, review: String) -> String {
    """
    kind: CaseType
    id: technical
    reference: "TEC-{seq:6}"\(escalation)
    stages:
      - id: handling
        tasks:
          - id: handle
            target: advisors
            outcomes:
              resolved: { close: resolved }
              too_hard: { escalate: true }\(review)
    ---
    \(advisorsWorkgroup)
    """
  }

  static let escalationNotDeclared = Explanation(
    title: "escalation not declared",
    summary: """
      A task escalates, by an outcome `escalate: true` or by an OLA breach action `escalate`, but the case \
      type has no `escalation`, so there is no target and no task to escalate to.
      """,
    wrong: handEscalation(escalation: "", review: ""),
    right: handEscalation(
      escalation: "\nescalation: { target: experts, task: expert_review }",
      review: """

              - id: expert_review
                target: experts
                outcomes:
                  resolved: { close: resolved }
        """) + "\n---\n" + expertsWorkgroup)
}
