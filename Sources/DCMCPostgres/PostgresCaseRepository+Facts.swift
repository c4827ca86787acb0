public import DCMCApplication
public import DCMCCalendar

/// The report facts in `dcmc_facts`: each fact its CSV line (`ReportFact.csvLine`, the file
/// store's form), with its day, instant, kind, subject and sequence number as columns to
/// select on. A change's facts are inserted by the transaction that appends it
/// (`insertFacts`), so they are always those the histories give.
extension PostgresCaseRepository: ReportFacts {
  /// Reads `period` a day at a time, each day's facts in the order they were written: one
  /// day's rows are held at once, never the period's.
  public func facts(in period: Range<Instant>, _ visit: (ReportFact) -> Void) throws(RepositoryError) {
    guard let days = ReportFact.days(of: period) else { return }
    for day in days {
      try run { (connection) throws(PostgresError) in
        try Self.facts(of: day, in: period, on: connection).facts.forEach(visit)
      }
    }
  }

  /// The facts of `day` dated in `period`, in the order they were written, and the greatest
  /// number among them (0 for none).
  static func facts(of day: Int, in period: Range<Instant>, on connection: PostgresConnection) throws(PostgresError)
    -> (facts: [ReportFact], newest: Int)
  {
    let rows = try connection.query(
      "SELECT line, number FROM dcmc_facts WHERE day = $1 AND at >= $2 AND at < $3 ORDER BY number",
      [.int(day), .int(period.lowerBound.secondsSinceEpoch), .int(period.upperBound.secondsSinceEpoch)])
    var facts: [ReportFact] = []
    facts.reserveCapacity(rows.rows.count)
    for row in rows.rows {
      guard let fact = ReportFact(csvLine: (row[0] ?? [])[...]) else {
        throw PostgresError("a fact of day \(day) in 'dcmc_facts' is not a fact's line")
      }
      facts.append(fact)
    }
    return (facts, rows.rows.isEmpty ? 0 : rows.int(rows.rows.count - 1, 1) ?? 0)
  }

  /// Writes `facts` in one transaction with no history behind them: the report benchmark's
  /// store of facts alone (`Benchmarks/ReportBenchmark --postgres`), beside the file store's
  /// of the same facts. `store verify` refuses such a store (facts no history gives).
  package func insertFactsWithoutHistories(_ facts: [ReportFact]) throws(RepositoryError) {
    try run { (connection) throws(PostgresError) in try Self.insertFacts(facts, on: connection) }
  }

  /// The SQL types of a fact's row (`factRow`): day, at, kind, subject, seq, line.
  static let factTypes = ["integer", "bigint", "text", "text", "integer", "text"]

  /// Inserts `facts` in one statement, in their order, inside the caller's transaction;
  /// nothing for none.
  static func insertFacts(_ facts: [ReportFact], on connection: PostgresConnection) throws(PostgresError) {
    guard !facts.isEmpty else { return }
    var rows = PostgresColumns(factTypes)
    for fact in facts { rows.append(factRow(fact)) }
    try connection.query(
      """
      INSERT INTO dcmc_facts (day, at, kind, subject, seq, line)
      SELECT f.day, f.at, f.kind, f.subject, f.seq, f.line
      FROM \(rows.unnest(from: 1)) WITH ORDINALITY AS f(day, at, kind, subject, seq, line, n)
      ORDER BY f.n
      """, rows.parameters)
  }

  /// The row of `fact` in `dcmc_facts` (`factTypes`): its day, instant, kind, subject, sequence
  /// number and CSV line.
  static func factRow(_ fact: ReportFact) -> [PostgresValue?] {
    [
      .int(ReportFact.day(of: fact.at)), .int(fact.at.secondsSinceEpoch), .string(fact.kind.rawValue),
      .string(fact.subject), .int(fact.seq), .string(String(decoding: fact.csvLine, as: UTF8.self)),
    ]
  }
}
