import DCMCApplication
import DCMCCalendar
import DCMCRuntime

/// The outbox's delivery records in `dcmc_deliveries`, changed by the application's rules
/// (`DeliveryLedger`) inside one transaction that holds the table's lock: two delivery runs
/// never lease one notification, whichever hosts they run on.
extension PostgresCaseRepository {
  public func leaseNotifications(_ ids: [String], _ lease: NotificationLease, at now: Instant)
    throws(RepositoryError) -> [String]
  {
    try changingLedger { (ledger, connection) throws(PostgresError) in
      try ledger.lease(ids, lease, at: now) { (caseID) throws(PostgresError) -> [OutboxEntry]? in
        let rows = try connection.query("SELECT state FROM dcmc_cases WHERE id = $1", [.string(caseID)])
        guard !rows.rows.isEmpty else { return nil }
        // A case whose state does not read has no notification to lease: `outbox` names it.
        return try? PostgresCaseRow.state(rows.rows[0][0], id: caseID).get().outbox
      }
    }
  }

  public func releaseNotifications(_ ends: [(id: String, end: LeaseEnd)], of owner: String) throws(RepositoryError) {
    try changingLedger { (ledger, _) throws(PostgresError) in ledger.release(ends, of: owner) }
  }

  public func deliveryRecords() throws(RepositoryError) -> [String: DeliveryRecord] {
    try run { (connection) throws(PostgresError) in try Self.records(connection) }
  }

  /// Runs `change` on the ledger read under the table's lock, and writes back the records it
  /// changed, added or dropped, in the same transaction.
  private func changingLedger<Result>(
    _ change: (inout DeliveryLedger, PostgresConnection) throws(PostgresError) -> Result
  ) throws(RepositoryError) -> Result {
    try run { (connection) throws(PostgresError) in
      try connection.transaction { () throws(PostgresError) in
        try connection.query("LOCK TABLE dcmc_deliveries IN SHARE ROW EXCLUSIVE MODE")
        let before = try Self.records(connection)
        var ledger = DeliveryLedger(records: before)
        let result = try change(&ledger, connection)
        for id in before.keys where ledger.records[id] == nil {
          try connection.query("DELETE FROM dcmc_deliveries WHERE notification = $1", [.string(id)])
        }
        for (id, record) in ledger.records where before[id] != record {
          try connection.query(
            """
            INSERT INTO dcmc_deliveries (notification, case_id, lease_owner, lease_expires, failures, last_failure)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (notification) DO UPDATE SET case_id = $2, lease_owner = $3, lease_expires = $4,
              failures = $5, last_failure = $6
            """,
            [
              .string(id), .string(record.caseID), record.lease.map { .string($0.owner) },
              record.lease.map { .int($0.expires.secondsSinceEpoch) }, .int(record.failures),
              record.lastFailure.map(PostgresValue.string),
            ])
        }
        return result
      }
    }
  }

  private static func records(_ connection: PostgresConnection) throws(PostgresError) -> [String: DeliveryRecord] {
    let rows = try connection.query(
      "SELECT notification, case_id, lease_owner, lease_expires, failures, last_failure FROM dcmc_deliveries")
    var records: [String: DeliveryRecord] = [:]
    for row in rows.rows.indices {
      guard let id = rows.string(row, 0), let caseID = rows.string(row, 1) else { continue }
      var lease: NotificationLease?
      if let owner = rows.string(row, 2), let expires = rows.int(row, 3) {
        lease = NotificationLease(owner: owner, expires: Instant(secondsSinceEpoch: expires))
      }
      records[id] = DeliveryRecord(
        caseID: caseID, lease: lease, failures: rows.int(row, 4) ?? 0, lastFailure: rows.string(row, 5))
    }
    return records
  }
}
