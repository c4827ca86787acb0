extension BundleCaseType {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    id = try object.string("id")
    name = try object.string("name")
    description = try object.optionalString("description")
    source = try object.decode("source", BundleSource.init(json:))
    reference = try object.string("reference")
    calendar = try object.string("calendar")
    priority = try object.int("priority")
    sla = try object.decodeIfPresent("sla", BundleServiceLevel.init(json:))
    fields = try object.array("fields", BundleField.init(json:))
    rules = try object.array("rules", BundleRule.init(json:))
    escalation = try object.array("escalation", BundleEscalationLevel.init(json:))
    stages = try object.array("stages", BundleStage.init(json:))
    notifications = try object.array("notifications", BundleNotification.init(json:))
  }
}

extension BundleRule {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    when = try object.decode("when", BundleCondition.init(json:))
    priority = try object.optionalInt("priority")
    set = try object.array("set", BundleAssignment.init(json:))
  }
}

extension BundleCondition {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    text = try object.string("text")
    expression = try object.decode("expression", BundleExpression.init(json:))
  }
}

extension BundleAssignment {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    field = try object.string("field")
    value = try object.string("value")
  }
}

extension BundleEscalationLevel {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    target = try object.string("target")
    task = try object.string("task")
  }
}

extension BundleStage {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    id = try object.string("id")
    name = try object.string("name")
    startTasks = try object.strings("start_tasks")
    tasks = try object.array("tasks", BundleTask.init(json:))
  }
}

extension BundleNotification {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    on = try object.enumeration("on", Event.self)
    channel = try object.enumeration("channel", Channel.self)
    to = try object.array("to", BundleTextPart.init(json:))
    template = try object.string("template")
  }
}
