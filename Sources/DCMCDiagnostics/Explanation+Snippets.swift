extension Explanation {
  /// The workgroup most examples route their tasks to, as the last document of a file.
  static let advisorsWorkgroup = """
    kind: Workgroup
    id: advisors
    members: [ann, bob]
    """

  /// A minimal case type with one task, for examples about something else (scenarios,
  /// templates). It has one field, `Customer_Name`, and the outcome `resolved`.
  static let complaintCaseType = """
    kind: CaseType
    id: complaint
    reference: "CMP-{seq:6}"
    fields:
      - { id: Customer_Name, type: string, required: true }
    stages:
      - id: handling
        tasks:
          - id: handle
            target: advisors
            outcomes:
              resolved: { close: resolved }
    ---
    \(advisorsWorkgroup)
    """

  /// A case type with one task routed to `advisors`, with `keys` (YAML lines at the top
  /// level of the document, several lines allowed) after its reference, followed by the
  /// `advisors` workgroup and a line break: for examples about one key.
  static func caseType(_ keys: String, reference: String = "\"CMP-{seq:6}\"") -> String {
    """
    kind: CaseType
    id: complaint
    reference: \(reference)
    \(keys)
    stages:
      - id: handling
        tasks:
          - id: handle
            target: advisors
            outcomes:
              resolved: { close: resolved }
    ---
    \(advisorsWorkgroup)

    """
  }
}
