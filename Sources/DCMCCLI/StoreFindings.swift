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
  /// The damage of the bundles and the deployments among `problems`, which `store rebuild`
  /// does not mend: nothing derives them.
  var deployments: [String]

  /// A directory's findings; `now`, when given, is the time `tick.json` may not be after.
  init(_ files: FileCaseRepository, now: Instant?) throws(RepositoryError) {
    (cases, customers, presences, problems, behind, deployments) = try files.verify(now: now)
  }

  init(_ database: PostgresCaseRepository) throws(RepositoryError) {
    let check = try database.verify()
    (cases, customers, presences, problems, behind) = (check.cases, check.customers, check.presences, check.problems, [])
    deployments = check.deployments
  }
}
