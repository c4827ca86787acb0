import DCMCJSON

extension BundleDuration: JSONReadable {
  /// The longest duration read, in seconds: more than the longest the checker accepts
  /// (999,999,999 days of at most 24 hours, and as many hours, minutes and seconds: about
  /// 9 x 10^13), and short enough that the runtime's sums and percentages of it cannot
  /// overflow.
  static let maximumSeconds = 100_000_000_000_000

  /// `seconds` as written (the memberwise `init` would turn 0 into `nil`). The duration must
  /// be positive and at most `maximumSeconds`, as the checker's are: a bundle written by
  /// hand cannot hand the runtime a negative or overflowing one.
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    minutes = try object.required("minutes", in: 0...(Self.maximumSeconds / 60))
    seconds = try object.optional("seconds", in: 0...59)
    calendar = try object.required("calendar")
    text = try object.required("text")
    guard totalSeconds > 0 else { throw JSONShapeError("expected a positive duration") }
  }
}

extension BundleServiceLevel: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    within = try object.required("within")
    warnPercent = try object.optional("warn_percent", in: 1...100)
    pauseWhenPending = try object.required("pause_when_pending")
    onWarn = try object.required("on_warn")
    onBreach = try object.required("on_breach")
  }
}

extension BundleAction: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    action = try object.required("action")
    amount = try object.optional("amount", in: 1...100)
    target = try object.optional("target")
    template = try object.optional("template")
    to = try object.optional("to")
  }
}

extension BundleAction.Kind: JSONReadable {}
