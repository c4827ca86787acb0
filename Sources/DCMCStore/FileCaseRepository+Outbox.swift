public import DCMCApplication
public import DCMCCalendar
import DCMCJSON

extension FileCaseRepository {
  /// `outbox.json`: the delivery records (`DeliveryFile`), replaced whole under the lock.
  static let deliveriesPath = StorePath([StoreID(derived: "outbox.json")])

  /// Leases under the write lock, each notification checked against its case as the history
  /// leaves it (read under the lock, so a notification delivered meanwhile is not leased).
  /// The records are written durably before it returns: a run delivers only what it leased.
  public func leaseNotifications(_ ids: [String], _ lease: NotificationLease, at now: Instant)
    throws(RepositoryError) -> [String]
  {
    try changingDeliveries { ledger throws(RepositoryError) in
      try ledger.lease(ids, lease, at: now) { caseID throws(RepositoryError) in
        guard let stream = try? StoreID(caseID) else { return nil }
        return try read(stream)?.outbox
      }
    }
  }

  public func releaseNotifications(_ ends: [(id: String, end: LeaseEnd)], of owner: String) throws(RepositoryError) {
    try changingDeliveries { ledger throws(RepositoryError) in ledger.release(ends, of: owner) }
  }

  public func deliveryRecords() throws(RepositoryError) -> [String: DeliveryRecord] {
    try readDeliveries().records
  }

  /// The records as the file holds them; none when there is no file. A file that is not a
  /// delivery file is damage, reported, never taken for an empty one.
  private func readDeliveries() throws(RepositoryError) -> DeliveryLedger {
    guard let bytes = try wrap({ () throws(StoreError) in try store.contents(of: Self.deliveriesPath) }) else {
      return DeliveryLedger()
    }
    do throws(JSONShapeError) {
      return try DeliveryFile.decode(bytes)
    } catch {
      throw .unavailable(StoreError.malformedRecord(path: Self.deliveriesPath.description, reason: "\(error)"))
    }
  }

  /// Runs `change` on the records under the write lock, and writes them back when it changed
  /// them.
  func changingDeliveries<T>(_ change: (inout DeliveryLedger) throws(RepositoryError) -> T)
    throws(RepositoryError) -> T
  {
    try locked { transaction throws(RepositoryError) in
      let before = try readDeliveries()
      var ledger = before
      let result = try change(&ledger)
      if ledger != before {
        try wrap { () throws(StoreError) in try transaction.replace(Self.deliveriesPath, with: DeliveryFile.encode(ledger)) }
      }
      return result
    }
  }
}
