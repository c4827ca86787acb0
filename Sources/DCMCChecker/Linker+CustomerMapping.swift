import DCMCDiagnostics
import DCMCModel
import DCMCPatterns

extension Linker {
  /// The fields a case type's `customer:` names: each a field of the case type (DC7007, with
  /// a suggestion) of a type that fits its key (DC7008, with a note at the field).
  mutating func checkCustomerMapping(_ scope: CaseTypeScope) {
    guard let mapping = scope.caseType.customer else { return }
    let fields = scope.fields
    for entry in mapping.entries {
      guard
        resolve(
          entry.field, among: fields, code: .unknownCustomerField, noun: "field", context: "'customer'",
          declaredAt: { $0.id.range }),
        let field = fields[entry.field.value]
      else { continue }
      let kind = field.kind.value.rawValue
      guard !CustomerMappingRule.fieldTypes(for: entry.key).contains(kind) else { continue }
      report(
        Diagnostic(
          .customerFieldType, "the customer's \(entry.key) cannot come from \(kind) field '\(field.id.value)'",
          at: entry.field.range, notes: [Note("field '\(field.id.value)' is declared here", at: field.id.range)],
          help: "'\(entry.key)' names \(CustomerMappingRule.expected(for: entry.key))"))
    }
  }
}
