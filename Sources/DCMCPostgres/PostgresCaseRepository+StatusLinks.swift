public import DCMCApplication
public import DCMCCalendar

/// The customers' status page links in `dcmc_status_links`, one row each; a revocation sets
/// `revoked` once (`revoked IS NULL`), so the first instant stays.
extension PostgresCaseRepository: StatusLinkRepository {
  public func statusLink(_ id: String) throws(RepositoryError) -> StatusLinkRecord? {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.query(
        "SELECT id, customer, salt, hash, created, revoked FROM dcmc_status_links WHERE id = $1", [.string(id)])
    }
    guard !rows.rows.isEmpty else { return nil }
    guard let id = rows.string(0, 0), let customer = rows.string(0, 1), let salt = rows.string(0, 2),
      let hash = rows.string(0, 3), let created = rows.int(0, 4)
    else { throw .unavailable(PostgresError("a row of 'dcmc_status_links' has a null")) }
    return StatusLinkRecord(
      id: id, customer: customer, salt: salt, hash: hash, created: Instant(secondsSinceEpoch: created),
      revoked: rows.int(0, 5).map(Instant.init(secondsSinceEpoch:)))
  }

  public func addStatusLink(_ record: StatusLinkRecord) throws(RepositoryError) {
    _ = try run { (connection) throws(PostgresError) in
      try connection.query(
        "INSERT INTO dcmc_status_links (id, customer, salt, hash, created, revoked) VALUES ($1, $2, $3, $4, $5, $6)",
        [
          .string(record.id), .string(record.customer), .string(record.salt), .string(record.hash),
          .int(record.created.secondsSinceEpoch), record.revoked.map { .int($0.secondsSinceEpoch) },
        ])
    }
  }

  public func revokeStatusLinks(of customers: Set<String>, at instant: Instant) throws(RepositoryError) -> Int {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.query(
        """
        WITH revoked AS (
          UPDATE dcmc_status_links SET revoked = $2
          WHERE customer IN (SELECT jsonb_array_elements_text($1::jsonb)) AND revoked IS NULL RETURNING 1)
        SELECT count(*) FROM revoked
        """,
        [PostgresJSON.strings(customers.sorted()), .int(instant.secondsSinceEpoch)])
    }
    return rows.int(0, 0) ?? 0
  }
}
