public import DCMCApplication
public import DCMCBundle
public import DCMCCalendar
public import DCMCRuntime

/// The store in a PostgreSQL database (SPEC section 18): the same contract as the file store
/// on tables (`PostgresMigrations`), shared by any number of processes and hosts.
///
/// Each change is one transaction: the case row moves from the version the change was decided
/// on to the next (`UPDATE ... WHERE version = $n`; a new case is an `INSERT` of a row that
/// must not exist), and its events, index rows, request id and number are written with it,
/// so a change is all there or not there, and durable once committed (`synchronous_commit` is
/// on for every connection). A writer that lost the race updates no row: a `.conflict`.
public struct PostgresCaseRepository: CaseRepository, CaseQueries {
  let pool: PostgresPool

  /// The store at `url`, whose schema must be this dcmc's current one (`dcmc store init`),
  /// refused (`UnfinishedCopy`) while a `store copy` into it has not ended, unless `copying`
  /// (the copy that finishes it).
  public static func open(url: String, settings: PostgresSettings = PostgresSettings(), copying: Bool = false)
    throws(RepositoryError) -> PostgresCaseRepository
  {
    let repository = PostgresCaseRepository(pool: PostgresPool(url: url, settings: settings))
    let mark = try repository.run { (connection) throws(PostgresError) in
      try PostgresSchema.check(connection)
      return try connection.query("SELECT source FROM dcmc_copy_unfinished")
    }
    if !copying, !mark.rows.isEmpty { throw .unavailable(UnfinishedCopy(store: nil, source: mark.string(0, 0))) }
    return repository
  }

  init(pool: PostgresPool) { self.pool = pool }

  /// Whether a `--store` value names a PostgreSQL store rather than a directory.
  public static func isURL(_ store: String) -> Bool {
    store.hasPrefix("postgresql://") || store.hasPrefix("postgres://")
  }

  /// One transaction: the bundle, then the deployment's row unless the bundle is the current
  /// one already. The table's lock (which plain reads do not wait for) orders two deployments
  /// at once, so the second sees the first's row and a bundle deployed twice at once is
  /// recorded once.
  public func deploy(_ bundle: DefinitionBundle, bytes: [UInt8], by user: String?, at time: Instant?)
    throws(RepositoryError) -> Bool
  {
    try run { (connection) throws(PostgresError) in
      try connection.transaction { () throws(PostgresError) in
        let isNew = try Self.keep(bundle, bytes: bytes, connection)
        try connection.query("LOCK TABLE dcmc_deployments IN SHARE ROW EXCLUSIVE MODE")
        try connection.query(
          """
          INSERT INTO dcmc_deployments (bundle, deployed_by, deployed_at) SELECT $1::text, $2::text, $3::bigint
          WHERE (SELECT bundle FROM dcmc_deployments ORDER BY number DESC LIMIT 1) IS DISTINCT FROM $1::text
          """,
          [.string(bundle.hash), user.map(PostgresValue.string), time.map { .int($0.secondsSinceEpoch) }])
        return isNew
      }
    }
  }

  public func keepBundle(_ bundle: DefinitionBundle, bytes: [UInt8]) throws(RepositoryError) -> Bool {
    try run { (connection) throws(PostgresError) in try Self.keep(bundle, bytes: bytes, connection) }
  }

  /// Inserts the bundle unless it is there; whether it was new.
  private static func keep(_ bundle: DefinitionBundle, bytes: [UInt8], _ connection: PostgresConnection)
    throws(PostgresError) -> Bool
  {
    try connection.query(
      "INSERT INTO dcmc_bundles (hash, bytes) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING",
      [.string(bundle.hash), .bytes(bytes)]
    ).affected == 1
  }

  /// The rows of `dcmc_deployments` in order, numbered after `after`, at most `limit`
  /// (`LIMIT NULL`: all); rows from before schema version 11 have no user or time.
  public func deployments(after: Int?, limit: Int?) throws(RepositoryError) -> [DeploymentRecord] {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.query(
        """
        SELECT number, bundle, deployed_by, deployed_at FROM dcmc_deployments
        WHERE $1::bigint IS NULL OR number > $1 ORDER BY number LIMIT $2
        """, [after.map { .int($0) }, limit.map { .int(max(0, $0)) }])
    }
    return (0..<rows.rows.count).map { row in
      DeploymentRecord(
        number: rows.int(row, 0) ?? 0, bundle: rows.string(row, 1) ?? "", by: rows.string(row, 2),
        at: rows.int(row, 3).map(Instant.init(secondsSinceEpoch:)))
    }
  }

  public func deployedBundle() throws(RepositoryError) -> String? {
    try run { (connection) throws(PostgresError) in
      try connection.query("SELECT bundle FROM dcmc_deployments ORDER BY number DESC LIMIT 1").string(0, 0)
    }
  }

  public func bundle(_ hash: String) throws(RepositoryError) -> [UInt8]? {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.query("SELECT bytes FROM dcmc_bundles WHERE hash = $1", [.string(hash)], format: .binary)
    }
    guard !rows.rows.isEmpty else { return nil }
    guard let bytes = rows.bytes(0, 0) else {
      throw .unavailable(PostgresError("bundle '\(hash.prefix(80))' in 'dcmc_bundles' is not bytea"))
    }
    return bytes
  }

  /// The case's state; a row whose chain is not one is refused as damaged
  /// (`PostgresCaseChain.unreadable`), so no command decides on it and none writes over it.
  public func load(_ id: String) throws(RepositoryError) -> CaseState? {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.query("SELECT state, chain FROM dcmc_cases WHERE id = $1", [.string(id)])
    }
    guard !rows.rows.isEmpty else { return nil }
    if PostgresCaseChain(version: 0, text: rows.string(0, 1)).isUnreadable {
      throw .damaged(CaseDamage(caseID: id, problem: PostgresCaseChain.unreadable))
    }
    switch PostgresCaseRow.state(rows.rows[0][0], id: id) {
    case .success(let state): return state
    case .failure(let damage): throw .damaged(damage)
    }
  }

  public func loadForUpdate(_ id: String) throws(RepositoryError) -> CaseState? { try load(id) }

  public func history(of id: String) throws(RepositoryError) -> [CaseEvent]? {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.query("SELECT event FROM dcmc_case_events WHERE case_id = $1 ORDER BY seq", [.string(id)])
    }
    guard !rows.rows.isEmpty else { return nil }
    switch PostgresCaseRow.history(rows, id: id) {
    case .success(let events): return events
    case .failure(let damage): throw .damaged(damage)
    }
  }

  public func caseRecording(request id: String) throws(RepositoryError) -> String? {
    try run { (connection) throws(PostgresError) in
      try connection.query("SELECT case_id FROM dcmc_requests WHERE request = $1", [.string(id)]).string(0, 0)
    }
  }

  public func lastSequence(of type: String) throws(RepositoryError) -> Int {
    try run { (connection) throws(PostgresError) in
      try connection.query("SELECT last FROM dcmc_sequences WHERE case_type = $1", [.string(type)]).int(0, 0) ?? 0
    }
  }

  /// From the timer index: exactly the cases whose next timer is due by `now`, earliest first.
  public func casesWithTimers(dueBy now: Instant) throws(RepositoryError) -> [String] {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.query(
        "SELECT id FROM dcmc_cases WHERE next_timer <= $1 ORDER BY next_timer, id", [.int(now.secondsSinceEpoch)])
    }
    return rows.rows.indices.compactMap { rows.string($0, 0) }
  }

  public func lastTick() throws(RepositoryError) -> Instant? {
    try run { (connection) throws(PostgresError) in
      try connection.query("SELECT at FROM dcmc_ticks").int(0, 0).map(Instant.init(secondsSinceEpoch:))
    }
  }

  /// Kept in `dcmc_attachments` under `attachments/CASE/NAME`, committed before it answers.
  public func storeAttachment(_ bytes: [UInt8], as file: AttachmentFile, case id: String)
    throws(RepositoryError) -> String
  {
    let place = "attachments/\(id)/\(file.name)"
    _ = try run { (connection) throws(PostgresError) in
      try connection.query(
        "INSERT INTO dcmc_attachments (place, bytes) VALUES ($1, $2) ON CONFLICT (place) DO NOTHING",
        [.string(place), .bytes(bytes)])
    }
    return place
  }

  /// The bytes kept at `place` by `storeAttachment`; `nil` when none are.
  public func attachment(at place: String) throws(RepositoryError) -> [UInt8]? {
    try run { (connection) throws(PostgresError) in
      try connection.query(
        "SELECT bytes FROM dcmc_attachments WHERE place = $1", [.string(place)], format: .binary
      ).bytes(0, 0)
    }
  }

  /// Runs `body` on a connection of the pool; the server's and libpq's failures are the
  /// store's being unavailable.
  func run<Result>(_ body: (PostgresConnection) throws(PostgresError) -> Result) throws(RepositoryError) -> Result {
    do {
      return try pool.withConnection(body)
    } catch where error.versionsMoved {
      throw .unavailable(VersionsMoved())
    } catch {
      throw .unavailable(error)
    }
  }
}

extension PostgresCaseRepository {
  /// Creates or upgrades the schema of the store at `url` (`PostgresSchema.migrate`): the
  /// versions before and after.
  public static func migrate(url: String, settings: PostgresSettings = PostgresSettings()) throws(RepositoryError)
    -> (from: Int, to: Int)
  {
    do {
      return try PostgresSchema.migrate(PostgresPool(url: url, settings: settings, keptIdle: 0))
    } catch {
      throw .unavailable(error)
    }
  }
}
