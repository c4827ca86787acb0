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
  }
}

extension BundleRule: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    when = try object.required("when")
    priority = try object.optional("priority", in: 0...100)
    set = try object.required("set")
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
