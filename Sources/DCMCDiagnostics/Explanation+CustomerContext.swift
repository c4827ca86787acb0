/// DC5006-DC5007: the customer's context in conditions (`customer.…`, CE20).
extension Explanation {
  /// A case type with one rule `when: condition`, after a CustomerProfile with a `Tier` field.
  private static func customerRule(_ condition: String) -> String {
    """
    kind: CustomerProfile
    id: customer
    fields:
      - { id: Tier, type: enum, values: [gold, silver] }
    ---
    """
      + "\n"
      + caseType(
        """
        fields:
          - { id: Customer_Name, type: string, required: true }
        rules:
          - when: \(condition)
            priority: high
        """)
  }

  static let unknownCustomerOperand = Explanation(
    title: "unknown customer field in a condition",
    summary: """
      After `customer.` a condition names a field of the customer record (`name`, `email`, `phone` or a field \
      of the CustomerProfile) or the customer's context: `open_cases`, `pending_cases`, `is_new` and \
      `recent_cases(7d)`. This name is none of them.
      """,
    wrong: customerRule("customer.Teir == \"gold\""),
    right: customerRule("customer.Tier == \"gold\""))

  static let invalidRecentWindow = Explanation(
    title: "recent_cases window out of range",
    summary: """
      `customer.recent_cases(7d)` counts the customer's cases created in the window before this one. The \
      window is calendar time from 1 minute (`1m`) to 366 days (`366d`); `0d` counts nothing, and a longer \
      window is no longer about recent contact.
      """,
    wrong: customerRule("customer.recent_cases(0d) > 0"),
    right: customerRule("customer.recent_cases(7d) > 0"))
}
