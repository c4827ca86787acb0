import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCRuntime

/// The lists, from the case rows' columns and the task index (`dcmc_tasks`): each query
/// selects the rows it needs, then reads their states; a state that does not read is left
/// out and named among the damaged.
extension PostgresCaseRepository {
  /// A page from the index in creation order (`dcmc_cases_by_creation`): the rows after the
  /// cursor, at most `limit` (`LIMIT NULL`: all).
  public func cases(_ filter: CaseFilter) throws(RepositoryError) -> (cases: [CaseState], damaged: [CaseDamage]) {
    let found = try states(
      """
      SELECT id, state FROM dcmc_cases
      WHERE ($1::text IS NULL OR type = $1) AND ($2::text IS NULL OR status = $2)
        AND ($3::text IS NULL OR customer = $3) AND (NOT $4::boolean OR unidentified)
        AND (NOT $5::boolean OR status NOT IN ('closed', 'cancelled'))
        AND ($6::bigint IS NULL OR (created_at, id) > ($6::bigint, $7::text COLLATE "C"))
      ORDER BY created_at, id LIMIT $8
      """,
      [
        filter.type.map(PostgresValue.string), filter.status.map { .string($0.rawValue) },
        filter.customer.map(PostgresValue.string), .bool(filter.unidentified), .bool(filter.open),
        filter.after.map { .int($0.createdAt.secondsSinceEpoch) }, filter.after.map { .string($0.id) },
        filter.limit.map { .int(max(0, $0)) },
      ])
    return (found.states.filter(filter.matches), found.damaged)
  }

  public func activeTasks(in targets: [String]?) throws(RepositoryError)
    -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
  {
    let list = targets.map { targets in
      PostgresValue.string(String(decoding: JSONValue.array(targets.map { .string($0) }).compact(), as: UTF8.self))
    }
    let found = try states(
      """
      SELECT id, state FROM dcmc_cases WHERE id IN (
        SELECT case_id FROM dcmc_tasks
        WHERE $1::jsonb IS NULL OR target IN (SELECT jsonb_array_elements_text($1::jsonb)))
      ORDER BY id
      """, [list])
    let tasks = found.states.flatMap { state in
      state.activeTasks.filter { targets?.contains($0.target) ?? true }.map { (task: $0, of: state) }
    }
    return (tasks, found.damaged)
  }

  /// Reads the queue in its order from the partial index of queued tasks, from the row after
  /// `position`: no more than `limit` index rows and their cases.
  public func queuedTasks(in target: String, after position: Urgency?, limit: Int) throws(RepositoryError)
    -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
  {
    let order = "-t.priority, COALESCE(t.ola_due, \(PostgresCaseRow.noOLA)), t.created_at, t.task_id"
    let found = try states(
      """
      SELECT c.id, c.state, t.task_id FROM dcmc_tasks t JOIN dcmc_cases c ON c.id = t.case_id
      WHERE t.target = $1 AND t.status = 'queued'
        AND ($2::integer IS NULL OR (\(order)) > ($2::integer, $3::bigint, $4::bigint, $5::text COLLATE "C"))
      ORDER BY \(order) LIMIT $6
      """,
      [
        .string(target), position.map { .int(-$0.priority) },
        position.map { .int($0.olaDue?.secondsSinceEpoch ?? Int(PostgresCaseRow.noOLA)) },
        position.map { .int($0.createdAt.secondsSinceEpoch) }, position.map { .string($0.task) }, .int(max(0, limit)),
      ], taskColumn: 2)
    let tasks = found.rows.compactMap { (state, taskID) -> (task: TaskState, of: CaseState)? in
      guard let task = state.tasks.first(where: { $0.id == taskID && $0.status == .queued }) else { return nil }
      return (task, state)
    }
    return (tasks, found.damaged)
  }

  public func heldTasks(of user: String) throws(RepositoryError)
    -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
  {
    let found = try states(
      "SELECT id, state FROM dcmc_cases WHERE id IN (SELECT case_id FROM dcmc_tasks WHERE holder = $1) ORDER BY id",
      [.string(user)])
    let tasks = found.states.flatMap { state in
      state.activeTasks.filter { $0.holder == user }.map { (task: $0, of: state) }
    }
    return (tasks, found.damaged)
  }

  /// The states of the rows `sql` selects (`id, state`, and with `taskColumn` a task id each)
  /// in its order, and the damage of those that do not read.
  private func states(_ sql: String, _ parameters: [PostgresValue?], taskColumn: Int? = nil)
    throws(RepositoryError) -> (states: [CaseState], rows: [(CaseState, String)], damaged: [CaseDamage])
  {
    let rows = try run { (connection) throws(PostgresError) in try connection.query(sql, parameters) }
    var states: [CaseState] = []
    var tasks: [(CaseState, String)] = []
    var damaged: [CaseDamage] = []
    for row in rows.rows.indices {
      let id = rows.string(row, 0) ?? ""
      switch PostgresCaseRow.state(rows.rows[row][1], id: id) {
      case .success(let state):
        states.append(state)
        if let taskColumn { tasks.append((state, rows.string(row, taskColumn) ?? "")) }
      case .failure(let damage):
        if !damaged.contains(damage) { damaged.append(damage) }
      }
    }
    return (states, tasks, damaged)
  }
}
