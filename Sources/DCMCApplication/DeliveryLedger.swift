public import DCMCCalendar
public import DCMCRuntime

/// The delivery records of a store and the rules that change them, the same for every
/// adapter: an adapter keeps the records (in memory, in a file, in a table) and runs these
/// under its lock, so no two runs lease one notification.
public struct DeliveryLedger: Sendable, Equatable {
  /// By notification id.
  public var records: [String: DeliveryRecord]

  public init(records: [String: DeliveryRecord] = [:]) { self.records = records }

  /// Leases to `lease.owner` each of `ids` that is pending in its case and not held by another
  /// owner's running lease at `now` (`CaseRepository.leaseNotifications`). `outbox` gives a
  /// case's outbox as the store holds it now (`nil`: no such case); it is asked once a case.
  /// Expired leases are dropped first, with the records they leave empty, and so is the
  /// record of a notification found delivered.
  public mutating func lease<Failure: Error>(
    _ ids: [String], _ lease: NotificationLease, at now: Instant,
    outbox: (String) throws(Failure) -> [OutboxEntry]?
  ) throws(Failure) -> [String] {
    for (id, record) in records where record.lease.map({ $0.expires <= now }) ?? false {
      records[id]?.lease = nil
      if record.failures == 0 { records[id] = nil }
    }
    var outboxes: [String: [OutboxEntry]?] = [:]
    var leased: [String] = []
    for id in ids {
      guard let caseID = DeliveryRecord.caseID(ofNotification: id) else { continue }
      if outboxes[caseID] == nil { outboxes[caseID] = .some(try outbox(caseID)) }
      guard let entries = outboxes[caseID] ?? nil, let entry = entries.first(where: { $0.notification.id == id })
      else { continue }
      if entry.delivered {
        records[id] = nil
        continue
      }
      var record = records[id] ?? DeliveryRecord(caseID: caseID)
      if let held = record.lease, held.owner != lease.owner { continue }
      record.lease = lease
      records[id] = record
      leased.append(id)
    }
    return leased
  }

  /// Ends `owner`'s leases on the notifications of `ends` (`CaseRepository.releaseNotifications`):
  /// a delivered one's record goes, a failure is counted with its reason, an untried one is
  /// left as it was; a record whose lease is not `owner`'s is not touched.
  public mutating func release(_ ends: [(id: String, end: LeaseEnd)], of owner: String) {
    for (id, end) in ends {
      guard var record = records[id], record.lease?.owner == owner else { continue }
      record.lease = nil
      switch end {
      case .delivered:
        records[id] = nil
        continue
      case .failed(let reason):
        record.failures += 1
        record.lastFailure = reason
      case .untried:
        break
      }
      records[id] = record.failures == 0 ? nil : record
    }
  }
}
