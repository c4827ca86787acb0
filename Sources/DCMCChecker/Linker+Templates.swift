import DCMCDiagnostics
import DCMCModel

extension Linker {
  /// Notification templates exist, and every variable they use (in the template and in
  /// the recipient) is known to this case type.
  mutating func checkTemplates(_ scope: CaseTypeScope) {
    let caseType = scope.caseType
    let known = Set(TemplateText.builtinVariables + caseType.fields.map(\.id.value))
    var uses: [(template: Located<String>, to: TemplateText?)] = caseType.notifications.map { ($0.template, $0.to) }
    for level in [caseType.sla].compactMap({ $0 }) + caseType.tasks.compactMap(\.ola) {
      for case .notify(let template, let to) in level.onWarn + (level.onBreach ?? []) {
        uses.append((template, to))
      }
    }
    var checked: Set<String> = []
    for use in uses {
      if let to = use.to { checkVariables(to.variables, known: known, caseType: caseType, usedAt: nil) }
      guard resolveTemplate(use.template),
        let template = templates[use.template.value], checked.insert(use.template.value).inserted
      else { continue }
      let variables = (template.subject?.variables ?? []) + template.body.variables
      checkVariables(variables, known: known, caseType: caseType, usedAt: use.template)
    }
  }

  private mutating func checkVariables(
    _ variables: [Located<String>], known: Set<String>, caseType: CaseType, usedAt: Located<String>?
  ) {
    for variable in variables where !known.contains(variable.value) {
      var notes: [Note] = []
      if let usedAt { notes.append(Note("used by case type '\(caseType.header.id.value)' here", at: usedAt.range)) }
      let precise =
        variable.range.start.line == variable.range.end.line
        && variable.range.end.column - variable.range.start.column == variable.value.unicodeScalars.count + 4
      var diagnostic = Diagnostic(
        .unknownTemplateVariable,
        "unknown variable '\(variable.value)' for case type '\(caseType.header.id.value)'", at: variable.range,
        notes: notes, help: "the variables are the built-in Case_* and Task_* ones and the case type's fields")
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
