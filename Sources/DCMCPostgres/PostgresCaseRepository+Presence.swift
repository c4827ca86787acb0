public import DCMCApplication
public import DCMCCalendar
public import DCMCRuntime

/// Presence in `dcmc_presence` (each user's version, status and wrap-up end: what push
/// offers and `tick` select on) and `dcmc_presence_events` (the history). A batch is one
/// transaction: each user's row moved from the version its change was decided on, its
/// events and report facts written with it.
extension PostgresCaseRepository: PresenceRepository {
  public func loadPresence(_ user: String) throws(RepositoryError) -> PresenceState? {
    guard let events = try presenceHistory(of: user) else { return nil }
    guard let state = PresenceState.replay(events), state.user == user else {
      throw .damagedPresence(
        PresenceDamage(user: user, problem: "its history in 'dcmc_presence_events' is not that of '\(user)'"))
    }
    return state
  }

  public func presenceHistory(of user: String) throws(RepositoryError) -> [PresenceEvent]? {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.query("SELECT event FROM dcmc_presence_events WHERE user_id = $1 ORDER BY seq", [.string(user)])
    }
    guard !rows.rows.isEmpty else { return nil }
    do {
      return try PostgresHistory.decode(rows, table: "dcmc_presence_events", subject: user)
    } catch {
      throw .damagedPresence(PresenceDamage(user: user, problem: error.message))
    }
  }

  public func appendPresence(_ changes: [PresenceChangeSet]) throws(RepositoryError) -> [AppendOutcome] {
    try run { (connection) throws(PostgresError) in
      try connection.transaction { () throws(PostgresError) in
        var users: Set<String> = []
        var outcomes: [AppendOutcome] = []
        for change in changes {
          guard users.insert(change.after.user).inserted else {
            let version = try connection.query(
              "SELECT version FROM dcmc_presence WHERE user_id = $1", [.string(change.after.user)]
            ).int(0, 0)
            outcomes.append(.conflict(version: version ?? 0))
            continue
          }
          outcomes.append(try Self.write(change, connection))
        }
        // Every user whose presence moved: their streams say so (`presence.changed`).
        let moved = zip(changes, outcomes).filter { $0.1 == .appended }.map(\.0.after.user)
        if let payload = PostgresEventListener.payload(naming: Set(moved)) {
          try connection.query("SELECT \(PostgresEventListener.notify("$1"))", [.string(payload)])
        }
        return outcomes
      }
    }
  }

  public func wrapUpsEnded(by now: Instant) throws(RepositoryError) -> [PresenceState] {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.query(
        """
        SELECT e.user_id, e.event FROM dcmc_presence p JOIN dcmc_presence_events e ON e.user_id = p.user_id
        WHERE p.wrap_up_end <= $1 ORDER BY p.user_id, e.seq
        """, [.int(now.secondsSinceEpoch)])
    }
    var states: [PresenceState] = []
    var start = 0
    while start < rows.rows.count {
      let user = rows.string(start, 0) ?? ""
      var end = start + 1
      while end < rows.rows.count, rows.string(end, 0) == user { end += 1 }
      do {
        let events: [PresenceEvent] = try PostgresHistory.decode(
          rows, column: 1, rowIndices: start..<end, table: "dcmc_presence_events", subject: user)
        if let state = PresenceState.replay(events), case .wrapUp(let until) = state.status, until <= now {
          states.append(state)
        }
      } catch {
        throw .damagedPresence(PresenceDamage(user: user, problem: error.message))
      }
      start = end
    }
    return states
  }

  public func readyUsers() throws(RepositoryError) -> Set<String> {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.query("SELECT user_id FROM dcmc_presence WHERE status = 'ready'")
    }
    return Set(rows.rows.indices.compactMap { rows.string($0, 0) })
  }

  /// Writes one user's change inside the caller's transaction, or nothing when their history
  /// is not at the version the change was decided on.
  private static func write(_ change: PresenceChangeSet, _ connection: PostgresConnection) throws(PostgresError)
    -> AppendOutcome
  {
    let after = change.after
    let columns: [PostgresValue?] = [
      .string(after.user), .int(after.version), .string(after.status.name),
      after.status.until.map { .int($0.secondsSinceEpoch) }, .int(change.expectedVersion),
    ]
    let moved: Int
    if change.expectedVersion == 0 {
      moved = try connection.query(
        """
        INSERT INTO dcmc_presence (user_id, version, status, wrap_up_end) VALUES ($1, $2, $3, $4)
        ON CONFLICT (user_id) DO NOTHING
        """, Array(columns.prefix(4))
      ).affected
    } else {
      moved = try connection.query(
        "UPDATE dcmc_presence SET version = $2, status = $3, wrap_up_end = $4 WHERE user_id = $1 AND version = $5",
        columns
      ).affected
    }
    guard moved == 1 else {
      let version = try connection.query("SELECT version FROM dcmc_presence WHERE user_id = $1", [.string(after.user)])
        .int(0, 0)
      return .conflict(version: version ?? 0)
    }
    if !change.events.isEmpty {
      try connection.query(
        """
        INSERT INTO dcmc_presence_events (user_id, seq, event)
        SELECT $1, e.seq, e.event FROM jsonb_to_recordset($2::jsonb) AS e(seq integer, event text)
        """, [.string(after.user), PostgresHistory.records(change.events, seq: \.seq)])
    }
    try insertFacts(ReportFact.facts(of: change), on: connection)
    return .appended
  }
}
