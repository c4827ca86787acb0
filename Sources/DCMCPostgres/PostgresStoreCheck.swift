import DCMCApplication
import DCMCRuntime

/// `store verify` and `store rebuild` on a PostgreSQL store: every history (cases, customer
/// records, presence) read and replayed, and what is derived from it (each row's columns and
/// state, the task index, the report facts and their rollups) compared with what the rows hold,
/// and the outbox's delivery records with the cases' outboxes; a rebuild
/// writes back what differs (and deletes the delivery records it cannot trust), in the same
/// transaction, which holds the tables' locks.
public struct PostgresStoreCheck: Sendable {
  public var cases = 0
  public var customers = 0
  public var presences = 0
  /// Each problem found, one line naming the history and the table.
  public var problems: [String] = []
  /// The problems a rebuild does not mend, with what mends each (`StoreRemedy`): a history
  /// that lost events or does not replay, and (verify only) the bundles and the deployment
  /// history and the attachments, which nothing derives.
  public var unmended: [String: StoreRemedy] = [:]
  /// The histories that cannot be replayed, which a rebuild leaves as they are.
  public var refused: [String] = []
  /// What a rebuild rewrote.
  public var repaired: [String] = []

  let repair: Bool
  /// Whether a rebuild rewrites the row of a case whose history lost events or had them
  /// changed (`--accept-loss`), from the history as it is; otherwise it is refused, as the file
  /// store refuses it.
  let acceptLoss: Bool
  /// The facts the histories give, as CSV lines by day.
  var expectedFacts: [Int: [String]] = [:]
  /// The cases refused, whose facts a rebuild keeps.
  var refusedCases: [String] = []
  /// Every case checked (with a row or a history), and the notification ids in the outbox of
  /// each whose history replays: what the delivery records are checked against.
  var caseIDs: Set<String> = []
  var outboxes: [String: Set<String>] = [:]
  /// The cases that run on each bundle, of those whose history replays: the bundles the
  /// store must keep (`checkDeployments`).
  var bundlesRun: [String: [String]] = [:]

  init(repair: Bool, acceptLoss: Bool = false) {
    self.repair = repair
    self.acceptLoss = acceptLoss
  }

  /// Checks every case, customer record and user's presence, then the facts and their
  /// rollups, the delivery records and (verify only: a rebuild derives nothing from them and
  /// leaves them as they are, as on the file store) the bundles and deployments, on
  /// `connection`, inside the caller's transaction.
  mutating func run(on connection: PostgresConnection) throws(PostgresError) {
    for id in try Self.ids("SELECT id FROM dcmc_cases ORDER BY id", connection) {
      cases += 1
      try checkCase(id, connection)
    }
    // Rows of a case that has no row (no foreign keys hold them since schema version 8):
    // its history is replayed as any case's, and a rebuild writes the row it gives.
    let withoutRow = """
      SELECT case_id FROM dcmc_case_events UNION SELECT case_id FROM dcmc_tasks UNION SELECT case_id FROM dcmc_requests
      EXCEPT SELECT id FROM dcmc_cases ORDER BY 1
      """
    for id in try Self.ids(withoutRow, connection) { try checkCase(id, connection) }
    for id in try Self.ids("SELECT id FROM dcmc_customers ORDER BY id", connection) {
      customers += 1
      try checkCustomer(id, connection)
    }
    for user in try Self.ids("SELECT user_id FROM dcmc_presence ORDER BY user_id", connection) {
      presences += 1
      try checkPresence(user, connection)
    }
    try checkFacts(connection)
    try checkRollups(connection)
    try checkDeliveries(connection)
    if !repair { try checkDeployments(connection) }
  }

  /// A case: its history replayed, its row's columns and state, and its task index rows.
  private mutating func checkCase(_ id: String, _ connection: PostgresConnection) throws(PostgresError) {
    caseIDs.insert(id)
    let rows = try connection.query("SELECT event FROM dcmc_case_events WHERE case_id = $1 ORDER BY seq", [.string(id)])
    let events: [CaseEvent]
    switch PostgresCaseRow.history(rows, id: id) {
    case .success(let read): events = read
    case .failure(let damage): return refuse(case: id, "\(damage)", .history)
    }
    guard let replayed = CaseState.replay(events), replayed.id == id else {
      return refuse(
        case: id, "case '\(id)': its history in 'dcmc_case_events' does not replay to case '\(id)'", .history)
    }
    outboxes[id] = Set(replayed.outbox.map(\.notification.id))
    bundlesRun[replayed.bundle, default: []].append(id)
    try checkRequests(of: id, events, connection)
    if !repair { try checkAttachments(of: replayed, connection) }
    var expected = PostgresCaseRow(replayed)
    let stored = try connection.query(
      """
      SELECT id, type, status, customer, CASE WHEN unidentified THEN 't' ELSE 'f' END, created_at, next_timer,
        version, state, chain
      FROM dcmc_cases WHERE id = $1
      """, [.string(id)])
    // A history other than the one its row recorded (fewer events, or others): acknowledged
    // events lost or changed, never what a crash leaves (a transaction writes both).
    // Rewriting the row from the history would hide it (a delivered notification pending
    // again, a task in the hands of someone who never had it): refused, as the file store
    // refuses it, unless the rebuild accepts the loss. A refused case's facts are neither
    // expected nor rewritten: they stay as evidence.
    let damage = Self.historyDamage(id, rows, replayed, row: stored)
    if let damage, !(repair && acceptLoss) {
      return refuse(case: id, damage + (repair ? CaseDamage.lossRefusal : ""), .lostEvents)
    }
    for fact in ReportFact.facts(of: events, after: nil) { expect(fact) }
    // A row may keep declines that had ended when their task was queued again, with its next
    // timer at their end, as a dcmc before 7 December 2026 wrote it: no damage (a rebuild
    // writes the row the history gives).
    if !repair, let text = stored.string(0, 8), text != expected.columns[8]?.text,
      case .success(let recorded) = PostgresCaseRow.state(Array(text.utf8), id: id)
    {
      expected = PostgresCaseRow(replayed.keepingEndedDeclines(of: recorded))
    }
    let names = ["id", "type", "status", "customer", "unidentified", "created_at", "next_timer", "version", "state"]
    var differing: [String] = []
    for (column, name) in names.enumerated() where stored.string(0, column) != expected.columns[column]?.text {
      differing.append(name)
    }
    let rowless = stored.rows.isEmpty
    let expectedTasks = "\(expected.tasks.unnest(from: 2)) AS t(\(PostgresCaseRow.taskNames))"
    let tasks = try connection.query(
      """
      SELECT count(*) FROM (
        (SELECT \(PostgresCaseRow.taskNames) FROM \(expectedTasks)
          EXCEPT ALL SELECT \(PostgresCaseRow.taskNames) FROM dcmc_tasks WHERE case_id = $1)
        UNION ALL
        (SELECT \(PostgresCaseRow.taskNames) FROM dcmc_tasks WHERE case_id = $1
          EXCEPT ALL SELECT \(PostgresCaseRow.taskNames) FROM \(expectedTasks))
      ) d
      """, [.string(id)] + expected.tasks.parameters
    ).int(0, 0)
    let tasksDiffer = tasks != 0
    let chain = PostgresCaseChain.chain(of: rows, through: replayed.version)
    // No chain (a row written before schema version 12) is nothing to compare, and a rebuild
    // writes it; one that is not a chain is `historyDamage`'s.
    let chainToWrite = repair && !rowless && stored.string(0, 9) != chain.text
    guard !differing.isEmpty || tasksDiffer || damage != nil || chainToWrite else { return }
    // A row written by a dcmc that did not time declines' ends has its next timer without them
    // (`nextTimerBeforeDeclineEnds`): no damage; a rebuild writes it.
    if differing == ["next_timer"], !tasksDiffer, damage == nil, replayed.timers.first?.kind == .declineEnd,
      stored.string(0, 6) == replayed.nextTimerBeforeDeclineEnds.map({ String($0.due.secondsSinceEpoch) })
    {
      guard repair else { return }
      differing = []
    }
    // Accepted: named, and the row written from the history as it is.
    if let damage { problems.append(damage) }
    if rowless {
      problems.append("case '\(id)': its history in 'dcmc_case_events' has no row in 'dcmc_cases'")
    } else if !differing.isEmpty {
      problems.append(
        "case '\(id)': its row in 'dcmc_cases' differs from its history in \(differing.map { "'\($0)'" }.joined(separator: ", "))"
      )
    }
    if tasksDiffer { problems.append("case '\(id)': its rows in 'dcmc_tasks' differ from its history") }
    guard repair else { return }
    try connection.query(
      """
      INSERT INTO dcmc_cases (id, type, status, customer, unidentified, created_at, next_timer, version, state, chain)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (id) DO UPDATE SET type = $2, status = $3, customer = $4, unidentified = $5, created_at = $6,
        next_timer = $7, version = $8, state = $9, chain = $10
      """, expected.columns + [.string(chain.text)])
    try PostgresCaseRepository.writeTasks(expected, replacing: true, on: connection)
    repaired.append("case '\(id)'")
  }

  /// The damage of case `id`'s history (`rows`, its events in order, which replay to
  /// `replayed`) by what its row (`row`, as `checkCase` selects it) recorded: fewer events than
  /// its version, or a chain (`dcmc_cases.chain`, schema version 12) other than that of its
  /// events up to that version: an event changed in place, or removed and the others
  /// renumbered; or a chain that is not one (`PostgresCaseChain.unreadable`: nothing tells
  /// whether the history is the one recorded, so it is refused as a changed one, and the
  /// value kept as evidence). `nil` when the history holds what the row recorded, or the row
  /// records no chain (written before schema version 12) or none at all.
  static func historyDamage(_ id: String, _ rows: PostgresRows, _ replayed: CaseState, row: PostgresRows) -> String? {
    guard let recorded = row.int(0, 7) else { return nil }
    let history = "its history in 'dcmc_case_events'"
    let by = "its row in 'dcmc_cases'"
    if recorded > replayed.version {
      return "case '\(id)': " + CaseDamage.lost(history, end: replayed.version, recorded: recorded, by: by)
    }
    let stored = PostgresCaseChain(version: recorded, text: row.string(0, 9))
    if stored.isUnreadable { return "case '\(id)': " + PostgresCaseChain.unreadable }
    guard let chain = stored.chain, recorded > 0,
      PostgresCaseChain.chain(of: rows, through: recorded) != chain
    else { return nil }
    return "case '\(id)': " + CaseDamage.differs(history, recorded: recorded, by: by)
  }

  /// The rows of `dcmc_requests` of the requests case `id`'s `events` record (a creation's, a
  /// command's on its first event), written in the append that records them: one naming
  /// another case that does not record the request, or a creation's missing, is a problem; a
  /// command's missing is none (dcmc before 7 December 2026 indexed no command's request; a
  /// retry of one looks in its case). A rebuild writes each missing or wrong row.
  private mutating func checkRequests(of id: String, _ events: [CaseEvent], _ connection: PostgresConnection)
    throws(PostgresError)
  {
    var seen: Set<String> = []
    for event in events {
      guard let request = event.recordedRequest?.id, seen.insert(request).inserted else { continue }
      let named = try connection.query("SELECT case_id FROM dcmc_requests WHERE request = $1", [.string(request)])
        .string(0, 0)
      if named == id { continue }
      if let named {
        let other = try connection.query(
          "SELECT event FROM dcmc_case_events WHERE case_id = $1 ORDER BY seq", [.string(named)])
        // A request recorded on two cases, by commands before the index, names one of them.
        if case .success(let history) = PostgresCaseRow.history(other, id: named),
          history.contains(where: { $0.recordedRequest?.id == request })
        {
          continue
        }
        problems.append("case '\(id)': its request '\(request)' in 'dcmc_requests' names case '\(named)'")
      } else if case .created = event.change {
        problems.append("case '\(id)': its request '\(request)' has no row in 'dcmc_requests'")
      }
      guard repair else { continue }
      try connection.query(
        "INSERT INTO dcmc_requests (request, case_id) VALUES ($1, $2) ON CONFLICT (request) DO UPDATE SET case_id = $2",
        [.string(request), .string(id)])
      repaired.append("request '\(request)' of case '\(id)'")
    }
  }

  private mutating func refuse(case id: String, _ problem: String, _ remedy: StoreRemedy) {
    problems.append(problem)
    unmended[problem] = remedy
    refused.append(problem)
    refusedCases.append(id)
  }

  /// A customer record: its history replayed and its row's indexed columns.
  private mutating func checkCustomer(_ id: String, _ connection: PostgresConnection) throws(PostgresError) {
    let rows = try connection.query(
      "SELECT event FROM dcmc_customer_events WHERE customer_id = $1 ORDER BY seq", [.string(id)])
    let state: CustomerState
    do throws(PostgresError) {
      let events: [CustomerEvent] = try PostgresHistory.decode(rows, table: "dcmc_customer_events", subject: id)
      guard let replayed = CustomerState.replay(events), replayed.id == id else {
        throw PostgresError("customer '\(id)': its history in 'dcmc_customer_events' does not replay")
      }
      state = replayed
    } catch {
      problems.append(error.message)
      unmended[error.message] = .history
      refused.append(error.message)
      return
    }
    let columns: [PostgresValue?] = [
      .string(id), .int(state.version), .string(String(decoding: CustomerNameKey(state.name).bytes, as: UTF8.self)),
      state.email.map { .string($0.key) }, state.phone.map { .string($0.e164) },
      state.mergedInto.map(PostgresValue.string),
    ]
    let stored = try connection.query(
      "SELECT id, version, name_key, email_key, phone, merged_into FROM dcmc_customers WHERE id = $1", [.string(id)])
    guard columns.indices.contains(where: { stored.string(0, $0) != columns[$0]?.text }) else { return }
    // A row that recorded more events than the history holds: changes acknowledged and lost,
    // never what a crash leaves (a transaction writes both); refused as a case's row is.
    if let recorded = stored.int(0, 1), recorded > state.version {
      let lost =
        "customer '\(id)': "
        + CaseDamage.lost(
          "its history in 'dcmc_customer_events'", end: state.version, recorded: recorded,
          by: "its row in 'dcmc_customers'")
      guard repair, acceptLoss else {
        let refusal = lost + (repair ? CaseDamage.lossRefusal : "")
        problems.append(refusal)
        unmended[refusal] = .lostEvents
        refused.append(refusal)
        return
      }
      problems.append(lost)
    }
    problems.append("customer '\(id)': its row in 'dcmc_customers' differs from its history")
    guard repair else { return }
    try connection.query(
      "UPDATE dcmc_customers SET version = $2, name_key = $3, email_key = $4, phone = $5, merged_into = $6 WHERE id = $1",
      columns)
    repaired.append("customer '\(id)'")
  }

  /// A user's presence: their history replayed, its facts, and their row's columns.
  private mutating func checkPresence(_ user: String, _ connection: PostgresConnection) throws(PostgresError) {
    let rows = try connection.query(
      "SELECT event FROM dcmc_presence_events WHERE user_id = $1 ORDER BY seq", [.string(user)])
    let events: [PresenceEvent]
    let state: PresenceState
    do throws(PostgresError) {
      events = try PostgresHistory.decode(rows, table: "dcmc_presence_events", subject: user)
      guard let replayed = PresenceState.replay(events), replayed.user == user else {
        throw PostgresError("presence of '\(user)': its history in 'dcmc_presence_events' does not replay")
      }
      state = replayed
    } catch {
      problems.append(error.message)
      unmended[error.message] = .history
      refused.append(error.message)
      return
    }
    let change = PresenceChangeSet(before: PresenceState(user: user), events: events, after: state)
    for fact in ReportFact.facts(of: change) { expect(fact) }
    let columns: [PostgresValue?] = [
      .string(user), .int(state.version), .string(state.status.name), state.status.until.map { .int($0.secondsSinceEpoch) },
    ]
    let stored = try connection.query(
      "SELECT user_id, version, status, wrap_up_end FROM dcmc_presence WHERE user_id = $1", [.string(user)])
    guard columns.indices.contains(where: { stored.string(0, $0) != columns[$0]?.text }) else { return }
    problems.append("presence of '\(user)': its row in 'dcmc_presence' differs from its history")
    guard repair else { return }
    try connection.query(
      "UPDATE dcmc_presence SET version = $2, status = $3, wrap_up_end = $4 WHERE user_id = $1", columns)
    repaired.append("presence of '\(user)'")
  }

  private mutating func expect(_ fact: ReportFact) {
    expectedFacts[ReportFact.day(of: fact.at), default: []].append(String(decoding: fact.csvLine, as: UTF8.self))
  }

  static func ids(_ sql: String, _ connection: PostgresConnection) throws(PostgresError) -> [String] {
    let rows = try connection.query(sql)
    return rows.rows.indices.compactMap { rows.string($0, 0) }
  }
}
