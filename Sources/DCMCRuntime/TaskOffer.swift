public import DCMCCalendar

/// A push task's standing offer (status `offered`): to whom, and until when it may be accepted.
public struct TaskOffer: Sendable, Hashable {
  public var to: String
  /// The offer's time-out: from this instant on it can no longer be accepted or declined, and
  /// the `offer_timeout` timer withdraws it.
  public var expires: Instant

  public init(to: String, expires: Instant) {
    self.to = to
    self.expires = expires
  }
}

/// A user who declined a task's offer: the task is not offered to them again before `until`
/// (the decline's instant plus the task's offer time-out).
public struct TaskDecline: Sendable, Hashable {
  public var user: String
  public var until: Instant

  public init(user: String, until: Instant) {
    self.user = user
    self.until = until
  }
}
