/// DC6101...DC6104: notification templates.
extension Explanation {
  /// A case type that sends the `case_created` template, whose body is `body`.
  private static func welcome(body: String) -> String {
    caseType(
      """
      fields:
        - { id: Customer_Name, type: string, required: true }
        - { id: Customer_Email, type: email, required: true }
      notifications:
        - { on: case_created, channel: email, to: "{{Customer_Email}}", template: case_created }
      """) + """
        ---
        kind: Template
        id: case_created
        subject: "Your request {{Case_Id}}"
        body: "\(body)"
        """
  }

  static let unknownTemplateVariable = Explanation(
    title: "unknown template variable",
    summary: """
      A placeholder names a variable that is neither a built-in variable (such as `Case_Id` or `Case_SLA`) nor \
      a field of a case type that uses the template, so the customer would see an empty gap. A template used \
      by several case types may only use what all of them know.
      """,
    wrong: welcome(body: "Dear {{Customer_Nme}}, we received your request {{Case_Id}}."),
    right: welcome(body: "Dear {{Customer_Name}}, we received your request {{Case_Id}}."))

  static let templateSyntax = Explanation(
    title: "malformed template placeholder",
    summary: """
      A placeholder is not closed (`{{` without `}}`) or does not hold one variable name, such as `{{ }}`. \
      Write each variable as `{{Name}}`; spaces inside the braces are allowed.
      """,
    wrong: """
      kind: Template
      id: case_received
      subject: "Your request {{Case_Id was received"
      body: "We will answer within {{Case_SLA}} {{Case_SLA_format}}."
      """,
    right: """
      kind: Template
      id: case_received
      subject: "Your request {{Case_Id}} was received"
      body: "We will answer within {{Case_SLA}} {{Case_SLA_format}}."
      """)

  /// A case type that tells its customer when their case changes status, in the
  /// `case_status` template whose body is `body`.
  private static func statusNews(body: String) -> String {
    caseType(
      """
      fields:
        - { id: Customer_Email, type: email, required: true }
      customer: { email: Customer_Email }
      notifications:
        - { on: case_status_changed, channel: email, to: "{{Customer_Email}}", template: case_status }
      """) + """
        ---
        kind: Template
        id: case_status
        subject: "News about your request {{Case_Id}}"
        body: "Your request {{Case_Id}} is now: \(body)."
        """
  }

  static let internalValueInCustomerMessage = Explanation(
    title: "internal value in a customer's message",
    summary: """
      A template sent to the case's customer (its recipient names the field that `customer:` maps to `email` \
      or `phone`) uses a variable whose value is an internal code the customer would read: `Case_Status` \
      (`pending`), `Case_Target` and `Task_Target` (a workgroup id) or `Task_Assignee` (a user id). Write \
      `{{Customer_Status}}` for the status, the words the status page shows, and leave workgroups and \
      advisors out or name them in the template's own words; the message is still sent.
      """,
    wrong: statusNews(body: "{{Case_Status}}"),
    right: statusNews(body: "{{Customer_Status}}"))

  /// A case type whose field `id` holds the customer's account status, which its `case_created`
  /// template shows.
  private static func accountStatus(field id: String) -> String {
    caseType(
      """
      fields:
        - { id: Customer_Email, type: email, required: true }
        - { id: \(id), type: enum, values: [active, suspended] }
      notifications:
        - { on: case_created, channel: email, to: "{{Customer_Email}}", template: case_created }
      """) + """
        ---
        kind: Template
        id: case_created
        subject: "Your request {{Case_Id}}"
        body: "Your account is {{\(id)}}."
        """
  }

  static let fieldHiddenByVariable = Explanation(
    title: "field hidden by a built-in variable",
    summary: """
      A field of the case type has the id of a built-in template variable (`Case_Status`, `Task_Target`, \
      `Customer_Status`, ...), so a template's `{{...}}` of that name always shows the built-in value and \
      never the field: the message reads as if the field were used, with another value. Give the field \
      another id. `Case_SLA`, `Case_SLA_format` and `Case_SLA_Type` are the exception when the case type \
      has no `sla:`: templates then read the fields of those names.
      """,
    wrong: accountStatus(field: "Case_Status"),
    right: accountStatus(field: "Account_Status"))
}
