/// Evaluates a checked condition on a case's data.
///
/// Rules: a comparison or `in` / `not in` with a missing value (or values of different
/// types) is false, so `X != "a"` is false when `X` is missing; `is empty` is true for a
/// missing value and for the empty string. Numbers compare numerically, dates by calendar
/// date, datetimes by instant whatever their offsets. Strings compare by Unicode canonical
/// equivalence and booleans only for equality; ordering them is false. A `customer.` operand
/// is missing when the case has no customer, like a missing field.
public enum ExpressionEvaluator {
  /// Whether `expression` holds; `value` returns a field's value by id, `customer` the value
  /// of a `customer.` operand, each `nil` when missing.
  public static func evaluate(
    _ expression: Expression, _ value: (String) -> Value?,
    customer: (CustomerOperand) -> Value? = { _ in nil }
  ) -> Bool {
    func holds(_ expression: Expression) -> Bool {
      switch expression.kind {
      case .field, .customer, .literal:
        guard case .boolean(let truth)? = operand(expression) else { return false }
        return truth
      case .comparison(let op, let lhs, let rhs, _):
        guard let left = operand(lhs), let right = operand(rhs) else { return false }
        return compare(op, left, right)
      case .membership(let subject, let items, let isNegated, _):
        guard let subjectValue = operand(subject) else { return false }
        let found = items.contains { item in
          operand(item).map { compare(.equal, subjectValue, $0) } ?? false
        }
        return found != isNegated
      case .emptiness(let subject, let isNegated, _):
        let current = operand(subject)
        let isEmpty = current == nil || current == .string("")
        return isEmpty != isNegated
      case .not(let operand):
        return !holds(operand)
      case .and(let operands):
        return operands.allSatisfy(holds)
      case .or(let operands):
        return operands.contains(where: holds)
      }
    }
    /// The value an operand stands for; a parenthesised condition stands for its truth.
    func operand(_ expression: Expression) -> Value? {
      switch expression.kind {
      case .field(let name): value(name)
      case .customer(let operand): customer(operand)
      case .literal(let literal): literal
      default: .boolean(holds(expression))
      }
    }
    return holds(expression)
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
