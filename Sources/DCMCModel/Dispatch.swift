/// How work reaches advisors: `pull` (they ask `task next`) or `push` (the engine offers it).
public enum DistributionMode: String, Sendable, Hashable, CaseIterable {
  case pull, push
}

/// The `mode` and `offer_timeout` of a `distribution:` mapping, on a task or as a workgroup's
/// default. Each key is optional: a task's own key wins over its workgroup's, key by key, and
/// what neither gives is the default (`pull`, `defaultOfferTimeoutSeconds`).
public struct Dispatch: Sendable {
  public var mode: Located<DistributionMode>?
  /// Clock time (seconds allowed): how long a pushed offer stands.
  public var offerTimeout: Located<Duration>?

  public init(mode: Located<DistributionMode>? = nil, offerTimeout: Located<Duration>? = nil) {
    self.mode = mode
    self.offerTimeout = offerTimeout
  }

  /// An offer's time-out when neither the task nor its workgroup gives one.
  public static let defaultOfferTimeoutSeconds = 30
  /// The shortest and longest `offer_timeout`, in seconds (DC2021): an advisor needs a few
  /// seconds to answer, and an offer that stands for hours stalls the queue.
  public static let offerTimeoutSeconds = 5...3600
}
