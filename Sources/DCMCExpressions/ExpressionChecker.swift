public import DCMCDiagnostics

/// Type-checks a parsed condition against the fields of its case type.
///
/// Reports DC3006 for an unknown field, DC5002 for operands of different types or an
/// ordering of unordered values, DC5003 for an enum literal outside the field's `values`,
/// DC5004 (a warning) for `is empty` on a required field, and DC5005 for a non-boolean
/// operand of `and`, `or`, `not` or a non-boolean condition. Each root cause is reported
/// once: an operand whose type is unknown after an error raises nothing further.
public enum ExpressionChecker {
  public static func check(_ expression: Expression, fields: [String: FieldSignature]) -> [Diagnostic] {
    var checker = TypeChecker(fields: fields)
    if let type = checker.type(of: expression), type != .boolean {
      checker.report(
        .expressionNotBoolean, "expected a boolean condition, found \(type.phrase)", at: expression.range,
        notes: checker.declarationNotes(for: [expression]))
    }
    return checker.diagnostics
  }
}
