import DCMCApplication
import DCMCJSON
import DCMCRuntime

/// A customer change in one transaction: the keys its record takes locked, then the rows of
/// the record and of the records that must not move locked in id order (two merges of the
/// same records the other way round wait for each other, never deadlock), their versions
/// checked, and the record's row, events, request id and number written.
extension PostgresCaseRepository {
  /// Writes `change` inside the caller's transaction, or nothing: `.keyTaken` when
  /// `checkingKeys` and another record in use has an email or phone the change gives it
  /// (`newKeys`), `.conflict` when a record moved on. A change decided on the store's versions
  /// (`fence`) is checked against them
  /// first (`dcmc_fence`, migration 9), which refuses the transaction when they moved.
  static func write(_ change: CustomerChangeSet, checkingKeys: Bool, _ connection: PostgresConnection)
    throws(PostgresError) -> CustomerAddOutcome
  {
    if let fence = change.fence { try connection.query("SELECT dcmc_fence($1)", [.int(fence)]) }
    let after = change.after
    let id = after.id
    // Advisory locks on the keys, held to the commit: of two adds of one address at once, the
    // second finds the first's row.
    let keys = Self.keys(of: after)
    if !keys.isEmpty {
      try connection.query(
        "SELECT pg_advisory_xact_lock(hashtext(k)) FROM (SELECT jsonb_array_elements_text($1::jsonb) AS k ORDER BY 1) s",
        [PostgresJSON.strings(keys)])
    }
    let newKeys = change.newKeys
    if checkingKeys, newKeys.email != nil || newKeys.phone != nil {
      let taken = try connection.query(
        """
        SELECT id FROM dcmc_customers
        WHERE merged_into IS NULL AND id <> $3 AND (email_key = $1 OR phone = $2) ORDER BY id
        """, [newKeys.email.map(PostgresValue.string), newKeys.phone.map(PostgresValue.string), .string(id)])
      if !taken.rows.isEmpty { return .keyTaken(taken.rows.indices.compactMap { taken.string($0, 0) }) }
    }
    let locked = try connection.query(
      """
      SELECT id, version FROM dcmc_customers WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))
      ORDER BY id FOR UPDATE
      """, [PostgresJSON.strings(([id] + change.unmoved.keys).sorted())])
    var versions: [String: Int] = [:]
    for row in locked.rows.indices {
      if let name = locked.string(row, 0) { versions[name] = locked.int(row, 1) ?? 0 }
    }
    let version = versions[id] ?? 0
    guard version == change.expectedVersion, change.unmoved.allSatisfy({ (versions[$0.key] ?? 0) == $0.value }) else {
      return .conflict(version: version)
    }
    let columns: [PostgresValue?] = [
      .string(id), .int(after.version), .string(String(decoding: CustomerNameKey(after.name).bytes, as: UTF8.self)),
      after.email.map { .string($0.key) }, after.phone.map { .string($0.e164) },
      after.mergedInto.map(PostgresValue.string),
    ]
    if change.expectedVersion == 0 {
      let inserted = try connection.query(
        """
        INSERT INTO dcmc_customers (id, version, name_key, email_key, phone, merged_into)
        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING
        """, columns)
      // Another add of this id committed after the lock's read: its version is 1 at least.
      guard inserted.affected == 1 else { return .conflict(version: max(1, version)) }
    } else {
      try connection.query(
        "UPDATE dcmc_customers SET version = $2, name_key = $3, email_key = $4, phone = $5, merged_into = $6 WHERE id = $1",
        columns)
    }
    if !change.events.isEmpty {
      try connection.query(
        """
        INSERT INTO dcmc_customer_events (customer_id, seq, event)
        SELECT $1, e.seq, e.event FROM jsonb_to_recordset($2::jsonb) AS e(seq integer, event text)
        """, [.string(id), PostgresHistory.records(change.events, seq: \.seq)])
    }
    if let request = change.request {
      try connection.query(
        "INSERT INTO dcmc_customer_requests (request, customer_id) VALUES ($1, $2) ON CONFLICT (request) DO NOTHING",
        [.string(request), .string(id)])
    }
    if let sequence = change.sequence {
      try connection.query(
        """
        INSERT INTO dcmc_customer_sequence (last) VALUES ($1)
        ON CONFLICT (only_row) DO UPDATE SET last = GREATEST(dcmc_customer_sequence.last, EXCLUDED.last)
        """, [.int(sequence)])
    }
    return .added
  }

  /// The keys a record in use takes (`email:KEY`, `phone:E164`); none for a merged record.
  private static func keys(of state: CustomerState) -> [String] {
    guard state.mergedInto == nil else { return [] }
    return [state.email.map { "email:" + $0.key }, state.phone.map { "phone:" + $0.e164 }].compactMap { $0 }
  }
}
