import DCMCJSON

extension BundleTask: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    id = try object.required("id")
    name = try object.required("name")
    description = try object.optional("description")
    kind = try object.required("kind")
    start = try object.required("start")
    target = try object.required("target")
    ola = try object.optional("ola")
    priority = try object.optional("priority", in: 0...100)
    outcomes = try object.required("outcomes")
    fields = try object.required("fields")
    distribution = try object.optional("distribution")
  }
}

extension BundleTargetChoice: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    when = try object.optional("when")
    to = try object.required("to")
  }
}

extension BundleOutcome: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    code = try object.required("code")
    close = try object.optional("close")
    start = try object.required("start")
    assign = try object.optional("assign")
    escalate = try object.required("escalate")
    stage = try object.optional("stage")
    pend = try object.required("pend")
    set = try object.required("set")
  }
}

extension BundleDistribution: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    skill = try object.required("skill")
    tiers = try object.required("tiers")
    expandAfter = try object.required("expand_after")
  }
}

extension BundleTask.Kind: JSONReadable {}
