extension BundleDuration {
  /// `seconds` as written (the memberwise `init` would turn 0 into `nil`).
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    minutes = try object.int("minutes")
    seconds = try object.optionalInt("seconds")
    calendar = try object.string("calendar")
    text = try object.string("text")
  }
}

extension BundleServiceLevel {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    within = try object.decode("within", BundleDuration.init(json:))
    warnPercent = try object.optionalInt("warn_percent")
    pauseWhenPending = try object.bool("pause_when_pending")
    onWarn = try object.array("on_warn", BundleAction.init(json:))
    onBreach = try object.array("on_breach", BundleAction.init(json:))
  }
}

extension BundleAction {
  init(json: CanonicalJSON) throws(SchemaError) {
    let object = try JSONObjectReader(json)
    action = try object.enumeration("action", Kind.self)
    amount = try object.optionalInt("amount")
    target = try object.optionalString("target")
    template = try object.optionalString("template")
    to = try object.optionalArray("to", BundleTextPart.init(json:))
  }
}
