import DCMCApplication
import DCMCCalendar

/// `store verify` and `store rebuild` of the outbox's delivery records (`dcmc_deliveries`),
/// checked against the cases' outboxes as their histories leave them, as the file store checks
/// `outbox.json` (`docs/postgres.md`, the `store verify` paragraph of "Many processes").
///
/// A row holds only a lease and a count of failed attempts, never a notification (those are
/// in the histories): deleting one loses its lease, which re-offers its notification to the
/// next delivery run, and its count of failures. So a rebuild deletes what cannot be trusted
/// rather than guess at it.
extension PostgresStoreCheck {
  /// Names each row that is not a record a store writes (a lease with an owner and no end, or
  /// an end and no owner; a lease ending outside the years 1 to 9999, which an older `outbox
  /// deliver` wrote, and which held its notification from every run until then; a negative
  /// count of failures), and each record `DeliveryRecord.finding` names (another case's, or
  /// of a notification no case has). A record of a case whose history does not replay is not
  /// checked: the case is reported as itself. A rebuild deletes the rows named.
  mutating func checkDeliveries(_ connection: PostgresConnection) throws(PostgresError) {
    let rows = try connection.query(
      """
      SELECT notification, case_id, lease_owner, lease_expires, failures FROM dcmc_deliveries ORDER BY notification
      """)
    var named: [String] = []
    for row in rows.rows.indices {
      // Both columns are NOT NULL.
      guard let id = rows.string(row, 0), let caseID = rows.string(row, 1) else { continue }
      let finding: String
      if let why = Self.unreadable(owner: rows.string(row, 2), expires: rows.int(row, 3), failures: rows.int(row, 4)) {
        finding = "does not read (\(why))"
      } else if let found = DeliveryRecord.finding(notification: id, of: caseID, cases: caseIDs, outboxes: outboxes) {
        finding = found
      } else {
        continue
      }
      problems.append("dcmc_deliveries: the record of notification '\(id)' \(finding)" + DeliveryRecord.byRebuild("drops it"))
      named.append(id)
    }
    guard repair, !named.isEmpty else { return }
    try connection.query(
      "DELETE FROM dcmc_deliveries WHERE notification IN (SELECT jsonb_array_elements_text($1::jsonb))",
      [PostgresJSON.strings(named)])
    repaired.append("dcmc_deliveries (\(named.count) finding\(named.count == 1 ? "" : "s") dropped)")
  }

  /// Why a row's lease and count are not a record's; `nil` when they are.
  private static func unreadable(owner: String?, expires: Int?, failures: Int?) -> String? {
    switch (owner, expires) {
    case (_?, nil): return "'lease_owner' without 'lease_expires'"
    case (nil, _?): return "'lease_expires' without 'lease_owner'"
    case (_, let expires?) where !Instant.supported.contains(Instant(secondsSinceEpoch: expires)):
      return "'lease_expires' \(expires) is not an instant of the years 1 to 9999"
    default: break
    }
    guard let failures, failures >= 0 else { return "'failures' \(failures.map(String.init) ?? "null") is not a count" }
    return nil
  }
}
