public import DCMCBundle

/// How a task reaches the advisors of the workgroup it is in: its own `mode` and
/// `offer_timeout` where it gives them, else the workgroup's, else pull and the default
/// time-out (`RuntimeDefinitions.dispatch(of:in:)`).
public struct TaskDispatch: Sendable, Hashable {
  public var mode: BundleDistributionMode
  /// How long an offer stands, in clock seconds; meaningful when `mode` is push.
  public var offerTimeoutSeconds: Int

  public init(mode: BundleDistributionMode, offerTimeoutSeconds: Int) {
    self.mode = mode
    self.offerTimeoutSeconds = offerTimeoutSeconds
  }
}
