import DCMCBundle
import DCMCCalendar
import DCMCExpressions

/// Evaluates a compiled condition on a case's data, by the rules of
/// `ExpressionEvaluator` (which it calls for every comparison): a comparison with a missing
/// value is false, `is empty` holds for a missing value and for the empty string.
/// `customer` gives the value of a `customer_*` node, `nil` when missing (no customer).
enum ConditionEvaluator {
  static func holds(
    _ expression: BundleExpression, _ value: (String) -> Value?,
    customer: (BundleExpression) -> Value? = { _ in nil }
  ) -> Bool {
    func holds(_ expression: BundleExpression) -> Bool {
      ConditionEvaluator.holds(expression, value, customer: customer)
    }
    func operand(_ expression: BundleExpression) -> Value? {
      switch expression.op {
      case .field: expression.field.flatMap(value)
      case .literal: expression.literal.map(literal)
      case .customerField, .customerOpenCases, .customerPendingCases, .customerIsNew,
        .customerRecentCases:
        customer(expression)
      default: .boolean(holds(expression))
      }
    }
    let operands = expression.operands ?? []
    switch expression.op {
    case .field, .literal, .customerField, .customerOpenCases, .customerPendingCases,
      .customerIsNew,
      .customerRecentCases:
      guard case .boolean(let truth)? = operand(expression) else { return false }
      return truth
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
      guard operands.count == 2, let op = ComparisonOperator(rawValue: expression.op.rawValue),
        let lhs = operand(operands[0]), let rhs = operand(operands[1])
      else { return false }
      return ExpressionEvaluator.compare(op, lhs, rhs)
    case .in, .notIn:
      guard let subject = operands.first.flatMap(operand) else { return false }
      let found = (expression.items ?? []).contains {
        ExpressionEvaluator.compare(.equal, subject, literal($0))
      }
      return found != (expression.op == .notIn)
    case .isEmpty, .isNotEmpty:
      // A case field by id in `field`; a `customer_*` node as the one operand.
      let current =
        expression.field == nil ? operands.first.flatMap(operand) : expression.field.flatMap(value)
      let isEmpty = current == nil || current == .string("")
      return isEmpty != (expression.op == .isNotEmpty)
    case .not:
      return !(operands.first.map(holds) ?? false)
    case .and:
      return operands.allSatisfy(holds)
    case .or:
      return operands.contains(where: holds)
    }
  }

  private static func literal(_ literal: BundleLiteral) -> Value {
    switch literal {
    case .string(let text): .string(text)
    case .number(let number): .number(number)
    case .boolean(let flag): .boolean(flag)
    case .date(let text): LocalDate(text).map { .date($0) } ?? .string(text)
    case .datetime(let text): Timestamp(text).map { .datetime($0) } ?? .string(text)
    }
  }
}
