import DCMCJSON
import DCMCPatterns

extension BundleCaseType: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    id = try object.id("id")
    name = try object.required("name")
    description = try object.optional("description")
    source = try object.required("source")
    reference = try object.required("reference")
    // The checker's rule (DC2015): a format it refuses would make every case create fail, or
    // put '/' or a leading '.' in the case ids a store keeps as names.
    if let problem = ReferenceFormat.problem(in: reference, idOf: "case") {
      throw JSONShapeError(
        .refused("reference format of case type '\(id)' is refused: \(problem)"), path: ["reference"])
    }
    calendar = try object.calendarID("calendar")
    priority = try object.required("priority", in: 0...100)
    sla = try object.optional("sla")
    fields = try object.required("fields")
    rules = try object.required("rules")
    escalation = try object.required("escalation")
    stages = try object.required("stages")
    notifications = try object.required("notifications")
    // Bundles compiled before customers have neither key.
    customer = try object.optional("customer")
    customerStatus = try object.optional("customer_status")
    customerNextStep = try object.optional("customer_next_step")
    try checkCustomerKeys()
    try checkRuleEffects()
  }

  /// The checker's rules of a rule's `skill` (DC4017) and `acknowledge` (DC4018): a task
  /// distributed by skill, a `case_created` notification whose template it replaces.
  private func checkRuleEffects() throws(JSONShapeError) {
    for (index, rule) in rules.enumerated() {
      if rule.skill != nil, !tasks.contains(where: { $0.distribution != nil }) {
        throw JSONShapeError(
          .refused("a rule sets a skill, but no task of case type '\(id)' is distributed by skill"),
          path: ["rules", "\(index)", "skill"])
      }
      if rule.acknowledge != nil, !notifications.contains(where: { $0.on == .caseCreated }) {
        throw JSONShapeError(
          .refused("a rule sets 'acknowledge', but case type '\(id)' sends no 'case_created' notification"),
          path: ["rules", "\(index)", "acknowledge"])
      }
    }
  }

  /// The checker's rules of `customer:` (DC7007...DC7009), `customer_status:` and
  /// `customer_next_step:` (DC2004, DC7010): the runtime matches and shows customers by them
  /// without checking again.
  private func checkCustomerKeys() throws(JSONShapeError) {
    if let customer {
      if CustomerMappingRule.identifyingKeys.allSatisfy({ customer.field(for: $0) == nil }) {
        throw JSONShapeError(
          .refused("the customer mapping of case type '\(id)' names neither 'email' nor 'phone'"), path: ["customer"])
      }
      for key in CustomerMappingRule.keys {
        guard let fieldID = customer.field(for: key) else { continue }
        guard let field = fields.first(where: { $0.id == fieldID }) else {
          throw JSONShapeError(.refused("'\(fieldID)' is no field of case type '\(id)'"), path: ["customer", key])
        }
        guard CustomerMappingRule.fieldTypes(for: key).contains(field.type.rawValue) else {
          throw JSONShapeError(
            .refused("the customer's \(key) cannot come from \(field.type.rawValue) field '\(fieldID)'"),
            path: ["customer", key])
        }
      }
    }
    try checkCustomerWords(customerStatus, in: .status)
    try checkCustomerWords(customerNextStep, in: .nextStep)
  }

  /// `words` of `customer_status:` or `customer_next_step:` (`key`): each key a status or a
  /// resolution of the case type, each value words of at most the key's maximum length.
  private func checkCustomerWords(_ words: [String: String]?, in key: CustomerStatusWords.Key) throws(JSONShapeError) {
    for (status, words) in (words ?? [:]).sorted(by: { $0.key < $1.key }) {
      guard CustomerStatusWords.statuses.contains(status) || resolutions.contains(status) else {
        let statuses = CustomerStatusWords.statuses.joined(separator: ", ")
        let resolutions = resolutions.sorted().joined(separator: ", ")
        throw JSONShapeError(
          .refused(
            "unknown status or resolution '\(JSONFields.shown(status))', the statuses are \(statuses), "
              + "the resolutions of case type '\(id)' \(resolutions)"),
          path: [key.rawValue])
      }
      if let problem = CustomerStatusWords.problem(in: words, maximumLength: key.maximumLength) {
        throw JSONShapeError(
          .refused("invalid \(key.noun) for status '\(status)': \(problem)"), path: [key.rawValue, status])
      }
    }
  }
}

extension BundleCustomerMapping: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    name = try object.optionalID("name")
    email = try object.optionalID("email")
    phone = try object.optionalID("phone")
  }
}

extension BundleRule: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    when = try object.required("when")
    priority = try object.optional("priority", in: 0...100)
    set = try object.required("set")
    // Bundles compiled before CE20 have none of the three.
    target = try object.optionalID("target")
    skill = try object.optionalID("skill")
    acknowledge = try object.optionalID("acknowledge")
  }
}

extension BundleCondition: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    text = try object.required("text")
    expression = try object.required("expression")
  }
}

extension BundleAssignment: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    field = try object.id("field")
    value = try object.required("value")
  }
}

extension BundleEscalationLevel: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    target = try object.id("target")
    task = try object.id("task")
  }
}

extension BundleStage: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    id = try object.id("id")
    name = try object.required("name")
    startTasks = try object.ids("start_tasks")
    tasks = try object.required("tasks")
  }
}

extension BundleNotification: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    on = try object.required("on")
    channel = try object.required("channel")
    to = try object.required("to")
    template = try object.id("template")
  }
}

extension BundleNotification.Event: JSONReadable {}
extension BundleNotification.Channel: JSONReadable {}
