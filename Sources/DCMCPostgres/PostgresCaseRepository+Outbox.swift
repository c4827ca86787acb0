import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCRuntime

/// The outbox's delivery records in `dcmc_deliveries`, changed by the application's rules
/// (`DeliveryLedger`) inside one transaction that holds the rows of the notifications it
/// changes: a run leasing takes the rows with `FOR UPDATE SKIP LOCKED` (a notification whose
/// row another run is changing is that run's), so two delivery runs never lease one
/// notification, whichever hosts they run on, and runs leasing other notifications never wait.
extension PostgresCaseRepository {
  public func leaseNotifications(_ ids: [String], _ lease: NotificationLease, at now: Instant)
    throws(RepositoryError) -> [String]
  {
    try changingLedger(of: ids, skippingLocked: true) {
      (ledger, connection) throws(PostgresError) in
      // Only the notifications whose rows this transaction holds: a row another run holds
      // is left out of the ledger, which would take a notification without a record for free.
      let held = ids.filter { ledger.records[$0] != nil }
      let leased = try ledger.lease(held, lease, at: now) {
        (caseID) throws(PostgresError) -> [OutboxEntry]? in
        let rows = try connection.query(
          "SELECT state FROM dcmc_cases WHERE id = $1", [.string(caseID)])
        guard !rows.rows.isEmpty else { return nil }
        // A case whose state does not read has no notification to lease: `outbox` names it.
        return try? PostgresCaseRow.state(rows.rows[0][0], id: caseID).get().outbox
      }
      // The rows made to be locked that no lease went to (no such notification) go again:
      // a record holds a lease or counts failures.
      for (id, record) in ledger.records where record.lease == nil && record.failures == 0 {
        ledger.records[id] = nil
      }
      return leased
    }
  }

  public func releaseNotifications(_ ends: [(id: String, end: LeaseEnd)], of owner: String)
    throws(RepositoryError)
  {
    try changingLedger(of: ends.map(\.id), skippingLocked: false) {
      (ledger, _) throws(PostgresError) in
      ledger.release(ends, of: owner)
    }
  }

  public func deliveryRecords() throws(RepositoryError) -> [String: DeliveryRecord] {
    try run { (connection) throws(PostgresError) in
      try Self.records(
        connection.query(
          "SELECT notification, case_id, lease_owner, lease_expires, failures, last_failure FROM dcmc_deliveries"
        ))
    }
  }

  /// Runs `change` on the records of the notifications `ids`, their rows locked (made first,
  /// so a notification without a record has a row to lock; those another transaction holds
  /// left out when `skippingLocked`), and writes back the records it changed, added or
  /// dropped, in the same transaction.
  func changingLedger<Result>(
    of ids: [String], skippingLocked: Bool,
    _ change: (inout DeliveryLedger, PostgresConnection) throws(PostgresError) -> Result
  ) throws(RepositoryError) -> Result {
    let named = ids.compactMap { id in
      DeliveryRecord.caseID(ofNotification: id).map {
        [(key: "notification", value: JSONValue.string(id)), ("case_id", .string($0))]
      }
    }
    return try run { (connection) throws(PostgresError) in
      try connection.transaction { () throws(PostgresError) in
        try connection.query(
          """
          INSERT INTO dcmc_deliveries (notification, case_id, failures)
          SELECT n.notification, n.case_id, 0 FROM jsonb_to_recordset($1::jsonb) AS n(notification text, case_id text)
          ORDER BY n.notification ON CONFLICT (notification) DO NOTHING
          """, [PostgresJSON.records(named)])
        let before = try Self.records(
          connection.query(
            """
            SELECT notification, case_id, lease_owner, lease_expires, failures, last_failure FROM dcmc_deliveries
            WHERE notification IN (SELECT jsonb_array_elements_text($1::jsonb))
            ORDER BY notification FOR UPDATE\(skippingLocked ? " SKIP LOCKED" : "")
            """, [PostgresJSON.strings(ids)]))
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

  /// The records `rows` hold, by notification id.
  private static func records(_ rows: PostgresRows) -> [String: DeliveryRecord] {
    var records: [String: DeliveryRecord] = [:]
    for row in rows.rows.indices {
      guard let id = rows.string(row, 0), let caseID = rows.string(row, 1) else { continue }
      var lease: NotificationLease?
      if let owner = rows.string(row, 2), let expires = rows.int(row, 3) {
        lease = NotificationLease(owner: owner, expires: Instant(secondsSinceEpoch: expires))
      }
      records[id] = DeliveryRecord(
        caseID: caseID, lease: lease, failures: rows.int(row, 4) ?? 0,
        lastFailure: rows.string(row, 5))
    }
    return records
  }
}
