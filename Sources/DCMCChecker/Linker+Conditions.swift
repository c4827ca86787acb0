import DCMCDiagnostics
import DCMCExpressions
import DCMCModel

extension Linker {
  /// Type-checks every `when:` of a case type (rules and conditional targets) against its
  /// fields and, for `customer.` operands, the customer profile and the case types.
  mutating func checkConditions(_ scope: CaseTypeScope) {
    let signatures = Self.signatures(of: scope.caseType.fields)
    let customer = CustomerSignature(
      fields: Self.signatures(of: definitions.customerProfiles.first?.fields ?? []),
      caseTypes: Set(caseTypes.keys))
    var conditions = scope.caseType.rules.map(\.when)
    for task in scope.allTasks {
      if case .conditional(let entries) = task.target {
        conditions += entries.compactMap(\.when)
      }
    }
    for condition in conditions {
      guard let expression = condition.expression else { continue }
      diagnostics += ExpressionChecker.check(expression, fields: signatures, customer: customer)
    }
  }

  static func signatures(of fields: [FieldDefinition]) -> [String: FieldSignature] {
    var signatures: [String: FieldSignature] = [:]
    for field in fields where signatures[field.id.value] == nil {
      signatures[field.id.value] = FieldSignature(
        name: field.id.value, type: field.expressionType, isRequired: field.isRequired, range: field.id.range)
    }
    return signatures
  }
}
