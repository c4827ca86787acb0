/// The presence rules of the advisors (`kind: Presence`, at most one, id `presence`): the
/// reasons an advisor may give for being not ready, and how long wrap-up lasts after a
/// pushed task.
public struct Presence: Sendable {
  public var header: DefinitionHeader
  /// The declared reasons, in the order written; `RONA` is built in and not among them.
  public var notReady: [Located<String>]
  /// Clock time (seconds allowed); `nil`: `defaultWrapUpSeconds`.
  public var wrapUp: Located<Duration>?

  public init(header: DefinitionHeader, notReady: [Located<String>], wrapUp: Located<Duration>?) {
    self.header = header
    self.notReady = notReady
    self.wrapUp = wrapUp
  }

  /// The id the document must have (DC7012).
  public static let id = "presence"
  /// The reason an advisor who let an offer time out is given ("redirect on no answer"); no
  /// document may declare it (DC7013), in any letter case.
  public static let builtinReason = "RONA"
  /// Wrap-up when no Presence document (or no `wrap_up`) is given.
  public static let defaultWrapUpSeconds = 120
  /// The shortest and longest `wrap_up`, in seconds (DC2021).
  public static let wrapUpSeconds = 1...3600

  /// Whether `reason` is the built-in one, in any letter case.
  public static func isBuiltin(_ reason: String) -> Bool {
    reason.uppercased() == builtinReason
  }
}
