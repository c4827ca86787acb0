import DCMCCalendar
import DCMCRuntime

extension CaseService {
  /// How long a delivery run's lease lasts, in seconds: 5 minutes, or twice the gateway's
  /// time limit when that is longer, so a run renews it at most every few minutes and a
  /// crashed run's notifications wait at most that long for another.
  public static func leaseSeconds(for gateway: any NotificationGateway) -> Int { max(300, 2 * gateway.timeLimit) }

  /// Hands each pending notification to `gateway` once, whatever other runs do at the same
  /// time: the run `owner` (unique to it) leases the pending notifications under the store's
  /// lock, delivers them outside it, `gateway.batchSize` at a time, marks those delivered in
  /// their cases, and releases the rest with the reason they failed. Notifications another
  /// run holds are left to it; before each call of the gateway, leases with less than its
  /// time limit left are renewed (on the clock, which a shell may let run). A notification
  /// whose case has an event after now is not delivered: marking it would make its history
  /// run backwards.
  public func deliverOutbox(through gateway: any NotificationGateway, owner: String, by user: String?)
    throws(ServiceError) -> OutboxDelivery
  {
    try mayUseOutbox(user, to: "deliver the outbox")
    var delivery = OutboxDelivery()
    let start = clock.now()
    var pending: [NotificationView] = []
    for state in try outboxCases() {
      let notes = state.outbox.filter { !$0.delivered }.map { NotificationView($0, of: state) }
      if let last = state.updatedAt, start < last, !notes.isEmpty {
        let reason = "\(ServiceRefusal.beforeLastEvent(case: state.id, last: last))"
        delivery.failed += notes.map { ($0.id, reason) }
      } else {
        pending += notes
      }
    }
    var leases = LeaseKeeper(service: self, owner: owner, seconds: Self.leaseSeconds(for: gateway))
    var queue = try leases.take(pending, at: start)
    delivery.held = pending.map(\.id).filter { !leases.held.contains($0) }
    var ends: [(id: String, end: LeaseEnd)] = []
    do throws(ServiceError) {
      while !queue.isEmpty {
        let now = clock.now()
        if leases.expires < now.adding(seconds: gateway.timeLimit) {
          let kept = try leases.take(queue, at: now)
          delivery.held += queue.map(\.id).filter { !leases.held.contains($0) }
          queue = kept
          continue
        }
        let batch = Array(queue.prefix(max(1, gateway.batchSize)))
        queue.removeFirst(batch.count)
        let answer = gateway.deliver(batch)
        delivery.problems += answer.problems
        let delivered = batch.map(\.id).filter(answer.delivered.contains)
        try markDelivered(delivered, by: user)
        delivery.delivered += delivered
        for note in batch where !answer.delivered.contains(note.id) {
          delivery.failed.append((note.id, answer.failure))
          ends.append((note.id, .failed(reason: answer.failure)))
        }
        ends += delivered.map { ($0, .delivered) }
        if answer.unavailable {
          delivery.unavailable = answer.failure
          delivery.untried = queue.map(\.id)
          queue = []
        }
      }
    } catch {
      // What was not marked is left for a later run, now rather than when the lease expires.
      try? leases.release(ends + queue.map { ($0.id, .untried) })
      throw error
    }
    try leases.release(ends + delivery.untried.map { ($0, .untried) })
    return delivery
  }
}

/// A delivery run's leases: what it holds and until when.
private struct LeaseKeeper {
  let service: CaseService
  let owner: String
  let seconds: Int
  private(set) var held: Set<String> = []
  private(set) var expires = Instant(secondsSinceEpoch: 0)

  init(service: CaseService, owner: String, seconds: Int) {
    self.service = service
    self.owner = owner
    self.seconds = seconds
  }

  /// Leases (or renews) `notes` from `now` on; returns those leased, in order.
  mutating func take(_ notes: [NotificationView], at now: Instant) throws(ServiceError) -> [NotificationView] {
    guard !notes.isEmpty else { return [] }
    // A lease past the last instant kept could not be read back (`--at` late in 9999).
    guard let end = now.keptAdding(seconds: seconds) else { throw .refused(.leasePastLastInstant(seconds: seconds, at: now)) }
    let lease = NotificationLease(owner: owner, expires: end)
    let ids = try ServiceError.wrap { () throws(RepositoryError) in
      try service.repository.leaseNotifications(notes.map(\.id), lease, at: now)
    }
    held = Set(ids)
    expires = lease.expires
    return notes.filter { held.contains($0.id) }
  }

  func release(_ ends: [(id: String, end: LeaseEnd)]) throws(ServiceError) {
    guard !ends.isEmpty else { return }
    try ServiceError.wrap { () throws(RepositoryError) in try service.repository.releaseNotifications(ends, of: owner) }
  }
}
