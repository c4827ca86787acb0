import DCMCDiagnostics
import DCMCModel

extension Linker {
  /// The built-in variables whose values are internal codes, what each shows, and what to
  /// write instead (with the variable that replaces it, when there is one): a customer reads
  /// none of them on the status page (SPEC section 14), so none belongs in their messages.
  static let internalVariables: [String: (shows: String, help: String, replacement: String?)] = [
    "Case_Status": (
      "the case's internal status ('pending', 'in_progress')",
      "write {{Customer_Status}}, the words the customer reads on the status page ('Waiting for you', or the case "
        + "type's customer_status)", "Customer_Status"
    ),
    "Case_Target": (
      "a workgroup id ('employees_group')",
      "leave it out or write the team in the template's own words: the customer never sees workbins", nil
    ),
    "Task_Target": (
      "a workgroup id ('employees_group')",
      "leave it out or write the team in the template's own words: the customer never sees workbins", nil
    ),
    "Task_Assignee": (
      "an advisor's user id ('alice')",
      "leave it out or write 'an advisor' in the template's own words: the customer is never told who holds a task",
      nil
    ),
  ]

  /// DC6103: a template sent to the case's customer (a notification, or a `notify` action,
  /// whose recipient names the field `customer:` maps to `email` or `phone`; a rule's
  /// acknowledgement when `case_created` goes to them) uses a variable of `internalVariables`.
  /// A warning: the message is still sent, with the code in it. Each template once per case
  /// type; without a `customer:` mapping no recipient is known to be the customer.
  mutating func checkCustomerMessages(_ scope: CaseTypeScope) {
    let caseType = scope.caseType
    let addresses = Set(
      (caseType.customer?.entries ?? []).filter { $0.key == "email" || $0.key == "phone" }.map(\.field.value))
    guard !addresses.isEmpty else { return }
    func toCustomer(_ to: TemplateText?) -> Bool {
      to?.variables.contains { addresses.contains($0.value) } ?? false
    }
    let notifications = caseType.notifications.filter { toCustomer($0.to) }
    var sent: [(template: Located<String>, to: SourceRange)] = notifications.map { ($0.template, $0.to.range) }
    // A rule's acknowledgement replaces the template of `case_created`, to the same recipient.
    if let created = notifications.first(where: { $0.event.value == .caseCreated }) {
      sent += caseType.rules.compactMap(\.acknowledge).map { ($0, created.to.range) }
    }
    for level in [caseType.sla].compactMap({ $0 }) + scope.allTasks.compactMap(\.ola) {
      for action in level.onWarn + (level.onBreach ?? []) {
        guard case .notify(let template, let to) = action, let to, toCustomer(to) else { continue }
        sent.append((template, to.range))
      }
    }
    var checked: Set<String> = []
    for (use, to) in sent {
      guard let template = templates[use.value], checked.insert(use.value).inserted else { continue }
      for variable in (template.subject?.variables ?? []) + template.body.variables {
        guard let code = Self.internalVariables[variable.value] else { continue }
        var diagnostic = Diagnostic(
          .internalValueInCustomerMessage,
          "'\(variable.value)' shows the customer \(code.shows): template '\(use.value)' goes to the customer "
            + "of case type '\(caseType.header.id.value)'", at: variable.range,
          notes: [Note("sent to the customer here", at: to)], help: code.help)
        if let replacement = code.replacement, variable.range.coversPlaceholder(of: variable.value) {
          diagnostic.fixIts = [FixIt(replacing: variable.range, with: "{{\(replacement)}}")]
        }
        report(diagnostic)
      }
    }
  }
}

extension SourceRange {
  /// Whether the range is exactly `{{name}}` on one line (no spaces inside the braces), so a
  /// fix-it may replace it whole.
  func coversPlaceholder(of name: String) -> Bool {
    start.line == end.line && end.column - start.column == name.unicodeScalars.count + 4
  }
}
