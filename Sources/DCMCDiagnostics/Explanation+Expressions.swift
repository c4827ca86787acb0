/// DC5xxx: conditions (`when:`).
extension Explanation {
  /// A case type with segment, purchase date and contact fields and one rule `when: condition`.
  private static func rule(_ condition: String) -> String {
    caseType(
      """
      fields:
        - { id: Customer_Email, type: email, required: true }
        - { id: Customer_Phone, type: phone }
        - { id: Customer_Segment, type: enum, values: [gold, silver, bronze] }
        - { id: Purchase_Date, type: date }
      rules:
        - when: \(condition)
          priority: high
      """)
  }

  static let expressionSyntax = Explanation(
    title: "condition syntax error",
    summary: """
      The condition cannot be read. Conditions compare fields with `==`, `!=`, `<`, `<=`, `>`, `>=`, `in [...]` \
      and `is empty`, and combine them with `and`, `or`, `not` and parentheses; text is quoted.
      """,
    wrong: rule("Customer_Segment = \"gold\""),
    right: rule("Customer_Segment == \"gold\""))

  static let expressionTypeMismatch = Explanation(
    title: "type mismatch in a condition",
    summary: """
      The condition compares values of different types, such as a date with a number or a boolean with text, \
      or orders values that have no order. Such a condition could never be true as meant, so dcmc checks the \
      types against the case type's fields.
      """,
    wrong: rule("Purchase_Date > 30"),
    right: rule("Purchase_Date > 2026-01-01"))

  static let enumValueNotInValues = Explanation(
    title: "value not among the enum's values",
    summary: """
      The condition compares an enum field with a value that is not in the field's `values`, so it can never \
      match; it is usually a typo or a value that was renamed.
      """,
    wrong: rule("Customer_Segment == \"platinum\""),
    right: rule("Customer_Segment == \"gold\""))

  static let isEmptyOnRequired = Explanation(
    title: "'is empty' on a required field",
    summary: """
      The condition tests whether a required field is empty, but a case cannot be created without it, so the \
      test is always false. The condition probably means another field.
      """,
    wrong: rule("Customer_Email is empty"),
    right: rule("Customer_Phone is empty"))

  static let expressionNotBoolean = Explanation(
    title: "condition that is not true or false",
    summary: """
      A condition must be true or false, but this one is a value such as a field name on its own. Compare the \
      field with something, or test it with `is empty`.
      """,
    wrong: rule("Customer_Segment"),
    right: rule("Customer_Segment == \"gold\""))
}
