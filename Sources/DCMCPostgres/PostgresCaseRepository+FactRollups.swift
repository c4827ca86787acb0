public import DCMCApplication
public import DCMCCalendar

/// The rollups of the report facts' days (`docs/postgres.md`, "Rollups"): `dcmc_fact_rollups`
/// holds a UTC day's `FactsRollup` (its encoding, the file store's too) and the count of the
/// day's facts it was made from, so a report over whole days reads about 30 rollups instead
/// of decoding every fact, as on the file store.
///
/// A row is a cache of `dcmc_facts`, never the source. Facts are only ever added, so a row is
/// used only while its day still has that many facts; any other (stale after later appends,
/// or not a rollup's encoding) is ignored, the day rolled up from its facts and the row
/// written again. `store rebuild`, which may rewrite facts, deletes every row; `store verify`
/// checks each current row against a fresh rollup of its day.
extension PostgresCaseRepository {
  /// Each day the period covers whole is read from its row when that holds; another day, or
  /// one whose row is stale or missing, is rolled up from its facts in the period, and a whole
  /// day's row written (`INSERT ... ON CONFLICT`, so two reports writing one day at once each
  /// succeed, and the row left is one of their rollups, each of the facts it counts).
  ///
  /// One read-committed transaction that first takes `dcmc_fact_rollups` in ROW EXCLUSIVE
  /// mode: a rebuild (which takes it in SHARE ROW EXCLUSIVE mode to delete the rows) cannot
  /// run between this report's reading a day's facts and its writing their rollup.
  public func rollups(in period: Range<Instant>, _ visit: (FactsRollup) -> Void) throws(RepositoryError) {
    guard let days = ReportFact.days(of: period) else { return }
    let whole = Self.wholeDays(of: period)
    try run { (connection) throws(PostgresError) in
      try connection.transaction { () throws(PostgresError) in
        try connection.query("LOCK TABLE dcmc_fact_rollups IN ROW EXCLUSIVE MODE")
        let kept = try Self.keptRollups(whole, on: connection)
        var writes: [(day: Int, facts: Int, rollup: FactsRollup)] = []
        for day in days {
          if let rollup = kept[day] {
            visit(rollup)
            continue
          }
          let start = Instant(secondsSinceEpoch: day * 86_400)
          let facts = try Self.facts(of: day, in: period, on: connection)
          let rollup = FactsRollup(from: max(start, period.lowerBound), facts: facts)
          visit(rollup)
          if whole.contains(day), !facts.isEmpty { writes.append((day, facts.count, rollup)) }
        }
        for write in writes {
          try connection.query(
            """
            INSERT INTO dcmc_fact_rollups (day, facts, rollup) VALUES ($1, $2, $3)
            ON CONFLICT (day) DO UPDATE SET facts = EXCLUDED.facts, rollup = EXCLUDED.rollup
            """, [.int(write.day), .int(write.facts), .bytes(write.rollup.encoded)])
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

  /// The rows of `days` that hold: whose day still has as many facts as they were made from,
  /// and that are a rollup's encoding.
  static func keptRollups(_ days: Range<Int>, on connection: PostgresConnection) throws(PostgresError)
    -> [Int: FactsRollup]
  {
    guard !days.isEmpty else { return [:] }
    let rows = try connection.query(
      """
      SELECT r.day, r.rollup FROM dcmc_fact_rollups r
      WHERE r.day >= $1 AND r.day < $2 AND r.facts = (SELECT count(*) FROM dcmc_facts f WHERE f.day = r.day)
      """, [.int(days.lowerBound), .int(days.upperBound)])
    var kept: [Int: FactsRollup] = [:]
    for row in rows.rows.indices {
      guard let day = rows.int(row, 0), let bytes = rows.bytes(row, 1), let rollup = FactsRollup(encoded: bytes)
      else { continue }
      kept[day] = rollup
    }
    return kept
  }
}

extension PostgresStoreCheck {
  /// The rollups (`dcmc_fact_rollups`): a row that is not a rollup's encoding, that counts
  /// more facts than its day has, or that counts them all but differs from their rollup. One
  /// left behind by later facts is no problem: reports roll that day up again. A rebuild
  /// deletes every row, damaged or not; reports write them again.
  mutating func checkRollups(_ connection: PostgresConnection) throws(PostgresError) {
    let rows = try connection.query(
      """
      SELECT r.day, r.facts, r.rollup, (SELECT count(*) FROM dcmc_facts f WHERE f.day = r.day)
      FROM dcmc_fact_rollups r ORDER BY r.day
      """)
    var damaged = 0
    for row in rows.rows.indices {
      guard let day = rows.int(row, 0), let count = rows.int(row, 1), let facts = rows.int(row, 3) else { continue }
      let date = Instant(secondsSinceEpoch: day * 86_400).description.prefix(10)
      let start = Instant(secondsSinceEpoch: day * 86_400)
      let problem: String?
      if let rollup = rows.bytes(row, 2).flatMap({ FactsRollup(encoded: $0) }) {
        if count > facts {
          problem = "counts \(count) facts, the day has \(facts)"
        } else if count == facts {
          let fresh = FactsRollup(
            from: start,
            facts: try PostgresCaseRepository.facts(of: day, in: start..<start.adding(seconds: 86_400), on: connection))
          problem = fresh == rollup ? nil : "differs from the rollup of the day's facts (reports would count other figures)"
        } else {
          problem = nil
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
