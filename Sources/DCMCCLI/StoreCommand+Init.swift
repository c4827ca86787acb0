import DCMCApplication
import DCMCPostgres

/// `dcmc store init`: the schema of a PostgreSQL store created or brought to this dcmc's
/// version (SPEC section 18).
extension StoreCommand {
  static let initAction = ActionSpec.runtime(
    "init", "create or upgrade the schema of a postgresql:// store",
    details: """
      Connects to the database --store names (a libpq URL, postgresql://USER@HOST:PORT/DB;
      the password from the URL, PGPASSWORD or ~/.pgpass) and applies the migrations it lacks,
      in order, each in one transaction; running it again changes nothing. Refuses a database
      whose schema is newer than this dcmc's, or whose tables are another application's.
      """
  ) { _, options, terminal in initialize(options, terminal) }

  static func initialize(_ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    RuntimeOptions.run(terminal) { () throws(ServiceError) in
      guard PostgresCaseRepository.isURL(options.storePath) else {
        throw .repository(
          .unavailable(PostgresError("'store init' is for a postgresql:// store; 'dcmc deploy' makes a store directory"))
        )
      }
      let (from, to) = try ServiceError.wrap { () throws(RepositoryError) in
        try PostgresCaseRepository.migrate(url: options.storePath, settings: options.postgres)
      }
      if options.json { return RuntimeOutput.text(.object([("from", .int(from)), ("to", .int(to))])) }
      if from == to { return "the store's schema is at version \(to): nothing to do" }
      return from == 0 ? "created the store's schema, version \(to)" : "upgraded the store's schema from version \(from) to \(to)"
    }
  }
}
