import DCMCBundle
import DCMCDiagnostics
import DCMCExpressions
import DCMCModel

extension CompileContext {
  /// A checked condition as a tree, with its canonical text.
  func condition(_ condition: Condition) -> BundleCondition {
    guard let expression = condition.expression else {
      found.add("condition '\(condition.text.value.prefix(40))' does not parse")
      return BundleCondition(text: condition.text.value, expression: BundleExpression(.literal, literal: .boolean(false)))
    }
    return BundleCondition(text: expression.description, expression: tree(expression))
  }

  func tree(_ expression: Expression) -> BundleExpression {
    switch expression.kind {
    case .field(let name):
      return BundleExpression(.field, field: name)
    case .customer(let operand):
      return Self.customer(operand)
    case .literal(let value):
      return BundleExpression(.literal, literal: Self.literal(value, at: expression.range))
    case .comparison(let op, let lhs, let rhs, _):
      let kind: BundleExpression.Operator =
        switch op {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        }
      return BundleExpression(kind, operands: [tree(lhs), tree(rhs)])
    case .membership(let subject, let items, let isNegated, _):
      let literals = items.compactMap { item -> BundleLiteral? in
        guard case .literal(let value) = item.kind else {
          found.add("a list item of '\(expression.description.prefix(40))' is not a literal")
          return nil
        }
        return Self.literal(value, at: item.range)
      }
      return BundleExpression(isNegated ? .notIn : .in, operands: [tree(subject)], items: literals)
    case .emptiness(let subject, let isNegated, _):
      // A field keeps the form bundles had before `customer.` operands: its id in `field`.
      guard case .field(let field) = subject.kind else {
        return BundleExpression(isNegated ? .isNotEmpty : .isEmpty, operands: [tree(subject)])
      }
      return BundleExpression(isNegated ? .isNotEmpty : .isEmpty, field: field)
    case .not(let operand):
      return BundleExpression(.not, operands: [tree(operand)])
    case .and(let operands):
      return BundleExpression(.and, operands: operands.map(tree))
    case .or(let operands):
      return BundleExpression(.or, operands: operands.map(tree))
    }
  }

  private static func customer(_ operand: CustomerOperand) -> BundleExpression {
    switch operand {
    case .field(let name): BundleExpression(.customerField, field: name)
    case .openCases: BundleExpression(.customerOpenCases)
    case .pendingCases: BundleExpression(.customerPendingCases)
    case .isNew: BundleExpression(.customerIsNew)
    case .recentCases(let window, let caseType, _):
      BundleExpression(.customerRecentCases, windowSeconds: window.seconds, caseType: caseType)
    }
  }

  private static func literal(_ value: Value, at range: SourceRange) -> BundleLiteral {
    // Dates and datetimes keep the canonical text the expression printer gives them.
    let text = Expression(.literal(value), range: range).description
    switch value {
    case .string(let string): return .string(string)
    case .number(let number): return .number(number)
    case .boolean(let boolean): return .boolean(boolean)
    case .date: return .date(text)
    case .datetime: return .datetime(text)
    }
  }
}
