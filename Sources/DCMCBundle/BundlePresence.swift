import DCMCJSON

/// The presence rules of all advisors: the declared not-ready reasons and the wrap-up time.
public struct BundlePresence: Sendable, Hashable, Encodable {
  /// Always `presence`.
  public var id: String
  public var source: BundleSource
  /// In the order written; the built-in `RONA` is not among them.
  public var notReady: [String]
  /// Clock seconds an advisor stays in wrap-up after a pushed task, 1...3600; the default
  /// applied.
  public var wrapUpSeconds: Int

  private enum CodingKeys: String, CodingKey {
    case id, source
    case notReady = "not_ready"
    case wrapUpSeconds = "wrap_up_seconds"
  }

  /// The reason given to an advisor who lets an offer time out; declared by no document.
  public static let builtinReason = "RONA"
  /// The wrap-up times the checker accepts, in seconds (DC2021).
  public static let wrapUpSeconds = 1...3600
  /// The wrap-up time without a Presence document, in seconds.
  public static let defaultWrapUpSeconds = 120

  public init(id: String = "presence", source: BundleSource, notReady: [String], wrapUpSeconds: Int) {
    self.id = id
    self.source = source
    self.notReady = notReady
    self.wrapUpSeconds = wrapUpSeconds
  }
}

extension BundlePresence: JSONReadable {
  /// The checker's rules (DC7012...DC7014, DC2021): id `presence`, reasons ids listed once,
  /// none of them `RONA` in any letter case.
  package init(json: JSONValue) throws(JSONShapeError) {
    let object = try JSONFields(json)
    id = try object.id("id")
    guard id == "presence" else { throw JSONShapeError(.refused("the presence rules must have id 'presence'"), path: ["id"]) }
    source = try object.required("source")
    notReady = try object.ids("not_ready")
    var seen: Set<String> = []
    for (index, reason) in notReady.enumerated() {
      guard reason.uppercased() != Self.builtinReason else {
        throw JSONShapeError(.refused("not-ready reason '\(reason)' is built in"), path: ["not_ready", "\(index)"])
      }
      guard seen.insert(reason).inserted else {
        throw JSONShapeError(.refused("not-ready reason '\(reason)' is listed twice"), path: ["not_ready", "\(index)"])
      }
    }
    wrapUpSeconds = try object.required("wrap_up_seconds", in: Self.wrapUpSeconds)
  }
}
