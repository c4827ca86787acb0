import DCMCApplication
import DCMCJSON
import DCMCRuntime

/// A case as its row and its index rows hold it: the state's JSON (the file store's format 2)
/// and the columns the queries select on, derived from the state at each append.
struct PostgresCaseRow {
  /// What a task without an OLA sorts as in the queue: after every instant (`Urgency`).
  static let noOLA = Int64.max
  /// The largest state or event this store reads back (as the file store: 16 MiB).
  static let limits = JSONValue.Limits(maxBytes: 16 << 20)

  /// `id, type, status, customer, unidentified, created_at, next_timer, version, state`, as
  /// `$1`...`$9` of the statements that write the row.
  let columns: [PostgresValue?]
  /// The names of a task index row's columns in `tasks`, as the statements unnest them.
  static let taskNames = "task_id, target, status, holder, priority, ola_due, created_at"
  /// The active tasks' index rows, a column at a time (`taskNames`).
  let tasks: PostgresColumns
  var hasTasks: Bool { tasks.rowCount > 0 }

  init(_ state: CaseState) {
    columns = [
      .string(state.id), .string(state.type), .string(state.status.rawValue), state.customer.map(PostgresValue.string),
      .bool(state.identification == .ambiguous && state.customer == nil), .int(state.createdAt.secondsSinceEpoch),
      state.timers.map(\.due.secondsSinceEpoch).min().map(PostgresValue.int), .int(state.version),
      .string(String(decoding: state.compactJSON(), as: UTF8.self)),
    ]
    var tasks = PostgresColumns(Self.taskTypes)
    for task in state.activeTasks {
      tasks.append([
        .string(task.id), .string(task.target), .string(task.status.rawValue), task.holder.map(PostgresValue.string),
        .int(task.priority), task.olaDue.map { .int($0.secondsSinceEpoch) }, .int(task.createdAt.secondsSinceEpoch),
      ])
    }
    self.tasks = tasks
  }

  /// The SQL types of `taskNames`.
  static let taskTypes = ["text", "text", "text", "text", "integer", "bigint", "bigint"]

  /// The event rows of a change: each its sequence number and the text of its history record
  /// (UTF-8), whose CRC-32C is the event's own in the history chain (`PostgresCaseChain`).
  static func events(_ events: [CaseEvent], of id: String) -> [(seq: Int, text: [UInt8])] {
    events.map { ($0.seq, $0.compactJSON(caseID: id)) }
  }

  /// The state kept in row `id`, or the damage that keeps it from being read.
  static func state(_ bytes: [UInt8]?, id: String) -> Result<CaseState, CaseDamage> {
    guard let bytes else { return .failure(CaseDamage(caseID: id, problem: "its state in 'dcmc_cases' is null")) }
    do {
      let state = try CaseState(json: try parse(bytes))
      guard state.id == id else {
        return .failure(CaseDamage(caseID: id, problem: "its state in 'dcmc_cases' is that of case '\(state.id)'"))
      }
      return .success(state)
    } catch {
      return .failure(CaseDamage(caseID: id, problem: "its state in 'dcmc_cases' does not read: \(error)"))
    }
  }

  /// The history of case `id` from its event rows, or the damage found in them: an event that
  /// does not read, or a gap in the sequence numbers.
  static func history(_ rows: PostgresRows, id: String) -> Result<[CaseEvent], CaseDamage> {
    var events: [CaseEvent] = []
    events.reserveCapacity(rows.rows.count)
    for row in rows.rows.indices {
      let bytes = rows.rows[row][0] ?? []
      do {
        let event = try CaseEvent(json: try parse(bytes), caseID: id)
        guard event.seq == events.count + 1 else {
          return .failure(CaseDamage(caseID: id, problem: "'dcmc_case_events' lacks event \(events.count + 1)"))
        }
        events.append(event)
      } catch {
        return .failure(
          CaseDamage(caseID: id, problem: "event \(events.count + 1) in 'dcmc_case_events' does not read: \(error)"))
      }
    }
    return .success(events)
  }

  private static func parse(_ bytes: [UInt8]) throws -> JSONValue {
    do {
      return try JSONValue.parse(bytes, limits: limits)
    } catch {
      throw JSONShapeError(error.message)
    }
  }
}
