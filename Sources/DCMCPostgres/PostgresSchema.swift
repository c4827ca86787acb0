/// The version of dcmc's tables in a database, and the migrations that bring it to this
/// dcmc's (`PostgresMigrations`). `dcmc_schema` holds one row: the application and the
/// version. Migrations run one at a time, each in its own transaction under an advisory
/// lock, so two `store init` at once apply each migration once.
public enum PostgresSchema {
  /// The version this dcmc reads and writes.
  public static let currentVersion = PostgresMigrations.all.count
  static let application = "dcmc"
  /// The key of the advisory lock that serialises migrations ('dcmc' in ASCII).
  static let migrationLock = 0x64_63_6d_63

  /// Creates or upgrades the schema of the database `pool` connects to (its current schema,
  /// `public` unless the URL's `options` set `search_path`). Answers the versions before and
  /// after this call (equal when another process applied them, or none were missing).
  /// Refuses a database holding another application's tables, or a newer version.
  public static func migrate(_ pool: PostgresPool) throws(PostgresError) -> (from: Int, to: Int) {
    try migrate(pool, upTo: currentVersion)
  }

  /// `migrate` up to version `target` only: the tests' store of an older dcmc, to upgrade.
  package static func migrate(_ pool: PostgresPool, upTo target: Int) throws(PostgresError) -> (from: Int, to: Int) {
    var version = try pool.transaction { (connection) throws(PostgresError) in try prepare(connection) }
    var from: Int?
    while version < min(target, currentVersion) {
      let step = try pool.transaction { (connection) throws(PostgresError) in try applyNext(connection, upTo: target) }
      if step.before != step.after, from == nil { from = step.before }
      version = step.after
    }
    return (from ?? version, version)
  }

  /// Refuses a database whose schema is not this dcmc's current one: none yet, older (run
  /// `store init`), newer, or another application's.
  public static func check(_ connection: PostgresConnection) throws(PostgresError) {
    guard try connection.query("SELECT to_regclass('dcmc_schema') IS NOT NULL").string(0, 0) == "t" else {
      throw PostgresError("the database holds no dcmc store; run 'dcmc store init' first")
    }
    let version = try recordedVersion(connection)
    guard version == currentVersion else {
      throw PostgresError(
        "the store's schema is version \(version), this dcmc's is \(currentVersion); run 'dcmc store init' to upgrade it"
      )
    }
  }

  /// Under the lock: makes `dcmc_schema` in an empty database, refuses another application's,
  /// and answers the version found.
  private static func prepare(_ connection: PostgresConnection) throws(PostgresError) -> Int {
    try connection.query("SELECT pg_advisory_xact_lock($1)", [.int(migrationLock)])
    if try connection.query("SELECT to_regclass('dcmc_schema') IS NULL").string(0, 0) == "t" {
      let tables = try connection.query(
        "SELECT count(*), current_schema() FROM pg_tables WHERE schemaname = current_schema()")
      guard tables.int(0, 0) == 0 else {
        let schema = tables.string(0, 1) ?? "?"
        throw PostgresError("schema '\(schema)' holds tables of another application, and no dcmc store")
      }
      try connection.query("CREATE TABLE dcmc_schema (application text NOT NULL, version integer NOT NULL)")
      try connection.query("INSERT INTO dcmc_schema VALUES ($1, 0)", [.string(application)])
    }
    return try recordedVersion(connection)
  }

  /// Under the lock: applies the migration after the version found, if any, and records it.
  private static func applyNext(_ connection: PostgresConnection, upTo target: Int) throws(PostgresError)
    -> (before: Int, after: Int)
  {
    try connection.query("SELECT pg_advisory_xact_lock($1)", [.int(migrationLock)])
    let version = try recordedVersion(connection)
    guard version < min(target, currentVersion) else { return (version, version) }
    for statement in PostgresMigrations.all[version] { try connection.query(statement) }
    try connection.query("UPDATE dcmc_schema SET version = $1", [.int(version + 1)])
    return (version, version + 1)
  }

  /// The version `dcmc_schema` records, refused when it is another application's, or newer.
  private static func recordedVersion(_ connection: PostgresConnection) throws(PostgresError) -> Int {
    let rows = try connection.query("SELECT application, version FROM dcmc_schema")
    guard rows.rows.count == 1, rows.string(0, 0) == application, let version = rows.int(0, 1) else {
      throw PostgresError("table 'dcmc_schema' is not a dcmc store's: it names another application")
    }
    guard version <= currentVersion else {
      throw PostgresError(
        "the store's schema is version \(version), newer than this dcmc's (\(currentVersion)); use a newer dcmc")
    }
    return version
  }
}
