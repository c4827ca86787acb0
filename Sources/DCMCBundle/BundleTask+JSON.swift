import DCMCJSON

extension BundleTask: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    id = try object.id("id")
    name = try object.required("name")
    description = try object.optional("description")
    kind = try object.required("kind")
    start = try object.required("start")
    target = try object.required("target")
    ola = try object.optional("ola")
    priority = try object.optional("priority", in: 0...100)
    outcomes = try object.required("outcomes")
    fields = try object.required("fields")
    try BundleField.refuseNotPublic(fields, of: "task '\(id)'")
    distribution = try object.optional("distribution")
    // Bundles compiled before push distribution have none of the four.
    mode = try object.optional("mode")
    offerTimeoutSeconds = try object.optional("offer_timeout_seconds", in: Self.offerTimeoutSeconds)
    if mode == .pull, offerTimeoutSeconds != nil {
      throw JSONShapeError(.refused("task '\(id)' has an offer time-out but is pulled"), path: ["offer_timeout_seconds"])
    }
    weight = try object.optional("weight", in: Self.weights) ?? 1
    allowClaim = try object.optional("allow_claim") ?? false
  }
}

extension BundleTargetChoice: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    when = try object.optional("when")
    to = try object.id("to")
  }
}

extension BundleOutcome: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    code = try object.id("code")
    close = try object.optionalID("close")
    start = try object.ids("start")
    assign = try object.optionalID("assign")
    escalate = try object.required("escalate")
    stage = try object.optionalID("stage")
    pend = try object.required("pend")
    set = try object.required("set")
  }
}

extension BundleDistribution: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    skill = try object.id("skill")
    tiers = try object.required("tiers")
    expandAfter = try object.required("expand_after")
  }
}

extension BundleTask.Kind: JSONReadable {}
extension BundleDistributionMode: JSONReadable {}
