/// Evaluates a checked condition on a case's data.
///
/// Rules: a comparison or `in` / `not in` with a missing value (or values of different
/// types) is false, so `X != "a"` is false when `X` is missing; `is empty` is true for a
/// missing value and for the empty string. Numbers compare numerically, dates by calendar
/// date, datetimes by instant whatever their offsets. Strings compare by Unicode canonical
/// equivalence and booleans only for equality; ordering them is false.
public enum ExpressionEvaluator {
  /// Whether `expression` holds; `value` returns a field's value by id, `nil` when missing.
  public static func evaluate(_ expression: Expression, _ value: (String) -> Value?) -> Bool {
    switch expression.kind {
    case .field, .literal:
      guard case .boolean(let truth)? = operand(expression, value) else { return false }
      return truth
    case .comparison(let op, let lhs, let rhs, _):
      guard let left = operand(lhs, value), let right = operand(rhs, value) else { return false }
      return compare(op, left, right)
    case .membership(let subject, let items, let isNegated, _):
      guard let subjectValue = operand(subject, value) else { return false }
      let found = items.contains { item in
        operand(item, value).map { compare(.equal, subjectValue, $0) } ?? false
      }
      return found != isNegated
    case .emptiness(let name, _, let isNegated, _):
      let current = value(name)
      let isEmpty = current == nil || current == .string("")
      return isEmpty != isNegated
    case .not(let operand):
      return !evaluate(operand, value)
    case .and(let operands):
      return operands.allSatisfy { evaluate($0, value) }
    case .or(let operands):
      return operands.contains { evaluate($0, value) }
    }
  }

  /// The value an operand stands for; a parenthesised condition stands for its truth.
  private static func operand(_ expression: Expression, _ value: (String) -> Value?) -> Value? {
    switch expression.kind {
    case .field(let name): value(name)
    case .literal(let literal): literal
    default: .boolean(evaluate(expression, value))
    }
  }

  /// Whether `lhs op rhs` holds under the rules above (values of different types never
  /// compare; strings and booleans are not ordered).
  public static func compare(_ op: ComparisonOperator, _ lhs: Value, _ rhs: Value) -> Bool {
    switch (lhs, rhs) {
    case (.number(let a), .number(let b)): op.holds(a, b)
    case (.date(let a), .date(let b)): op.holds(a, b)
    case (.datetime(let a), .datetime(let b)): op.holds(a.instant.secondsSinceEpoch, b.instant.secondsSinceEpoch)
    case (.string(let a), .string(let b)): !op.isOrdering && op.holds(a, b)
    case (.boolean(let a), .boolean(let b)): !op.isOrdering && op.holds(a ? 1 : 0, b ? 1 : 0)
    default: false
    }
  }
}
