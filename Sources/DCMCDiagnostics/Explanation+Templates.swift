/// DC6101...DC6102: notification templates.
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
}
