import DCMCApplication
import DCMCCalendar
import DCMCRuntime

extension PostgresCaseRepository {
  /// The changes of a batch (a group commit's round, `GroupCommit`) in one transaction, so
  /// one commit (one WAL flush, and one wait for a synchronous standby) covers them all; a
  /// single change is its own statement's transaction. A batch whose transaction fails before
  /// its commit was rolled back whole and is written again one change per transaction (so a
  /// deadlock with another process's batch, or one change's error, costs only the sharing);
  /// then the tick mark (only ever moved forward by `GREATEST`).
  public func append(_ changes: [CaseChangeSet], tick: Instant?) throws(RepositoryError) -> [AppendOutcome] {
    if changes.count > 1,
      let outcomes = try run({ (connection) throws(PostgresError) in
        try Self.writeInOneTransaction(changes, tick: tick, on: connection)
      })
    {
      return outcomes
    }
    if changes.count == 1 {
      return try run { (connection) throws(PostgresError) in
        let outcome = try Self.write(changes[0], on: connection)
        if let tick { try Self.record(tick, on: connection) }
        return [outcome]
      }
    }
    return try writeOneByOne(changes, tick: tick)
  }

  /// The fallback of a batch whose transaction failed: each change in a transaction of its
  /// own, every one tried. When one fails (its statement's error, or the connection lost, when
  /// whether it committed is unknown), the others still count: `PartialAppend` gives each
  /// change's outcome, so that a group commit acknowledges the requests whose changes were
  /// written and fails only the others. The tick is recorded when every change was written.
  func writeOneByOne(_ changes: [CaseChangeSet], tick: Instant?) throws(RepositoryError) -> [AppendOutcome] {
    var outcomes: [AppendOutcome?] = []
    outcomes.reserveCapacity(changes.count)
    var failure: RepositoryError?
    for change in changes {
      // After a statement that went unanswered (a standby not there), the others would
      // each wait as long: they are not tried.
      if case .unavailable(let reason)? = failure, (reason as? PostgresError)?.unanswered == true {
        outcomes.append(nil)
        continue
      }
      do {
        outcomes.append(try run { (connection) throws(PostgresError) in try Self.write(change, on: connection) })
      } catch {
        outcomes.append(nil)
        failure = failure ?? error
      }
    }
    if let failure { throw .unavailable(PartialAppend(outcomes: outcomes, reason: failure)) }
    if let tick { try run { (connection) throws(PostgresError) in try Self.record(tick, on: connection) } }
    return outcomes.compactMap { $0 }
  }

  /// Writes `changes` and `tick` in one transaction, in the order of their cases' ids (so two
  /// processes' batches lock shared rows in one order), answering in the order given; `nil`
  /// when a statement failed and the transaction was rolled back, nothing written. A failed
  /// `COMMIT` throws: whether it happened is unknown, so nothing is written again.
  static func writeInOneTransaction(_ changes: [CaseChangeSet], tick: Instant?, on connection: PostgresConnection)
    throws(PostgresError) -> [AppendOutcome]?
  {
    try connection.query("BEGIN")
    var outcomes = [AppendOutcome?](repeating: nil, count: changes.count)
    do {
      let order = changes.indices.sorted { (changes[$0].after.id, $0) < (changes[$1].after.id, $1) }
      for index in order { outcomes[index] = try write(changes[index], on: connection) }
      if let tick { try record(tick, on: connection) }
    } catch {
      _ = try? connection.query("ROLLBACK")
      return nil
    }
    try connection.query("COMMIT")
    return outcomes.compactMap { $0 }
  }

  /// Records `tick` as the last tick unless a later one is recorded: the mark only moves
  /// forward.
  static func record(_ tick: Instant, on connection: PostgresConnection) throws(PostgresError) {
    try connection.query(
      """
      INSERT INTO dcmc_ticks (at) VALUES ($1)
      ON CONFLICT (only_row) DO UPDATE SET at = GREATEST(dcmc_ticks.at, EXCLUDED.at)
      """, [.int(tick.secondsSinceEpoch)])
  }

  /// Writes one change and its report facts in one call of `dcmc_append_case` (migration 3),
  /// one statement and so one transaction, or nothing when its case is not at the version
  /// the change was decided on. The row's update takes its lock: a concurrent writer of the
  /// same case waits for this transaction and then finds the version moved.
  ///
  /// A change that offers a task, takes an offer back or moves a task into or out of someone's
  /// hands notifies the servers listening (`PostgresEventListener`) in the same statement,
  /// naming those users, when it is written; the other changes notify nobody, so most commits
  /// do not take the server's notification queue lock.
  static func write(_ change: CaseChangeSet, on connection: PostgresConnection) throws(PostgresError)
    -> AppendOutcome
  {
    let row = PostgresCaseRow(change.after)
    let append = "dcmc_append_case($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13, $14, $15::jsonb)"
    var parameters =
      row.columns + [
        .int(change.expectedVersion), PostgresCaseRow.events(change.events, of: change.after.id), row.tasks,
        change.request.map(PostgresValue.string), change.sequence.map(PostgresValue.int),
        factRows(ReportFact.facts(of: change)),
      ]
    var sql = "SELECT \(append)"
    if let payload = PostgresEventListener.payload(naming: change.watchers) {
      sql = "SELECT CASE WHEN r < 0 THEN (SELECT -1 FROM \(PostgresEventListener.notify("$16"))) ELSE r END FROM \(append) AS r"
      parameters.append(.string(payload))
    }
    let found = try connection.query(sql, parameters).int(0, 0)
    guard let found else { throw PostgresError("dcmc_append_case answered nothing for case '\(change.after.id)'") }
    return found < 0 ? .appended : .conflict(version: found)
  }

  /// Writes the task index rows of `row`'s case inside the caller's transaction, after
  /// deleting those it had when `replacing`.
  static func writeTasks(_ row: PostgresCaseRow, replacing: Bool, on connection: PostgresConnection)
    throws(PostgresError)
  {
    if replacing {
      try connection.query("DELETE FROM dcmc_tasks WHERE case_id = $1", [row.columns[0]])
    }
    guard row.hasTasks else { return }
    try connection.query(
      """
      INSERT INTO dcmc_tasks (task_id, case_id, target, status, holder, priority, ola_due, created_at)
      SELECT t.task_id, $1, t.target, t.status, t.holder, t.priority, t.ola_due, t.created_at
      FROM jsonb_to_recordset($2::jsonb) AS t(\(PostgresCaseRow.taskColumns))
      """, [row.columns[0], row.tasks])
  }
}
