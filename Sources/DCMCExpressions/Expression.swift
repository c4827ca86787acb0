public import DCMCDiagnostics

/// A parsed `when:` condition: a tree whose every node keeps where it was written.
///
/// Build one with `ExpressionParser.parse`, check it against a case type's fields with
/// `ExpressionChecker.check`, and evaluate it on case data with `ExpressionEvaluator`.
/// `description` is the canonical source form of the tree.
public struct Expression: Sendable, Hashable {
  /// What the node is.
  public var kind: Kind
  /// From the node's first token to its last; parentheses around the node are not included,
  /// so a field in parentheses still points at its name.
  public var range: SourceRange

  public init(_ kind: Kind, range: SourceRange) {
    self.kind = kind
    self.range = range
  }

  /// The shapes of a node.
  public indirect enum Kind: Sendable, Hashable {
    /// A case field, by id.
    case field(String)
    /// `customer.…`: the context of the case's customer.
    case customer(CustomerOperand)
    /// A literal value written in the condition.
    case literal(Value)
    /// `lhs op rhs`; `operatorRange` locates the operator.
    case comparison(ComparisonOperator, Expression, Expression, operatorRange: SourceRange)
    /// `subject in [items]` or `subject not in [items]`; the parser makes every item a
    /// `.literal`. `operatorRange` spans `in` or `not in`.
    case membership(Expression, [Expression], isNegated: Bool, operatorRange: SourceRange)
    /// `subject is empty` or `subject is not empty`, the subject a `.field` or a `.customer`;
    /// `operatorRange` spans from `is` to `empty`.
    case emptiness(Expression, isNegated: Bool, operatorRange: SourceRange)
    /// `not operand`.
    case not(Expression)
    /// Two or more operands joined by `and`, in source order.
    case and([Expression])
    /// Two or more operands joined by `or`, in source order.
    case or([Expression])
  }
}

extension SourceRange {
  /// The span from the start of `self` to the end of `other` (both in the same file).
  func through(_ other: SourceRange) -> SourceRange {
    SourceRange(file: file, start: start, end: other.end)
  }
}
