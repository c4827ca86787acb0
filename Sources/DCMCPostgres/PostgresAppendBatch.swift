import DCMCApplication
import DCMCCalendar
import DCMCRuntime

/// The parameters of one call of `dcmc_append_cases` (migration 6): the changes' case rows a
/// column at a time, then their events, task rows and report facts, each row naming its
/// change by its place (1-based), every list one array per column (`PostgresColumns`).
struct PostgresAppendBatch {
  /// The call, its 32 parameters in the function's order.
  static let statement = "SELECT dcmc_append_cases(" + (1...32).map { "$\($0)" }.joined(separator: ", ") + ")"
  /// The call after `dcmc_fence($1)` (migration 9) checked the store's versions, in one
  /// statement: the function scan runs first, and its refusal rolls the statement back.
  static let fencedStatement =
    "SELECT dcmc_append_cases(" + (2...33).map { "$\($0)" }.joined(separator: ", ") + ") FROM dcmc_fence($1)"

  let parameters: [PostgresValue?]

  init(_ changes: [CaseChangeSet], tick: Instant?) {
    // The case row (`PostgresCaseRow.columns`), the expected version, request id, number
    // and the listeners' notice.
    var cases = PostgresColumns([
      "text", "text", "text", "text", "boolean", "bigint", "bigint", "integer", "text", "integer", "text", "integer",
      "text",
    ])
    var events = PostgresColumns(["integer", "integer", "text"])
    var tasks = PostgresColumns(["integer"] + PostgresCaseRow.taskTypes)
    var facts = PostgresColumns(["integer"] + PostgresCaseRepository.factTypes)
    for (index, change) in changes.enumerated() {
      let place = PostgresValue.int(index + 1)
      let row = PostgresCaseRow(change.after)
      cases.append(
        row.columns + [
          .int(change.expectedVersion), change.request.map(PostgresValue.string),
          change.sequence.map(PostgresValue.int),
          PostgresEventListener.payload(naming: change.watchers).map(PostgresValue.string),
        ])
      for event in PostgresCaseRow.events(change.events, of: change.after.id) {
        events.append([place, .int(event.seq), event.event])
      }
      for task in row.tasks.rows { tasks.append([place] + task) }
      for fact in ReportFact.facts(of: change) { facts.append([place] + PostgresCaseRepository.factRow(fact)) }
    }
    parameters =
      cases.parameters + [tick.map { .int($0.secondsSinceEpoch) }] + events.parameters + tasks.parameters
      + facts.parameters
  }

  /// The function's answer, `{-1,3}`: one integer per change.
  static func answers(_ text: String) -> [Int]? {
    guard text.hasPrefix("{"), text.hasSuffix("}") else { return nil }
    let inner = text.dropFirst().dropLast()
    guard !inner.isEmpty else { return [] }
    var answers: [Int] = []
    for item in inner.split(separator: ",", omittingEmptySubsequences: false) {
      guard let answer = Int(item) else { return nil }
      answers.append(answer)
    }
    return answers
  }
}
