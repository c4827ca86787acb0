/// Where the outbox's notifications go: a command, a mail relay, a test's list.
public protocol NotificationGateway: Sendable {
  /// Hands one notification over; it is marked delivered only on `.delivered`.
  func deliver(_ notification: NotificationView) -> DeliveryOutcome
}

public enum DeliveryOutcome: Sendable, Equatable {
  case delivered
  /// Not taken; `reason` says why (lowercase, one clause). The notification stays pending.
  case failed(reason: String)
}
