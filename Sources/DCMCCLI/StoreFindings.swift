import DCMCApplication
import DCMCCalendar
import DCMCPostgres
import DCMCStore

/// What `store verify` finds in a store of either kind: the one definition of damage, which
/// `store verify` prints and `store copy` refuses a source for.
struct StoreFindings {
  var cases: Int
  var customers: Int
  var presences: Int
  /// The damage, one line each, naming the case or record and the file or table.
  var problems: [String]
  /// The derived files a crash left behind their histories, which are no damage (a file
  /// store's; a database writes its derived rows in the transaction of the change).
  var behind: [String]
  /// The problems among `problems` that `store rebuild` does not mend, with what does.
  var unmended: [String: StoreRemedy]
  /// Whether the store is a database (its remedies name rows, not files).
  var database: Bool

  /// A directory's findings; `now`, when given, is the time `tick.json` may not be after.
  init(_ files: FileCaseRepository, now: Instant?) throws(RepositoryError) {
    (cases, customers, presences, problems, behind, unmended) = try files.verify(now: now)
    database = false
  }

  init(_ database: PostgresCaseRepository) throws(RepositoryError) {
    let check = try database.verify()
    (cases, customers, presences, problems, behind) = (check.cases, check.customers, check.presences, check.problems, [])
    (unmended, self.database) = (check.unmended, true)
  }

  /// What mends each problem, in `problems`' order: `store rebuild` unless `unmended` says.
  var remedies: [StoreRemedy] { problems.map { unmended[$0] ?? .rebuild } }

  /// What mends the problems, one clause per kind among them (`StoreRemedy`), the commands
  /// naming `store` when given: what `store verify` and `store copy` advise.
  func advice(store: String?) -> String { StoreRemedy.advice(remedies, store: store, database: database) }
}
