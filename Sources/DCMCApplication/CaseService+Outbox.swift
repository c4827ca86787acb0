import DCMCRuntime

extension CaseService {
  /// Every notification of every case, oldest case first, with what the store keeps of its
  /// delivery (failed attempts). `user` reads it as `mayUseOutbox` says.
  public func outbox(by user: String?) throws(ServiceError) -> [NotificationView] {
    try mayUseOutbox(user, to: "read the outbox")
    let records = try ServiceError.wrap { () throws(RepositoryError) in try repository.deliveryRecords() }
    return try outboxCases().flatMap { state in
      state.outbox.map { NotificationView($0, of: state, record: $0.delivered ? nil : records[$0.notification.id]) }
    }
  }

  /// The cases whose outboxes `outbox` and `deliverOutbox` read: every case.
  func outboxCases() throws(ServiceError) -> [CaseState] { try cases(CaseFilter()) }

  /// Refuses the outbox to a user who supervises no workgroup. The outbox holds every
  /// customer's messages and addresses, and a notification acknowledged is never sent: it is
  /// the delivery's and the supervisors' (a delivery system's user supervises a workgroup of
  /// its own), not every advisor's. `nil` is the store's operator, the CLI without an acting
  /// user, who holds the store's files anyway.
  func mayUseOutbox(_ user: String?, to action: String) throws(ServiceError) {
    guard let user else { return }
    let permissions = Permissions(try directory.workgroups())
    _ = try permitted(user, permissions)
    guard permissions.isSupervisorAnywhere(user) else {
      throw .refused(.forbidden(user: user, reason: "'\(user)' supervises no workgroup and may not \(action)"))
    }
  }

  /// Marks notification `id` (`TEC-000042/n1`) delivered, by `user` as `mayUseOutbox` says.
  public func acknowledge(notification id: String, by user: String?) throws(ServiceError) {
    try mayUseOutbox(user, to: "acknowledge notifications")
    guard let caseID = DeliveryRecord.caseID(ofNotification: id) else {
      throw .refused(.rule(Refusal(.notFound, "'\(id)' is not a notification id, like TEC-000042/n1")))
    }
    _ = try execute(.markDelivered(notification: id), onCase: caseID, by: user)
  }

  /// Marks each of `ids` delivered that is not yet: the notifications of one case in one
  /// append, the cases in one batch (`tick`'s way), each case decided again when another
  /// writer moved it meanwhile.
  func markDelivered(_ ids: [String], by user: String?) throws(ServiceError) {
    let now = clock.now()
    var pending: [String: [String]] = [:]
    for id in ids {
      guard let caseID = DeliveryRecord.caseID(ofNotification: id) else { continue }
      pending[caseID, default: []].append(id)
    }
    for attempt in 0..<Self.attempts {
      var changes: [CaseChangeSet] = []
      for (caseID, notifications) in pending.sorted(by: { $0.key < $1.key }) {
        let before = try attempt == 0 ? loadForUpdate(caseID) : load(caseID)
        var events: [CaseEvent] = []
        var after = before
        for id in notifications where after.outbox.contains(where: { $0.notification.id == id && !$0.delivered }) {
          let marked = try decide(.markDelivered(notification: id), on: after, by: user, at: now, [])
          after = Self.applying(marked, to: after)
          events += marked
        }
        if !events.isEmpty { changes.append(CaseChangeSet(before: before, events: events, after: after)) }
      }
      let outcomes = try append(changes)
      let moved = Set(zip(changes, outcomes).filter { $0.1 != .appended }.map(\.0.after.id))
      pending = pending.filter { moved.contains($0.key) }
      if pending.isEmpty { return }
    }
    throw .refused(.busy(case: pending.keys.sorted()[0]))
  }
}

/// What `deliverOutbox` did: the ids delivered, those left pending with the reason, and
/// those it left alone.
public struct OutboxDelivery: Sendable {
  public var delivered: [String] = []
  public var failed: [(id: String, reason: String)] = []
  /// Pending notifications another run holds a lease on: left to it.
  public var held: [String] = []
  /// Leased but not tried, because the gateway could not be reached: left for a later run.
  public var untried: [String] = []
  /// Why the gateway could not be reached (the run stopped there); `nil` when it could.
  public var unavailable: String?
  /// What was wrong with the gateway's answers (a malformed line, an id it was not sent).
  public var problems: [String] = []
}
