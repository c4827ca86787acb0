import DCMCJSON

/// A workgroup's service level: the share of its tasks (`targetPercent`) that should be
/// taken within `answerWithinSeconds` of wall-clock time after being queued.
public struct BundleWorkbinServiceLevel: Sendable, Hashable, Encodable {
  public var answerWithinSeconds: Int
  public var targetPercent: Int

  private enum CodingKeys: String, CodingKey {
    case answerWithinSeconds = "answer_within_seconds"
    case targetPercent = "target_percent"
  }

  public init(answerWithinSeconds: Int, targetPercent: Int) {
    self.answerWithinSeconds = answerWithinSeconds
    self.targetPercent = targetPercent
  }

  /// The answer times a bundle may give, in seconds: one second to one day.
  public static let answerWithinSeconds = 1...86_400
  /// The targets a bundle may give, in percent.
  public static let targetPercents = 1...100
}

extension BundleWorkbinServiceLevel: JSONReadable {
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    answerWithinSeconds = try object.required("answer_within_seconds", in: Self.answerWithinSeconds)
    targetPercent = try object.required("target_percent", in: Self.targetPercents)
  }
}
