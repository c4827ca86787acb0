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
  ///
  /// Changes decided on the store's versions (`CaseChangeSet.fence`) are written only while
  /// those are current (`dcmc_fence`, migration 9), else refused whole (`VersionsMoved`),
  /// not written again one by one. A batch whose changes name different versions (no caller
  /// makes one: a group commit's round shares them) is written one change at a time.
  public func append(_ changes: [CaseChangeSet], tick: Instant?) throws(RepositoryError) -> [AppendOutcome] {
    if changes.count > 1, changes.allSatisfy({ $0.fence == changes[0].fence }),
      let outcomes = try run({ (connection) throws(PostgresError) in
        try Self.writeInOneTransaction(changes, tick: tick, on: connection)
      })
    {
      return outcomes
    }
    if changes.count == 1 {
      return try run { (connection) throws(PostgresError) in try Self.write(changes, tick: tick, on: connection) }
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
        let written = try run { (connection) throws(PostgresError) in
          try Self.write([change], tick: nil, on: connection)
        }
        outcomes.append(written[0])
      } catch {
        outcomes.append(nil)
        failure = failure ?? error
      }
    }
    if let failure { throw .unavailable(PartialAppend(outcomes: outcomes, reason: failure)) }
    if let tick { try run { (connection) throws(PostgresError) in try Self.write([], tick: tick, on: connection) } }
    return outcomes.compactMap { $0 }
  }

  /// Writes `changes` and `tick` in one statement (its own transaction), in the order of
  /// their cases' ids (so two processes' batches lock shared rows in one order), answering in
  /// the order given; `nil` when the server refused the statement, which was rolled back,
  /// nothing written. A statement whose answer was lost or never came throws: whether it
  /// committed is unknown, so nothing is written again.
  static func writeInOneTransaction(_ changes: [CaseChangeSet], tick: Instant?, on connection: PostgresConnection)
    throws(PostgresError) -> [AppendOutcome]?
  {
    let order = changes.indices.sorted { (changes[$0].after.id, $0) < (changes[$1].after.id, $1) }
    let written: [AppendOutcome]
    do {
      written = try write(order.map { changes[$0] }, tick: tick, on: connection)
    } catch where error.sqlState != nil && !error.unanswered && !error.versionsMoved {
      return nil
    }
    var outcomes = [AppendOutcome](repeating: .appended, count: changes.count)
    for (place, index) in order.enumerated() { outcomes[index] = written[place] }
    return outcomes
  }

  /// Writes `changes` in the order given, their report facts and `tick` (moved only forward,
  /// by `GREATEST`), in one call of `dcmc_append_cases` (migration 6): one statement, so one
  /// transaction and one round trip, or inside the caller's; with the first change's fence,
  /// after `dcmc_fence` checked it in the same statement. A change whose case is not at
  /// the version it was decided on writes nothing and answers `.conflict`. A row's update
  /// takes its lock: a concurrent writer of the same case waits for this transaction and then
  /// finds the version moved.
  ///
  /// A change that offers a task, takes an offer back or moves a task into or out of someone's
  /// hands notifies the servers listening (`PostgresEventListener`) in the same statement,
  /// naming those users, when it is written; the other changes notify nobody, so most commits
  /// do not take the server's notification queue lock.
  ///
  /// Each row records the chain of its history (`PostgresCaseChain`): made from the chain the
  /// row has, read first when a change moves an existing case (one more round trip, none for a
  /// round of creations), and the row moved only from that chain, as from its version.
  @discardableResult
  static func write(_ changes: [CaseChangeSet], tick: Instant?, on connection: PostgresConnection)
    throws(PostgresError) -> [AppendOutcome]
  {
    let batch = PostgresAppendBatch(changes, tick: tick, rows: try PostgresCaseChain.rows(of: changes, on: connection))
    let answers: String?
    if let fence = changes.first?.fence {
      answers = try connection.query(PostgresAppendBatch.fencedStatement, [.int(fence)] + batch.parameters).string(0, 0)
    } else {
      answers = try connection.query(PostgresAppendBatch.statement, batch.parameters).string(0, 0)
    }
    guard let found = answers.flatMap(PostgresAppendBatch.answers), found.count == changes.count else {
      let answered = answers?.prefix(80) ?? "nothing"
      throw PostgresError("dcmc_append_cases answered '\(answered)' for \(changes.count) changes")
    }
    return found.map { $0 < 0 ? .appended : .conflict(version: $0) }
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
      FROM \(row.tasks.unnest(from: 2)) AS t(\(PostgresCaseRow.taskNames))
      """, [row.columns[0]] + row.tasks.parameters)
  }
}
