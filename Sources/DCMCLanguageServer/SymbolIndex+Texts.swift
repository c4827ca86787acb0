import DCMCDiagnostics
import DCMCExpressions
import DCMCModel

extension SymbolIndex {
  /// The fields a case type names inside text: the `when:` of its rules and conditional
  /// targets, and the placeholders of its recipients and of the templates it notifies with
  /// (the templates' own files), each found as written so that a rename edits the name alone.
  mutating func addTexts(of caseType: CaseType, templates: [String: Template]) {
    let scope = caseType.header.id.value
    let fields = Set(caseType.fields.map(\.id.value))
    var conditions = caseType.rules.map(\.when)
    for task in caseType.tasks {
      if case .conditional(let entries) = task.target { conditions += entries.compactMap(\.when) }
    }
    for expression in conditions.compactMap(\.expression) { addFields(of: expression, in: scope) }

    var texts = caseType.notifications.map(\.to)
    var used = caseType.notifications.map(\.template.value) + caseType.rules.compactMap(\.acknowledge?.value)
    for level in [caseType.sla].compactMap({ $0 }) + caseType.tasks.compactMap(\.ola) {
      for case .notify(let template, let to) in level.onWarn + (level.onBreach ?? []) {
        used.append(template.value)
        if let to { texts.append(to) }
      }
    }
    var seen: Set<String> = []
    for id in used where seen.insert(id).inserted {
      guard let template = templates[id] else { continue }
      texts += [template.subject, template.body].compactMap { $0 }
    }
    for variable in texts.flatMap(\.variables) where fields.contains(variable.value) {
      let name = placeholderName(variable)
      use(.field, scope, name ?? variable, isExact: name != nil)
    }
  }

  private mutating func addFields(of expression: Expression, in scope: String) {
    switch expression.kind {
    case .field(let name):
      let isExact = lines[expression.range.file]?.text(of: expression.range) == name
      use(.field, scope, Located(name, at: expression.range), isExact: isExact)
    case .customer, .literal: break
    case .comparison(_, let lhs, let rhs, _):
      addFields(of: lhs, in: scope)
      addFields(of: rhs, in: scope)
    case .membership(let subject, _, _, _), .emptiness(let subject, _, _), .not(let subject):
      addFields(of: subject, in: scope)
    case .and(let operands), .or(let operands):
      for operand in operands { addFields(of: operand, in: scope) }
    }
  }

  /// The name inside a placeholder `{{ name }}` located at its own place on one line, or
  /// `nil` when the placeholder is located at its whole text (escapes or folding hide it).
  private func placeholderName(_ variable: Located<String>) -> Located<String>? {
    let range = variable.range
    guard range.start.line == range.end.line, let written = lines[range.file]?.text(of: range),
      written.hasPrefix("{{"), written.hasSuffix("}}")
    else { return nil }
    let inner = written.unicodeScalars.dropFirst(2).dropLast(2)
    let leading = inner.prefix { $0 == " " }.count
    let name = inner.dropFirst(leading).reversed().drop { $0 == " " }.reversed()
    guard String(String.UnicodeScalarView(name)) == variable.value else { return nil }
    var start = range.start
    start.column += 2 + leading
    start.offset += 2 + leading
    var end = start
    end.column += variable.value.unicodeScalars.count
    end.offset += variable.value.unicodeScalars.count
    return Located(variable.value, at: SourceRange(file: range.file, start: start, end: end))
  }
}
