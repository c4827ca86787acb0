public import DCMCRuntime

/// An offer standing to a user who left `ready` that could not be withdrawn (stop 37): the
/// store refused the withdrawal (`refusal`: the case's history runs past the command's or
/// tick's instant, `beforeLastEvent`, or the case kept changing, `busy`). The offer stands to
/// its time-out, as before its user left `ready`; the user's other offers are withdrawn and
/// offered on, and the follow-up goes on. The shell reports it (`CaseService.offerNotWithdrawn`).
public struct OfferNotWithdrawn: Sendable, Equatable, CustomStringConvertible {
  /// The task offered (`FIN-2026-000002.1`).
  public let task: String
  /// The user it stands offered to.
  public let user: String
  /// Where the user went (`not_ready (RONA)`, `wrap_up`): the reason the withdrawal would have
  /// recorded.
  public let reason: String
  public let refusal: ServiceRefusal

  public init(task: String, user: String, reason: String, refusal: ServiceRefusal) {
    self.task = task
    self.user = user
    self.reason = reason
    self.refusal = refusal
  }

  /// `the offer of task 'FIN-2026-000002.1' to 'fiona' (now not_ready (RONA)) was not
  /// withdrawn: time does not run backwards: ...`.
  public var description: String {
    "the offer of task '\(task)' to '\(user)' (now \(reason)) was not withdrawn: \(refusal)"
  }
}
