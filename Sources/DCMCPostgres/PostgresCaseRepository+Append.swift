import DCMCApplication
import DCMCCalendar
import DCMCRuntime

extension PostgresCaseRepository {
  /// Each change in its own transaction, in order, then the tick mark (only ever moved
  /// forward by `GREATEST`).
  public func append(_ changes: [CaseChangeSet], tick: Instant?) throws(RepositoryError) -> [AppendOutcome] {
    try run { (connection) throws(PostgresError) in
      var outcomes: [AppendOutcome] = []
      outcomes.reserveCapacity(changes.count)
      for change in changes {
        outcomes.append(try connection.transaction { () throws(PostgresError) in try Self.write(change, on: connection) })
      }
      if let tick {
        try connection.query(
          """
          INSERT INTO dcmc_ticks (at) VALUES ($1)
          ON CONFLICT (only_row) DO UPDATE SET at = GREATEST(dcmc_ticks.at, EXCLUDED.at)
          """, [.int(tick.secondsSinceEpoch)])
      }
      return outcomes
    }
  }

  /// Writes one change and its report facts inside the caller's transaction, or nothing when its case is not at
  /// the version the change was decided on. The row's update takes its lock: a concurrent
  /// writer of the same case waits for this transaction and then finds the version moved.
  private static func write(_ change: CaseChangeSet, on connection: PostgresConnection) throws(PostgresError)
    -> AppendOutcome
  {
    let id = change.after.id
    let row = PostgresCaseRow(change.after)
    let moved: Int
    if change.expectedVersion == 0 {
      moved = try connection.query(
        """
        INSERT INTO dcmc_cases (id, type, status, customer, unidentified, created_at, next_timer, version, state)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING
        """, row.columns
      ).affected
    } else {
      moved = try connection.query(
        """
        UPDATE dcmc_cases SET type = $2, status = $3, customer = $4, unidentified = $5, created_at = $6,
          next_timer = $7, version = $8, state = $9
        WHERE id = $1 AND version = $10
        """, row.columns + [.int(change.expectedVersion)]
      ).affected
    }
    guard moved == 1 else {
      let version = try connection.query("SELECT version FROM dcmc_cases WHERE id = $1", [.string(id)]).int(0, 0)
      return .conflict(version: version ?? 0)
    }
    if !change.events.isEmpty {
      try connection.query(
        """
        INSERT INTO dcmc_case_events (case_id, seq, event)
        SELECT $1, e.seq, e.event FROM jsonb_to_recordset($2::jsonb) AS e(seq integer, event text)
        """, [.string(id), PostgresCaseRow.events(change.events, of: id)])
    }
    try writeTasks(row, replacing: change.expectedVersion != 0, on: connection)
    if let request = change.request {
      try connection.query(
        "INSERT INTO dcmc_requests (request, case_id) VALUES ($1, $2) ON CONFLICT (request) DO NOTHING",
        [.string(request), .string(id)])
    }
    if let sequence = change.sequence {
      try connection.query(
        """
        INSERT INTO dcmc_sequences (case_type, last) VALUES ($1, $2)
        ON CONFLICT (case_type) DO UPDATE SET last = GREATEST(dcmc_sequences.last, EXCLUDED.last)
        """, [.string(change.after.type), .int(sequence)])
    }
    try insertFacts(ReportFact.facts(of: change), on: connection)
    return .appended
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
