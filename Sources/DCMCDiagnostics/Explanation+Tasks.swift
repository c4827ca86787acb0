/// DC4006...DC4010: the shape of tasks and their outcomes.
extension Explanation {
  /// A one-stage case type whose tasks are `tasks` (YAML indented as items of `tasks:`).
  private static func caseType(tasks: String, fields: String = "") -> String {
    """
    kind: CaseType
    id: complaint
    reference: "CMP-{seq:6}"\(fields)
    stages:
      - id: handling
        tasks:
    \(tasks)
    ---
    \(advisorsWorkgroup)

    """
  }

  /// A refund approval task whose refusal outcome is `refusal`.
  private static func approval(refusal: String) -> String {
    caseType(
      tasks: """
              - id: approve_refund
                kind: approval
                target: advisors
                outcomes:
                  approved: { close: refunded }
                  \(refusal): { close: refused }
        """)
  }

  static let approvalOutcome = Explanation(
    title: "approval outcome other than approved or rejected",
    summary: """
      An approval task has exactly the outcomes `approved` and `rejected`, so that reports and scenarios can \
      count decisions the same way in every case type. Route other decisions with a work task.
      """,
    wrong: approval(refusal: "declined"),
    right: approval(refusal: "rejected"))

  /// An address-change task of kind `kind`, with `fields` lines after its target.
  private static func addressForm(kind: String, fields: String) -> String {
    caseType(
      tasks: """
              - id: collect_address
                kind: \(kind)
                target: advisors\(fields)
                outcomes:
                  done: { close: updated }
        """)
  }

  private static let addressFields = """

            fields:
              - { id: New_Address, type: text, required: true }
    """

  static let formWithoutFields = Explanation(
    title: "form task without fields",
    summary: """
      A form task collects data from the advisor, so it needs a `fields` list saying which data. Without it the \
      form would be empty; use a work task if no data is collected.
      """,
    wrong: addressForm(kind: "form", fields: ""),
    right: addressForm(kind: "form", fields: addressFields))

  /// A task routed by language, whose last target entry is `last`.
  private static func languageRouting(last: String) -> String {
    caseType(
      tasks: """
              - id: handle
                target:
                  - { when: Language == "fr", to: advisors_fr }
                  - \(last)
                outcomes:
                  resolved: { close: resolved }
        """,
      fields: "\nfields:\n  - { id: Language, type: enum, values: [fr, nl, en] }") + """
        ---
        kind: Workgroup
        id: advisors_fr
        members: [claire, denis]
        """
  }

  static let conditionalTargetWithoutDefault = Explanation(
    title: "conditional target without a default",
    summary: """
      The last entry of a conditional `target` list has a `when`. A case that matches no condition would have \
      no target and its task would be lost, so the last entry must have no condition.
      """,
    wrong: languageRouting(last: "{ when: Language != \"fr\", to: advisors }"),
    right: languageRouting(last: "{ to: advisors }"))

  static let fieldsOnNonFormTask = Explanation(
    title: "fields on a task that is not a form",
    summary: """
      Only a form task (`kind: form`) collects data with `fields`. On a work or approval task the fields \
      would never be shown, so dcmc refuses them.
      """,
    wrong: addressForm(kind: "work", fields: addressFields),
    right: addressForm(kind: "form", fields: addressFields))

  /// A task whose `waiting` outcome has the actions `actions`.
  private static func waiting(_ actions: String) -> String {
    caseType(
      tasks: """
              - id: handle
                target: advisors
                outcomes:
                  resolved: { close: resolved }
                  waiting: \(actions)
        """)
  }

  static let conflictingOutcomeActions = Explanation(
    title: "conflicting outcome actions",
    summary: """
      The actions of an outcome contradict each other: `close` cannot be combined with `start`, `stage`, \
      `pend` or `escalate`, `escalate` cannot be combined with `start` or `stage`, and `assign` needs a \
      `start` to say which task it assigns.
      """,
    wrong: waiting("{ close: resolved, pend: true }"),
    right: waiting("{ pend: true }"))
}
