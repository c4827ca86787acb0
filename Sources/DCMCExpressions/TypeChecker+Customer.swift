import DCMCDiagnostics

extension TypeChecker {
  /// The type of a `customer.` operand: a field's type, a number for the counts, a boolean
  /// for `is_new`; `nil` after reporting an unknown name, window or case type.
  mutating func customerType(_ operand: CustomerOperand, at range: SourceRange) -> OperandType? {
    switch operand {
    case .field(let name):
      if let field = customer.fields[name] { return OperandType(field.type) }
      if let builtin = CustomerSignature.builtinFields[name] { return OperandType(builtin) }
      let known =
        (customer.fields.keys.sorted() + CustomerSignature.builtinFields.keys.sorted())
        + CustomerOperand.contextNames
      var diagnostic = Diagnostic(
        .unknownCustomerOperand, "unknown customer field '\(name)'", at: range,
        help:
          "a condition reads the customer's profile fields and \(CustomerOperand.contextNames.joined(separator: ", "))"
      )
      if let close = Suggestion.closest(to: name, in: known) {
        diagnostic = diagnostic.suggesting(
          "customer field", close, declaredAt: customer.fields[close]?.range, replacing: nil)
      }
      diagnostics.append(diagnostic)
      return nil
    case .openCases, .pendingCases:
      return .number
    case .isNew:
      return .boolean
    case .recentCases(let window, let caseType, let caseTypeRange):
      var isValid = true
      if window.seconds < 60 || window.seconds > ContextDuration.maximumSeconds {
        report(
          .invalidRecentWindow, "window '\(window)' of 'recent_cases' is not between 1m and 366d",
          at: range)
        isValid = false
      }
      if let caseType, !customer.caseTypes.contains(caseType) {
        var diagnostic = Diagnostic(
          .unknownCaseType, "unknown case type '\(caseType)'", at: caseTypeRange ?? range)
        if let close = Suggestion.closest(to: caseType, in: customer.caseTypes.sorted()) {
          diagnostic = diagnostic.suggesting("case type", close, declaredAt: nil, replacing: nil)
        }
        diagnostics.append(diagnostic)
        isValid = false
      }
      return isValid ? .number : nil
    }
  }
}
