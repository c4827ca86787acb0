/// DC2001...DC2009: the shape of documents.
extension Explanation {
  static let documentNotMapping = Explanation(
    title: "document not a mapping",
    summary: """
      Every document in a definitions file is a mapping that starts with `kind:` and `id:`. This one is a list \
      or a single value, often because of a stray `-` in front of `kind:`.
      """,
    wrong: """
      - kind: Workgroup
        id: advisors
        members: [ann, bob]
      """,
    right: """
      kind: Workgroup
      id: advisors
      members: [ann, bob]
      """)

  static let missingKind = Explanation(
    title: "document without a kind",
    summary: """
      The document has no `kind`, so dcmc cannot tell whether it is a case type, a calendar, a workgroup, a \
      template, the customer profile or a scenario. Separate documents with `---` and give each one its kind.
      """,
    wrong: """
      id: advisors
      members: [ann, bob]
      """,
    right: """
      kind: Workgroup
      id: advisors
      members: [ann, bob]
      """)

  static let unknownKind = Explanation(
    title: "unknown kind",
    summary: """
      The `kind` is not one that dcmc knows. The kinds are CaseType, Calendar, Workgroup, Template, \
      CustomerProfile and Scenario, written exactly so.
      """,
    wrong: """
      kind: Workgroups
      id: advisors
      members: [ann, bob]
      """,
    right: """
      kind: Workgroup
      id: advisors
      members: [ann, bob]
      """)

  static let unknownKey = Explanation(
    title: "unknown key",
    summary: """
      The mapping has a key that this kind of definition does not have, usually a typo. dcmc refuses unknown \
      keys everywhere, because a misspelt optional key would otherwise be ignored without a word.
      """,
    wrong: """
      kind: Workgroup
      id: advisors
      members: [ann, bob]
      supervisor: [sam]
      """,
    right: """
      kind: Workgroup
      id: advisors
      members: [ann, bob]
      supervisors: [sam]
      """)

  static let missingKey = Explanation(
    title: "missing required key",
    summary: """
      A key that this definition cannot do without is missing, such as the `timezone` of a calendar or the \
      `stages` of a case type.
      """,
    wrong: """
      kind: Calendar
      id: office
      hours:
        mon-fri: "09:00-17:00"
      """,
    right: """
      kind: Calendar
      id: office
      timezone: Europe/Brussels
      hours:
        mon-fri: "09:00-17:00"
      """)

  static let wrongType = Explanation(
    title: "wrong type of value",
    summary: """
      The value is not of the type the key expects: a list where a mapping is expected, text where a number \
      is expected, or `yes` where a boolean is expected. dcmc does not guess: a boolean is `true` or `false`.
      """,
    wrong: caseType(
      """
      fields:
        - { id: Customer_Email, type: email, required: yes }
      """),
    right: caseType(
      """
      fields:
        - { id: Customer_Email, type: email, required: true }
      """))

  static let invalidId = Explanation(
    title: "invalid id",
    summary: """
      An id has letters, digits and `_`, starts with a letter and is at most 64 characters long. Ids end up \
      in references, file names and reports, so spaces, dashes and accents are not allowed; use `name` for \
      the label people read.
      """,
    wrong: """
      kind: Workgroup
      id: claims-advisors
      members: [ann, bob]
      """,
    right: """
      kind: Workgroup
      id: claims_advisors
      name: Claims advisors
      members: [ann, bob]
      """)

  static let duplicateId = Explanation(
    title: "duplicate id",
    summary: """
      Two definitions of the same kind have the same id, across all the files validated together, or two \
      stages, tasks, fields or outcomes of one case type share an id. References would be ambiguous, so each \
      id must be unique.
      """,
    wrong: """
      kind: Workgroup
      id: advisors
      members: [ann, bob]
      ---
      kind: Workgroup
      id: advisors
      members: [eve, frank]
      """,
    right: """
      kind: Workgroup
      id: advisors
      members: [ann, bob]
      ---
      kind: Workgroup
      id: experts
      members: [eve, frank]
      """)

  static let unsupportedAPIVersion = Explanation(
    title: "unsupported apiVersion",
    summary: """
      The document declares an `apiVersion` that this dcmc does not read. The only version is `dcm/v1`; the \
      key is optional.
      """,
    wrong: """
      apiVersion: dcm/v2
      kind: Workgroup
      id: advisors
      members: [ann, bob]
      """,
    right: """
      apiVersion: dcm/v1
      kind: Workgroup
      id: advisors
      members: [ann, bob]
      """)
}
