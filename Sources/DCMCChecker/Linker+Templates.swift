import DCMCDiagnostics
import DCMCModel

extension Linker {
  /// The variables every template may use, besides the case type's fields.
  static let builtinVariables = Set(TemplateText.builtinVariables)

  /// Notification templates exist, and every variable they use (in the template and in
  /// the recipient) is known to this case type. Each template is checked once per case type.
  mutating func checkTemplates(_ scope: CaseTypeScope) {
    let caseType = scope.caseType
    checkFieldsHiddenByVariables(caseType)
    var known = Self.builtinVariables
    for field in caseType.fields { known.insert(field.id.value) }
    var checked: Set<String> = []
    for notification in caseType.notifications {
      checkUse(of: notification.template, to: notification.to, known: known, checked: &checked, caseType: caseType)
    }
    // A rule's acknowledgement replaces the template of the `case_created` notification.
    if caseType.notifications.contains(where: { $0.event.value == .caseCreated }) {
      for template in caseType.rules.compactMap(\.acknowledge) {
        checkUse(of: template, to: nil, known: known, checked: &checked, caseType: caseType)
      }
    }
    for level in [caseType.sla].compactMap({ $0 }) + scope.allTasks.compactMap(\.ola) {
      for action in level.onWarn + (level.onBreach ?? []) {
        guard case .notify(let template, let to) = action else { continue }
        checkUse(of: template, to: to, known: known, checked: &checked, caseType: caseType)
      }
    }
  }

  /// The variables that read the case's fields of the same names when the case type has no
  /// SLA (`Decision.variable`).
  static let slaVariables: Set<String> = ["Case_SLA", "Case_SLA_format", "Case_SLA_Type"]

  /// A field with a built-in variable's id is never what a template's placeholder of that name
  /// shows: the built-in is (but for the SLA's variables of a case type without one).
  private mutating func checkFieldsHiddenByVariables(_ caseType: CaseType) {
    for field in caseType.fields where Self.builtinVariables.contains(field.id.value) {
      if caseType.sla == nil, Self.slaVariables.contains(field.id.value) { continue }
      let id = field.id.value
      report(
        Diagnostic(
          .fieldHiddenByVariable,
          "field '\(id)' of case type '\(caseType.header.id.value)' is hidden by the built-in variable of that name: "
            + "a template's {{\(id)}} never shows it",
          at: field.id.range, help: "give the field another id (templates show the built-in {{\(id)}})"))
    }
  }

  private mutating func checkUse(
    of template: Located<String>, to: TemplateText?, known: Set<String>, checked: inout Set<String>,
    caseType: CaseType
  ) {
    if let to { checkVariables(of: to, known: known, caseType: caseType, usedAt: nil) }
    guard resolveTemplate(template), let definition = templates[template.value],
      checked.insert(template.value).inserted
    else { return }
    if let subject = definition.subject {
      checkVariables(of: subject, known: known, caseType: caseType, usedAt: template)
    }
    checkVariables(of: definition.body, known: known, caseType: caseType, usedAt: template)
  }

  private mutating func checkVariables(
    of text: TemplateText, known: Set<String>, caseType: CaseType, usedAt: Located<String>?
  ) {
    for case .variable(let variable) in text.parts where !known.contains(variable.value) {
      var notes: [Note] = []
      if let usedAt { notes.append(Note("used by case type '\(caseType.header.id.value)' here", at: usedAt.range)) }
      let precise = variable.range.coversPlaceholder(of: variable.value)
      var diagnostic = Diagnostic(
        .unknownTemplateVariable,
        "unknown variable '\(variable.value)' for case type '\(caseType.header.id.value)'", at: variable.range,
        notes: notes, help: "the variables are the built-in ones (Case_*, Task_*, Customer_Status, Customer_Next_Step, "
          + "Status_Link) and the case type's fields")
      if let close = Suggestion.closest(to: variable.value, in: known.sorted()) {
        diagnostic.help = nil
        diagnostic = diagnostic.suggesting(
          "variable", close, declaredAt: caseType.fields.first { $0.id.value == close }?.id.range,
          replacing: precise ? variable.range : nil, with: "{{\(close)}}")
      }
      report(diagnostic)
    }
  }
}
