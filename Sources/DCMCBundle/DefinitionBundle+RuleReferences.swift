import DCMCJSON

extension DefinitionBundle {
  /// The customer fields every record has, which conditions may read without a profile.
  static let builtinCustomerFields: Set<String> = ["name", "email", "phone"]

  /// The checker's rules of what rules name across definitions: a rule's `acknowledge` a
  /// template and its `target` a workgroup (DC3003, DC3002); in conditions, a `customer_field`
  /// node a built-in or profile field (DC5006), a `customer_recent_cases` node a case type of
  /// the bundle (DC3009). The engine reads them without checking again.
  func checkRuleReferences() throws(JSONShapeError) {
    let fields = Self.builtinCustomerFields.union(customerProfile?.fields.map(\.id) ?? [])
    let types = Set(caseTypes.map(\.id))
    let templateIDs = Set(templates.map(\.id))
    let workgroupIDs = Set(workgroups.map(\.id))
    for (index, caseType) in caseTypes.enumerated() {
      for (ruleIndex, rule) in caseType.rules.enumerated() {
        let path = ["case_types", "\(index)", "rules", "\(ruleIndex)"]
        if let template = rule.acknowledge, !templateIDs.contains(template) {
          throw JSONShapeError(.refused("a rule acknowledges with unknown template '\(template)'"), path: path)
        }
        if let target = rule.target, !workgroupIDs.contains(target) {
          throw JSONShapeError(.refused("a rule routes to unknown workgroup '\(target)'"), path: path)
        }
      }
      let conditions =
        caseType.rules.map(\.when) + caseType.stages.flatMap(\.tasks).flatMap(\.target).compactMap(\.when)
      for condition in conditions {
        if let problem = Self.customerProblem(in: condition.expression, fields: fields, types: types) {
          throw JSONShapeError(
            .refused("condition '\(JSONFields.shown(condition.text))' \(problem)"), path: ["case_types", "\(index)"])
        }
      }
    }
  }

  /// What is wrong with the `customer.` operands of `expression`, or `nil`.
  private static func customerProblem(in expression: BundleExpression, fields: Set<String>, types: Set<String>)
    -> String?
  {
    switch expression.op {
    case .customerField:
      guard let field = expression.field, fields.contains(field) else {
        return "reads customer field '\(expression.field ?? "")', which the customer profile does not declare"
      }
    case .customerRecentCases:
      if let type = expression.caseType, !types.contains(type) {
        return "counts the recent cases of unknown case type '\(type)'"
      }
    default:
      break
    }
    for operand in expression.operands ?? [] {
      if let problem = customerProblem(in: operand, fields: fields, types: types) { return problem }
    }
    return nil
  }
}
