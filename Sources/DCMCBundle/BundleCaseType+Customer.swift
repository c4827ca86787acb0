extension BundleExpression {
  /// Whether the condition reads the case's customer (`customer.…`) anywhere.
  public var readsCustomer: Bool {
    switch op {
    case .customerField, .customerOpenCases, .customerPendingCases, .customerIsNew, .customerRecentCases: true
    default: operands?.contains(where: \.readsCustomer) ?? false
    }
  }
}

extension BundleCaseType {
  /// Whether a creation rule or a task's conditional target reads the case's customer, so that
  /// creating a case needs the customer's context.
  public var readsCustomer: Bool {
    rules.contains { $0.when.expression.readsCustomer }
      || tasks.contains { task in task.target.contains { $0.when?.expression.readsCustomer ?? false } }
  }
}
