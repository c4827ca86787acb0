public import DCMCApplication
public import DCMCCalendar

/// The rollups of the report facts' days (`docs/postgres.md`, "Rollups"): `dcmc_fact_rollups`
/// holds a UTC day's `FactsRollup` (its encoding, the file store's too), the count of the
/// day's facts it was made from and `last`, a fact number every fact it was not made from is
/// above, so a report over whole days reads about 30 rollups instead of decoding every fact,
/// as on the file store.
///
/// A row is a cache of `dcmc_facts`, never the source. A fact's number is taken from a
/// sequence, so a fact added later is numbered above `last` (the horizon below makes that
/// hold for facts being written while the row was made): a row is used only while its day
/// has no fact numbered above `last` (one index probe, whatever the day's facts); any other
/// row (stale after later facts, or not a rollup's encoding) is ignored, the day rolled up
/// from its facts and the row written again. `store rebuild`, which may rewrite facts,
/// deletes every row; `store verify` checks each current row against a fresh rollup of its day.
extension PostgresCaseRepository {
  /// Each day the period covers whole is read from its row when that holds; another day, or
  /// one whose row is stale or missing, is rolled up from its facts in the period.
  ///
  /// A whole day before today (the server's clock: today's facts are still coming) with facts
  /// and no row that holds is rolled up and its row written. For that the report first takes
  /// the horizon (`horizon(on:)`), the greatest fact number when no transaction writing facts
  /// is in flight, so every fact numbered up to it is there to read; a day's row is written
  /// only when none of its facts read is numbered above it, with `last` the horizon.
  ///
  /// Then one read-committed transaction that first takes `dcmc_fact_rollups` in ROW
  /// EXCLUSIVE mode, so a rebuild (which takes it in SHARE ROW EXCLUSIVE mode to delete the
  /// rows) cannot come between reading a day's facts and writing their rollup; the rows are
  /// upserted (`INSERT ... ON CONFLICT`), so two reports writing one day at once each succeed,
  /// and the row left is one of their rollups, each of the facts up to its `last`.
  ///
  /// The rows are counted as they arrive (`keptRollups`), each decoded on another thread while
  /// the day before is counted; an error among them fails the call (the days visited before
  /// it are not the period's figures, and the caller drops them with the error).
  public func rollups(in period: Range<Instant>, _ visit: (FactsRollup) -> Void) throws(RepositoryError) {
    guard let days = ReportFact.days(of: period) else { return }
    let whole = Self.wholeDays(of: period)
    try run { (connection) throws(PostgresError) in
      let (missing, today) = try Self.missingRollups(whole, on: connection)
      let horizon = missing ? try Self.horizon(on: connection) : nil
      try connection.transaction { () throws(PostgresError) in
        try connection.query("LOCK TABLE dcmc_fact_rollups IN ROW EXCLUSIVE MODE")
        var writes: [(day: Int, facts: Int, rollup: FactsRollup)] = []
        /// A day without a row that holds, rolled up from its facts in the period; its row is
        /// written when it is a whole day before today that every fact read is below the horizon of.
        func rolledUp(_ day: Int) throws(PostgresError) -> FactsRollup {
          let start = Instant(secondsSinceEpoch: day * 86_400)
          let (facts, newest) = try Self.facts(of: day, in: period, on: connection)
          let rollup = FactsRollup(from: max(start, period.lowerBound), facts: facts)
          if let horizon, whole.contains(day), day < today, !facts.isEmpty, newest <= horizon {
            writes.append((day, facts.count, rollup))
          }
          return rollup
        }
        // The days are visited in order. The rows come in day order, one at a time as the
        // server sends them, each decoded on another thread while the day before is counted
        // and then let go; a day the period cuts before the whole ones is rolled up first.
        var next = days.lowerBound
        while next <= days.upperBound, next < whole.lowerBound {
          visit(try rolledUp(next))
          next += 1
        }
        // Rows received, not yet visited. A day before the first of them without a row that
        // holds (none, or one that does not decode) needs its facts, which this connection can
        // read only once the rows have all come: the days after it then wait for the end.
        var arrived: [(day: Int, rollup: ReadAhead<FactsRollup?, Never>)] = []
        var waiting = false
        func visitArrived(leaving left: Int) {
          while !waiting, arrived.count > left {
            guard arrived[0].day == next, let rollup = arrived[0].rollup.value() else {
              waiting = true
              return
            }
            arrived.removeFirst()
            visit(rollup)
            next += 1
          }
        }
        try Self.keptRollups(whole, on: connection) { day, bytes in
          arrived.append((day, ReadAhead { FactsRollup(encoded: bytes) }))
          // The newest row is being decoded: the ones before it are (or nearly).
          visitArrived(leaving: 1)
        }
        while next <= days.upperBound {
          if arrived.first?.day == next, let rollup = arrived.removeFirst().rollup.value() {
            visit(rollup)
          } else {
            visit(try rolledUp(next))
          }
          next += 1
        }
        for write in writes {
          try connection.query(
            """
            INSERT INTO dcmc_fact_rollups (day, facts, last, rollup) VALUES ($1, $2, $3, $4)
            ON CONFLICT (day) DO UPDATE SET facts = EXCLUDED.facts, last = EXCLUDED.last, rollup = EXCLUDED.rollup
            """, [.int(write.day), .int(write.facts), .int(horizon ?? 0), .bytes(write.rollup.encoded)])
        }
      }
    }
  }

  /// The days `period` covers whole, from midnight to midnight UTC (empty for none).
  static func wholeDays(of period: Range<Instant>) -> Range<Int> {
    let first = ReportFact.day(of: Instant(secondsSinceEpoch: period.lowerBound.secondsSinceEpoch + 86_399))
    let end = ReportFact.day(of: period.upperBound)
    return first..<max(first, end)
  }

  /// Whether a day of `days` before today has facts and no row that holds; and today (UTC,
  /// the server's clock).
  static func missingRollups(_ days: Range<Int>, on connection: PostgresConnection) throws(PostgresError)
    -> (missing: Bool, today: Int)
  {
    let rows = try connection.query(
      """
      SELECT (extract(epoch FROM now())::bigint / 86400)::integer, EXISTS (
        SELECT 1 FROM generate_series($1::integer, $2::integer - 1) AS d(day)
        WHERE d.day < extract(epoch FROM now())::bigint / 86400
          AND EXISTS (SELECT 1 FROM dcmc_facts f WHERE f.day = d.day)
          AND NOT EXISTS (
            SELECT 1 FROM dcmc_fact_rollups r WHERE r.day = d.day
              AND NOT EXISTS (SELECT 1 FROM dcmc_facts f WHERE f.day = r.day AND f.number > r.last)))
      """, [.int(days.lowerBound), .int(days.upperBound)])
    return (rows.string(0, 1) == "t", rows.int(0, 0) ?? 0)
  }

  /// The greatest fact number, taken in a transaction of its own under a SHARE lock on
  /// `dcmc_facts`: the lock waits for the transactions writing facts to end and holds off new
  /// ones for a moment, so every fact numbered up to it is committed (or never will be) and
  /// every fact written later is numbered above it.
  static func horizon(on connection: PostgresConnection) throws(PostgresError) -> Int {
    try connection.transaction { () throws(PostgresError) in
      try connection.query("LOCK TABLE dcmc_facts IN SHARE MODE")
      return try connection.query("SELECT COALESCE(max(number), 0) FROM dcmc_facts").int(0, 0) ?? 0
    }
  }

  /// The rows of `days` that hold (whose day has no fact numbered above `last`), in day order,
  /// each handed to `row` as it arrives (`PostgresConnection.query(_:_:format:eachRow:)`):
  /// its day and its rollup's encoding, for the caller to decode (one that is not an encoding
  /// is rolled up from its facts). The rows come in the binary format: each `bytea` as its own
  /// bytes, where the text format sends twice as many hex digits to decode (at 1,000,000 cases
  /// a month's rows are tens of megabytes). An error after some rows is thrown at the end.
  static func keptRollups(
    _ days: Range<Int>, on connection: PostgresConnection, _ row: (_ day: Int, _ encoded: [UInt8]) -> Void
  ) throws(PostgresError) {
    guard !days.isEmpty else { return }
    try connection.query(
      """
      SELECT r.day, r.rollup FROM dcmc_fact_rollups r
      WHERE r.day >= $1 AND r.day < $2
        AND NOT EXISTS (SELECT 1 FROM dcmc_facts f WHERE f.day = r.day AND f.number > r.last)
      ORDER BY r.day
      """, [.int(days.lowerBound), .int(days.upperBound)], format: .binary
    ) { rows in
      guard let day = rows.int(0, 0), let bytes = rows.bytes(0, 1) else { return }
      row(day, bytes)
    }
  }
}

extension PostgresStoreCheck {
  /// The rollups (`dcmc_fact_rollups`): a row that holds (its day has no fact numbered above
  /// its `last`) but is not a rollup's encoding, counts other than the day's facts, or differs
  /// from their rollup. One left behind by later facts is no problem: reports roll that day up
  /// again. A rebuild deletes every row, damaged or not; reports write them again.
  mutating func checkRollups(_ connection: PostgresConnection) throws(PostgresError) {
    let rows = try connection.query(
      """
      SELECT r.day, r.facts, r.rollup, (SELECT count(*) FROM dcmc_facts f WHERE f.day = r.day)
      FROM dcmc_fact_rollups r
      WHERE NOT EXISTS (SELECT 1 FROM dcmc_facts f WHERE f.day = r.day AND f.number > r.last)
      ORDER BY r.day
      """, format: .binary)
    var damaged = 0
    for row in rows.rows.indices {
      guard let day = rows.int(row, 0), let count = rows.int(row, 1), let facts = rows.int(row, 3) else { continue }
      let date = Instant(secondsSinceEpoch: day * 86_400).description.prefix(10)
      let start = Instant(secondsSinceEpoch: day * 86_400)
      let problem: String?
      if let rollup = rows.bytes(row, 2).flatMap({ FactsRollup(encoded: $0) }) {
        if count != facts {
          problem = "counts \(count) facts, the day has \(facts)"
        } else {
          let read = try PostgresCaseRepository.facts(of: day, in: start..<start.adding(seconds: 86_400), on: connection)
          let fresh = FactsRollup(from: start, facts: read.facts)
          problem = fresh == rollup ? nil : "differs from the rollup of the day's facts (reports would count other figures)"
        }
      } else {
        problem = "is not a rollup (reports roll the day up again)"
      }
      guard let problem else { continue }
      damaged += 1
      problems.append("rollup of \(date) in 'dcmc_fact_rollups' \(problem): store rebuild deletes it")
    }
    guard repair else { return }
    try connection.query("DELETE FROM dcmc_fact_rollups")
    if damaged > 0 { repaired.append("the rollups of \(damaged) day\(damaged == 1 ? "" : "s") (deleted)") }
  }
}
