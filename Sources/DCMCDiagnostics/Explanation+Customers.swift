/// DC7007...DC7010: a case type's `customer:` mapping and `customer_status:` (and
/// `customer_next_step:`) words.
extension Explanation {
  /// The contact fields of a case type, with `customer` (a YAML flow mapping) after them.
  private static func contact(_ customer: String, emailType: String = "email") -> String {
    caseType(
      """
      fields:
        - { id: Customer_Name, type: string, required: true }
        - { id: Customer_Email, type: \(emailType), required: true }
      customer: \(customer)
      """)
  }

  static let unknownCustomerField = Explanation(
    title: "customer key naming an unknown field",
    summary: """
      A case type's `customer:` says which of its fields identify the customer and fill a new customer's \
      record: `name`, `email` and `phone`, each the id of a field of the case type's form. This one names no \
      field of the form, so a case could never be matched to its customer by it.
      """,
    wrong: contact("{ name: Customer_Name, email: Customer_Mail }"),
    right: contact("{ name: Customer_Name, email: Customer_Email }"))

  static let customerFieldType = Explanation(
    title: "customer key naming a field of the wrong type",
    summary: """
      The field a `customer:` key names must hold what the key stands for: `name` a string or text field, \
      `email` an email field, `phone` a phone field. Customers are found by an exact email (in any letter \
      case) or a number in E.164, which only fields of these types are checked to hold.
      """,
    wrong: contact("{ name: Customer_Name, email: Customer_Email }", emailType: "string"),
    right: contact("{ name: Customer_Name, email: Customer_Email }"))

  static let customerNotIdentified = Explanation(
    title: "customer mapping that identifies nobody",
    summary: """
      A case is matched to its customer by email, then by phone (SPEC section 14); a name alone identifies \
      nobody, since two customers may well share one. A `customer:` mapping names the field of at least one \
      of `email` and `phone`.
      """,
    wrong: contact("{ name: Customer_Name }"),
    right: contact("{ name: Customer_Name, email: Customer_Email }"))

  /// A case type whose customers read `words` while their case is pending.
  private static func pendingWords(_ words: String) -> String {
    caseType("customer_status: { pending: \(words) }")
  }

  static let invalidCustomerStatus = Explanation(
    title: "invalid customer status words",
    summary: """
      `customer_status:` overrides the words a customer reads for the status of their case (`open`, \
      `in_progress`, `pending`, `escalated`, `closed`, `cancelled`; by default "We are working on it", \
      "Waiting for you", "Resolved" and "Cancelled"), and for the resolutions a case of the type closes with \
      (a closed case reads its resolution's words, else those of `closed`). The words are shown one a line \
      in `customer cases`: \
      they are text of 1 to 80 characters, without line breaks or other control characters. \
      `customer_next_step:` takes the same keys and says what the customer can do (how to send what a pending \
      case waits for), in text of 1 to 200 characters by the same rule.
      """,
    wrong: pendingWords("\"\""),
    right: pendingWords("\"Waiting for your documents\""))
}
