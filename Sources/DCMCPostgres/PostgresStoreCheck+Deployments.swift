import DCMCApplication
import DCMCCalendar

/// `store verify` of the bundles (`dcmc_bundles`) and the deployment history
/// (`dcmc_deployments`), by the rules the file store checks `bundles/`, `deployment.json` and
/// `deployments.jsonl` with (`DeploymentDamage`), each line naming the table.
///
/// What the file store checks and this store cannot hold is not checked: a deployment's bundle
/// is a foreign key of `dcmc_bundles`, the current bundle is the last row's; `number` is a
/// serial, which a deployment rolled back after its insert leaves a gap in (the numbers are
/// not 1, 2, ... by design); and a store of a schema before 11 recorded a redeploy of the
/// current bundle as a row of its own (one bundle twice in a row), which `store copy` leaves out.
extension PostgresStoreCheck {
  /// Names each deployment whose user is no user name or whose time is no instant of the
  /// years 1 to 9999; an empty history while cases exist; the deployed bundle, or one a case
  /// runs on, missing from `dcmc_bundles`; and each bundle there that does not load as the
  /// bundle its hash names. Each bundle's bytes are read one at a time.
  mutating func checkDeployments(_ connection: PostgresConnection) throws(PostgresError) {
    let first = problems.count
    defer { for line in problems[first...] { unmended[line] = .deployments } }
    let rows = try connection.query(
      "SELECT number, bundle, deployed_by, deployed_at FROM dcmc_deployments ORDER BY number")
    var current: String?
    for row in rows.rows.indices {
      // `number` and `bundle` are NOT NULL.
      guard let number = rows.int(row, 0), let bundle = rows.string(row, 1) else { continue }
      let at = rows.int(row, 3).map(Instant.init(secondsSinceEpoch:))
      let record = DeploymentRecord(number: number, bundle: bundle, by: rows.string(row, 2), at: at)
      for damage in [DeploymentDamage.user(record), DeploymentDamage.time(record)].compactMap({ $0 }) {
        problems.append("dcmc_deployments: deployment \(number): \(damage)" + Self.historyMending)
      }
      current = bundle
    }
    var needed = bundlesRun
    if let current {
      needed[current, default: []].append("")
    } else if !caseIDs.isEmpty {
      problems.append("dcmc_deployments is empty: no bundle is deployed, and the store holds cases")
    }
    let kept = Set(try Self.ids("SELECT hash FROM dcmc_bundles", connection))
    for (hash, cases) in needed.sorted(by: { $0.key < $1.key }) where !kept.contains(hash) {
      problems.append(
        "dcmc_bundles: bundle '\(DeploymentDamage.printable(hash: hash))' is missing: "
          + DeploymentDamage.missingBundle(runBy: cases.filter { !$0.isEmpty }))
    }
    for hash in kept.sorted() {
      let bytes = try connection.query(
        "SELECT bytes FROM dcmc_bundles WHERE hash = $1", [.string(hash)], format: .binary
      ).bytes(0, 0)
      // `bytes` is NOT NULL, and the snapshot holds the row it listed.
      guard let bytes, let damage = DeploymentDamage.bundle(bytes, keptAs: hash) else { continue }
      problems.append("dcmc_bundles: bundle '\(DeploymentDamage.printable(hash: hash))' \(damage)")
    }
  }

  /// The end of a line about a deployment row: no command writes the history again.
  static let historyMending = DeploymentDamage.mending("mend the row by hand")
}
