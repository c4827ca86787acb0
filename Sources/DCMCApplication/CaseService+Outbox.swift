public import DCMCRuntime

extension CaseService {
  /// Every notification of every case, oldest case first.
  public func outbox() throws(ServiceError) -> [NotificationView] {
    try cases(CaseFilter()).flatMap { state in state.outbox.map { NotificationView($0, of: state) } }
  }

  /// Marks notification `id` (`TEC-000042/n1`) delivered.
  public func acknowledge(notification id: String, by user: String?) throws(ServiceError) {
    guard let slash = id.lastIndex(of: "/") else {
      throw .refused(.rule(Refusal(.notFound, "'\(id)' is not a notification id, like TEC-000042/n1")))
    }
    _ = try execute(.markDelivered(notification: id), onCase: String(id[..<slash]), by: user)
  }

  /// Hands each pending notification to `gateway`, and marks delivered each one it takes.
  /// A notification the gateway does not take stays pending, and the others still go.
  public func deliverOutbox(through gateway: any NotificationGateway, by user: String?) throws(ServiceError)
    -> OutboxDelivery
  {
    var delivery = OutboxDelivery()
    for notification in try outbox() where !notification.delivered {
      switch gateway.deliver(notification) {
      case .delivered:
        do throws(ServiceError) {
          try acknowledge(notification: notification.id, by: user)
        } catch {
          // Marked delivered meanwhile (by the gateway itself, or another delivery run): it is
          // delivered, which is what was to be done; anything else stops the run.
          guard case .refused = error, try isDelivered(notification) else { throw error }
        }
        delivery.delivered.append(notification.id)
      case .failed(let reason):
        delivery.failed.append((notification.id, reason))
      }
    }
    return delivery
  }
}

extension CaseService {
  /// Whether `notification` is marked delivered in its case now.
  func isDelivered(_ notification: NotificationView) throws(ServiceError) -> Bool {
    try load(notification.caseID).outbox.contains { $0.notification.id == notification.id && $0.delivered }
  }
}

/// What `deliverOutbox` did: the ids delivered, and those left pending with the reason.
public struct OutboxDelivery: Sendable {
  public var delivered: [String] = []
  public var failed: [(id: String, reason: String)] = []
}
