/// DC4012...DC4015 and DC4022: fields, values and skills-based distribution.
extension Explanation {
  static let fieldOptionMismatch = Explanation(
    title: "field option that does not fit the type",
    summary: """
      A field option does not fit the field's type: `values` belong to enum fields only (and an enum field \
      needs them), `pattern` to string and text fields only, `public` to a case type's fields only (a form \
      task's and the customer profile's fields are never on the public form).
      """,
    wrong: """
      kind: CustomerProfile
      id: customer
      fields:
        - { id: Membership_No, type: integer, pattern: "^[0-9]{8}$" }
      """,
    right: """
      kind: CustomerProfile
      id: customer
      fields:
        - { id: Membership_No, type: string, pattern: "^[0-9]{8}$" }
      """)

  /// A rule setting the goodwill amount of gold customers to `amount`.
  private static func goodwill(_ amount: String) -> String {
    caseType(
      """
      fields:
        - { id: Customer_Segment, type: enum, values: [gold, silver, bronze] }
        - { id: Goodwill_Amount, type: number }
      rules:
        - when: Customer_Segment == "gold"
          set: { Goodwill_Amount: \(amount) }
      """)
  }

  static let valueTypeMismatch = Explanation(
    title: "value of the wrong type for a field",
    summary: """
      A value given for a field, in a `set:` or in a scenario, does not fit the field's type: text for a \
      number, a value outside an enum's `values`, a malformed date or email. The case data would be invalid.
      """,
    wrong: goodwill("fifty"),
    right: goodwill("50"))

  /// A task offered to members by their `technical` skill, in the tiers `tiers`.
  private static func distribution(tiers: String) -> String {
    """
    kind: CaseType
    id: technical
    reference: "TEC-{seq:6}"
    stages:
      - id: handling
        tasks:
          - id: handle
            target: technicians
            distribution: { skill: technical, tiers: \(tiers), expand_after: 30m }
            outcomes:
              resolved: { close: resolved }
    ---
    kind: Workgroup
    id: technicians
    members:
      - { user: eve, skills: { technical: 90 } }
      - { user: frank, skills: { technical: 50 } }
    """
  }

  static let invalidDistribution = Explanation(
    title: "invalid skills distribution",
    summary: """
      A skills-based distribution offers a task first to the members with the highest proficiency, then to \
      lower tiers as time passes. The tiers must go down strictly, each from 0 to 100, and the skill must be \
      one that some member of the target has.
      """,
    wrong: distribution(tiers: "[40, 60, 80]"),
    right: distribution(tiers: "[80, 60, 40]"))

  private static let intakeFields = """
      - { id: Customer_Name, type: string, required: true }
      - { id: Customer_Email, type: email, required: true }
      - { id: Customer_Phone, type: phone }
      - { id: Policy_No, type: string, required: true }
      - { id: Claim_Date, type: date, required: true }
      - { id: Claim_Type, type: enum, values: [water, fire, theft, other] }
      - { id: Claim_Amount, type: number }
      - { id: Description, type: text, required: true }
      - { id: Police_Report, type: boolean }
      - { id: Street, type: string }
      - { id: House_No, type: string }
    """

  private static let detailFields = """
      - { id: Postcode, type: string }
      - { id: City, type: string }
      - { id: Country, type: string }
      - { id: Bank_Account, type: string }
      - { id: Repair_Company, type: string }
      - { id: Repair_Quote, type: number }
      - { id: Witness_Name, type: string }
      - { id: Witness_Phone, type: phone }
      - { id: Photos_Sent, type: boolean }
      - { id: Preferred_Contact, type: enum, values: [email, phone] }
    """

  static let tooManyFields = Explanation(
    title: "too many form fields",
    summary: """
      The case creation form has more than 20 fields. Long forms slow down every advisor who opens a case; \
      keep the creation form short and collect the rest later with a form task.
      """,
    wrong: """
      kind: CaseType
      id: claim
      reference: "CLM-{seq:6}"
      fields:
      \(intakeFields)
      \(detailFields)
      stages:
        - id: handling
          tasks:
            - id: handle
              target: advisors
              outcomes:
                resolved: { close: resolved }
      ---
      \(advisorsWorkgroup)
      """,
    right: """
      kind: CaseType
      id: claim
      reference: "CLM-{seq:6}"
      fields:
      \(intakeFields)
      stages:
        - id: handling
          tasks:
            - id: handle
              target: advisors
              outcomes:
                resolved: { close: resolved }
                needs_details: { start: collect_details }
            - id: collect_details
              kind: form
              target: advisors
              fields:
      \(detailFields.replacingOccurrences("  - {", "          - {"))
              outcomes:
                done: { close: resolved }
      ---
      \(advisorsWorkgroup)
      """)

  /// A case type with a segment field that is required when `required` says so.
  private static func segment(required: Bool) -> String {
    caseType(
      """
      fields:
        - { id: Customer_Name, type: string, required: true }
        - { id: Customer_Segment, type: enum, values: [gold, silver, bronze], required: \(required), public: false }
      """)
  }

  static let requiredFieldNotPublic = Explanation(
    title: "required field that is not on the public form",
    summary: """
      A case type's field with `public: false` is left off the case type's public form (`/forms/TYPE`), \
      and a form that sends it is refused; staff, the API and the CLI still set it. If the field is also \
      `required`, no form a customer sends can create a case: it always lacks the field. Make the field \
      optional (a rule or a person fills it in later), or leave it on the form.
      """,
    wrong: segment(required: true),
    right: segment(required: false))
}
