import DCMCApplication
import DCMCCalendar
import DCMCRuntime

/// The parameters of one call of `dcmc_append_cases` (migration 12): the changes' case rows a
/// column at a time, then their events, task rows and report facts, each row naming its
/// change by its place (1-based), every list one array per column (`PostgresColumns`), then
/// the history chain each change's row gets and the one it is moved from.
struct PostgresAppendBatch {
  /// The call, its 34 parameters in the function's order.
  static let statement = "SELECT dcmc_append_cases(" + (1...34).map { "$\($0)" }.joined(separator: ", ") + ")"
  /// The call after `dcmc_fence($1)` (migration 9) checked the store's versions, in one
  /// statement: the function scan runs first, and its refusal rolls the statement back.
  static let fencedStatement =
    "SELECT dcmc_append_cases(" + (2...35).map { "$\($0)" }.joined(separator: ", ") + ") FROM dcmc_fence($1)"

  let parameters: [PostgresValue?]

  /// The call writing `changes` and `tick`, where `rows` are the case rows as read before it
  /// (`PostgresCaseChain.rows`: each existing case a change names, its version and chain).
  init(_ changes: [CaseChangeSet], tick: Instant?, rows: [String: PostgresCaseChain] = [:]) {
    var rows = rows
    // The case row (`PostgresCaseRow.columns`), the expected version, request id, number
    // and the listeners' notice.
    var cases = PostgresColumns([
      "text", "text", "text", "text", "boolean", "bigint", "bigint", "integer", "text", "integer", "text", "integer",
      "text",
    ])
    var events = PostgresColumns(["integer", "integer", "text"])
    var tasks = PostgresColumns(["integer"] + PostgresCaseRow.taskTypes)
    var facts = PostgresColumns(["integer"] + PostgresCaseRepository.factTypes)
    var chains = PostgresColumns(["text", "text"])
    for (index, change) in changes.enumerated() {
      let place = PostgresValue.int(index + 1)
      let row = PostgresCaseRow(change.after)
      cases.append(
        row.columns + [
          .int(change.expectedVersion), change.request.map(PostgresValue.string),
          change.sequence.map(PostgresValue.int),
          PostgresEventListener.payload(naming: change.watchers).map(PostgresValue.string),
        ])
      let texts = PostgresCaseRow.events(change.events, of: change.after.id)
      for event in texts {
        events.append([place, .int(event.seq), .string(String(decoding: event.text, as: UTF8.self))])
      }
      let base = change.expectedVersion == 0 ? PostgresCaseChain.none : rows[change.after.id]
      let after = base?.after(texts, from: change.expectedVersion)
      let from = change.expectedVersion == 0 ? nil : base?.base
      chains.append([after.map { .string($0.text) }, from.map(PostgresValue.string)])
      rows[change.after.id] = PostgresCaseChain(version: change.after.version, text: after?.text)
      for task in row.tasks.rows { tasks.append([place] + task) }
      for fact in ReportFact.facts(of: change) { facts.append([place] + PostgresCaseRepository.factRow(fact)) }
    }
    parameters =
      cases.parameters + [tick.map { .int($0.secondsSinceEpoch) }] + events.parameters + tasks.parameters
      + facts.parameters + chains.parameters
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
