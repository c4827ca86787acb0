public import DCMCDiagnostics

/// Type-checks a parsed condition against the fields of its case type.
///
/// Reports DC3006 for an unknown field, DC5002 for operands of different types or an
/// ordering of unordered values, DC5003 for an enum literal outside the field's `values`,
/// DC5004 (a warning) for `is empty` on a required field, and DC5005 for a non-boolean
/// operand of `and`, `or`, `not` or a non-boolean condition; for `customer.` operands, DC5006
/// for a name that is neither a context name nor a field of the customer record, DC5007 for a
/// `recent_cases` window outside 1 minute to 366 days, and DC3009 for an unknown case type.
/// Each root cause is reported once: an operand whose type is unknown after an error raises
/// nothing further.
public enum ExpressionChecker {
  public static func check(
    _ expression: Expression, fields: [String: FieldSignature], customer: CustomerSignature = .none
  ) -> [Diagnostic] {
    var checker = TypeChecker(fields: fields, customer: customer)
    if let type = checker.type(of: expression), type != .boolean {
      checker.report(
        .expressionNotBoolean, "expected a boolean condition, found \(type.phrase)", at: expression.range,
        notes: checker.declarationNotes(for: [expression]))
    }
    return checker.diagnostics
  }
}
