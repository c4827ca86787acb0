public import DCMCApplication
public import DCMCCalendar

/// The API tokens in `dcmc_tokens`, one row each in the order added; a revocation updates
/// the row once (`revoked IS NULL`), so the first instant stays.
extension PostgresCaseRepository: TokenRepository {
  /// How many tokens there are and how many are revoked: tokens are only ever added and each
  /// revoked at most once (never deleted), so every change moves one of the two counts, and
  /// the server's cache (`CachedTokens`) reads the rows again only then. One aggregate over
  /// the rows' two columns, not the records parsed.
  public func tokensVersion() throws(RepositoryError) -> String? {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.query("SELECT count(*), count(revoked) FROM dcmc_tokens")
    }
    return Self.tokensVersion(rows)
  }

  /// The tokens' version and the deployed bundle in one statement: one round trip and one
  /// snapshot for what a request of `dcmc serve` reads before it acts, where `tokensVersion`
  /// then `deployedBundle` took two, each its own transaction on the server; with the version
  /// row (migration 9) a write decided on them names (`StoreVersions.fence`).
  public func storeVersions() throws(RepositoryError) -> StoreVersions? {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.query(
        """
        SELECT count(*), count(revoked), (SELECT bundle FROM dcmc_deployments ORDER BY number DESC LIMIT 1),
          (SELECT version FROM dcmc_store_version)
        FROM dcmc_tokens
        """)
    }
    return StoreVersions(tokens: Self.tokensVersion(rows), deployed: rows.string(0, 2), fence: rows.int(0, 3))
  }

  /// The version `tokensVersion` answers, from the two counts that begin `rows`.
  private static func tokensVersion(_ rows: PostgresRows) -> String? {
    guard let added = rows.int(0, 0), let revoked = rows.int(0, 1) else { return nil }
    return "\(added) \(revoked)"
  }

  public func tokens() throws(RepositoryError) -> [TokenRecord] {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.query("SELECT id, user_id, salt, hash, created, expires, revoked FROM dcmc_tokens ORDER BY number")
    }
    return try rows.rows.indices.map { row throws(RepositoryError) in try Self.token(rows, row) }
  }

  public func addToken(_ record: TokenRecord) throws(RepositoryError) {
    _ = try run { (connection) throws(PostgresError) in
      try connection.query(
        "INSERT INTO dcmc_tokens (id, user_id, salt, hash, created, expires, revoked) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [
          .string(record.id), .string(record.user), .string(record.salt), .string(record.hash),
          .int(record.created.secondsSinceEpoch), record.expires.map { .int($0.secondsSinceEpoch) },
          record.revoked.map { .int($0.secondsSinceEpoch) },
        ])
    }
  }

  public func revokeToken(_ id: String, at instant: Instant) throws(RepositoryError) -> TokenRecord? {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.transaction { () throws(PostgresError) in
        try connection.query(
          "UPDATE dcmc_tokens SET revoked = $2 WHERE id = $1 AND revoked IS NULL",
          [.string(id), .int(instant.secondsSinceEpoch)])
        return try connection.query(
          "SELECT id, user_id, salt, hash, created, expires, revoked FROM dcmc_tokens WHERE id = $1", [.string(id)])
      }
    }
    guard !rows.rows.isEmpty else { return nil }
    return try Self.token(rows, 0)
  }

  private static func token(_ rows: PostgresRows, _ row: Int) throws(RepositoryError) -> TokenRecord {
    guard let id = rows.string(row, 0), let user = rows.string(row, 1), let salt = rows.string(row, 2),
      let hash = rows.string(row, 3), let created = rows.int(row, 4)
    else { throw .unavailable(PostgresError("a row of 'dcmc_tokens' has a null")) }
    return TokenRecord(
      id: id, user: user, salt: salt, hash: hash, created: Instant(secondsSinceEpoch: created),
      expires: rows.int(row, 5).map(Instant.init(secondsSinceEpoch:)),
      revoked: rows.int(row, 6).map(Instant.init(secondsSinceEpoch:)))
  }
}
