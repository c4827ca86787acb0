/// DC2010...DC2020: scalar values and lists.
extension Explanation {
  static let invalidDuration = Explanation(
    title: "invalid duration",
    summary: """
      The text is not a duration. Write durations with the units d, h and m, such as `90m`, `16h`, `3d` or \
      `2d 4h`, or in ISO 8601 such as `PT12H`; on a business calendar `1d` is one working day.
      """,
    wrong: caseType("sla: 2 days"),
    right: caseType("sla: 2d"))

  static let nonPositiveDuration = Explanation(
    title: "zero or negative duration",
    summary: """
      A deadline such as an SLA or an OLA must be a positive duration: with zero or less, every case or task \
      would be late the moment it is created.
      """,
    wrong: caseType("sla: 0h"),
    right: caseType("sla: 8h"))

  static let invalidPriority = Explanation(
    title: "invalid priority",
    summary: """
      A priority is a whole number from 0 to 100, or one of `low` (25), `medium` (50), `high` (75) and \
      `critical` (100). Work is pulled from workbins in order of priority.
      """,
    wrong: caseType("priority: urgent"),
    right: caseType("priority: high"))

  static let invalidPercent = Explanation(
    title: "invalid percentage",
    summary: """
      A percentage, such as the `warn` point of an SLA or OLA, is written as a whole number from 1 to 100 \
      followed by `%`, like `75%`.
      """,
    wrong: caseType("sla: { within: 2d, warn: 0.75 }"),
    right: caseType("sla: { within: 2d, warn: 75% }"))

  static let invalidValue = Explanation(
    title: "value not allowed",
    summary: """
      The value is not one of those this key allows, such as a field type, a task kind, a notification event \
      or channel, or a breach action. The message lists the allowed values or names the closest one.
      """,
    wrong: caseType(
      """
      fields:
        - { id: Customer_Email, type: mail }
      """),
    right: caseType(
      """
      fields:
        - { id: Customer_Email, type: email }
      """))

  static let invalidReferenceFormat = Explanation(
    title: "invalid case reference format",
    summary: """
      The `reference` gives each case its human-readable number. It must contain `{seq:N}` exactly once, a \
      counter of N digits (1 to 12), and may contain `{yyyy}` and `{mm}` for the year and month.
      """,
    wrong: caseType("priority: medium", reference: "\"CMP-{yyyy}-{seq}\""),
    right: caseType("priority: medium", reference: "\"CMP-{yyyy}-{seq:6}\""))

  static let invalidPattern = Explanation(
    title: "invalid regular expression",
    summary: """
      The `pattern` of a field is not a valid regular expression, so the field's values could not be checked \
      when a case is created. Check that brackets and braces are balanced.
      """,
    wrong: """
      kind: CustomerProfile
      id: customer
      fields:
        - { id: Membership_No, type: string, pattern: "^M[0-9{8}$" }
      """,
    right: """
      kind: CustomerProfile
      id: customer
      fields:
        - { id: Membership_No, type: string, pattern: "^M[0-9]{8}$" }
      """)

  static let nonLinearPattern = Explanation(
    title: "pattern needs backtracking",
    summary: """
      Field patterns are matched in time proportional to the length of the value, so no value can make \
      a command hang. Backreferences (`\\1`, `\\k<name>`) and lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`) \
      need a backtracking matcher, and repetition counts go up to 1000; write the pattern without them.
      """,
    wrong: """
      kind: CustomerProfile
      id: customer
      fields:
        - { id: Membership_No, type: string, pattern: "^(?!0)[0-9]{8}$" }
      """,
    right: """
      kind: CustomerProfile
      id: customer
      fields:
        - { id: Membership_No, type: string, pattern: "^[1-9][0-9]{7}$" }
      """)

  static let invalidTimestamp = Explanation(
    title: "invalid timestamp",
    summary: """
      An instant, such as the `start` of a scenario or an `at` step, is written in ISO 8601 with its offset \
      from UTC, like `2026-03-02T09:00:00+01:00` or `2026-03-02T08:00:00Z`, so it means the same everywhere.
      """,
    wrong: """
      kind: Scenario
      id: complaint_resolved
      case_type: complaint
      start: 2026-03-02 09:00
      steps:
        - create: { fields: { Customer_Name: Jane } }
        - complete: { task: handle, outcome: resolved }
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

  static let invalidDate = Explanation(
    title: "invalid date",
    summary: """
      A date, such as a holiday or an override, is written `YYYY-MM-DD` and must be a real day: there is no \
      30 February.
      """,
    wrong: """
      kind: Calendar
      id: office
      timezone: Europe/Brussels
      hours:
        mon-fri: "09:00-17:00"
      holidays:
        - 2026-12-25
        - 2026-02-30
      """,
    right: """
      kind: Calendar
      id: office
      timezone: Europe/Brussels
      hours:
        mon-fri: "09:00-17:00"
      holidays:
        - 2026-12-25
        - 2027-01-01
      """)

  static let emptyList = Explanation(
    title: "empty list",
    summary: """
      The list is empty where at least one item is needed: a case type needs stages, a stage needs tasks, an \
      enum field needs values, a scenario needs steps.
      """,
    wrong: """
      kind: CustomerProfile
      id: customer
      fields:
        - { id: Segment, type: enum, values: [] }
      """,
    right: """
      kind: CustomerProfile
      id: customer
      fields:
        - { id: Segment, type: enum, values: [gold, silver, bronze] }
      """)
}
