import DCMCJSON

extension BundleDuration: JSONReadable {
  /// `seconds` as written (the memberwise `init` would turn 0 into `nil`).
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    minutes = try object.required("minutes")
    seconds = try object.optional("seconds")
    calendar = try object.required("calendar")
    text = try object.required("text")
  }
}

extension BundleServiceLevel: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    within = try object.required("within")
    warnPercent = try object.optional("warn_percent")
    pauseWhenPending = try object.required("pause_when_pending")
    onWarn = try object.required("on_warn")
    onBreach = try object.required("on_breach")
  }
}

extension BundleAction: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    action = try object.required("action")
    amount = try object.optional("amount")
    target = try object.optional("target")
    template = try object.optional("template")
    to = try object.optional("to")
  }
}

extension BundleAction.Kind: JSONReadable {}
