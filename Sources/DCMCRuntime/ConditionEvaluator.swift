import DCMCBundle
import DCMCCalendar
import DCMCExpressions

/// Evaluates a compiled condition on a case's data, by the rules of
/// `ExpressionEvaluator` (which it calls for every comparison): a comparison with a missing
/// value is false, `is empty` holds for a missing value and for the empty string.
enum ConditionEvaluator {
  static func holds(_ expression: BundleExpression, _ value: (String) -> Value?) -> Bool {
    let operands = expression.operands ?? []
    switch expression.op {
    case .field, .literal:
      guard case .boolean(let truth)? = operand(expression, value) else { return false }
      return truth
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
      guard operands.count == 2, let op = ComparisonOperator(rawValue: expression.op.rawValue),
        let lhs = operand(operands[0], value), let rhs = operand(operands[1], value)
      else { return false }
      return ExpressionEvaluator.compare(op, lhs, rhs)
    case .in, .notIn:
      guard let subject = operands.first.flatMap({ operand($0, value) }) else { return false }
      let found = (expression.items ?? []).contains { ExpressionEvaluator.compare(.equal, subject, literal($0)) }
      return found != (expression.op == .notIn)
    case .isEmpty, .isNotEmpty:
      let current = expression.field.flatMap(value)
      let isEmpty = current == nil || current == .string("")
      return isEmpty != (expression.op == .isNotEmpty)
    case .not:
      return !(operands.first.map { holds($0, value) } ?? false)
    case .and:
      return operands.allSatisfy { holds($0, value) }
    case .or:
      return operands.contains { holds($0, value) }
    }
  }

  /// The value an operand stands for; a parenthesised condition stands for its truth.
  private static func operand(_ expression: BundleExpression, _ value: (String) -> Value?) -> Value? {
    switch expression.op {
    case .field: expression.field.flatMap(value)
    case .literal: expression.literal.map(literal)
    default: .boolean(holds(expression, value))
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
