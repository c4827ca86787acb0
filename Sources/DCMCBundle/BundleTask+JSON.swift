extension BundleTask {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    id = try object.string("id")
    name = try object.string("name")
    description = try object.optionalString("description")
    kind = try object.enumeration("kind", Kind.self)
    start = try object.bool("start")
    target = try object.array("target", BundleTargetChoice.init(json:))
    ola = try object.decodeIfPresent("ola", BundleServiceLevel.init(json:))
    priority = try object.optionalInt("priority")
    outcomes = try object.array("outcomes", BundleOutcome.init(json:))
    fields = try object.array("fields", BundleField.init(json:))
    distribution = try object.decodeIfPresent("distribution", BundleDistribution.init(json:))
  }
}

extension BundleTargetChoice {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    when = try object.decodeIfPresent("when", BundleCondition.init(json:))
    to = try object.string("to")
  }
}

extension BundleOutcome {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    code = try object.string("code")
    close = try object.optionalString("close")
    start = try object.strings("start")
    assign = try object.optionalString("assign")
    escalate = try object.bool("escalate")
    stage = try object.optionalString("stage")
    pend = try object.bool("pend")
    set = try object.array("set", BundleAssignment.init(json:))
  }
}

extension BundleDistribution {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    skill = try object.string("skill")
    tiers = try object.array("tiers", JSONObjectReader.int)
    expandAfter = try object.decode("expand_after", BundleDuration.init(json:))
  }
}
