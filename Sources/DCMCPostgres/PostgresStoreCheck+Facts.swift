import DCMCApplication
import DCMCCalendar

extension PostgresStoreCheck {
  /// The report facts: each day's lines in `dcmc_facts` against those the histories give,
  /// order aside. A rebuild writes every day's facts again, but those of refused cases.
  mutating func checkFacts(_ connection: PostgresConnection) throws(PostgresError) {
    let refusedList = PostgresJSON.strings(refusedCases)
    let rows = try connection.query(
      """
      SELECT day, line FROM dcmc_facts
      WHERE kind = 'presence' OR subject NOT IN (SELECT jsonb_array_elements_text($1::jsonb))
      """, [refusedList])
    var stored: [Int: [String]] = [:]
    for row in rows.rows.indices {
      guard let day = rows.int(row, 0), let line = rows.string(row, 1) else { continue }
      stored[day, default: []].append(line)
    }
    var differing: [Int] = []
    for day in Set(stored.keys).union(expectedFacts.keys).sorted() {
      let (held, given) = ((stored[day] ?? []).sorted(), (expectedFacts[day] ?? []).sorted())
      guard held != given else { continue }
      differing.append(day)
      let date = Instant(secondsSinceEpoch: day * 86_400).description.prefix(10)
      problems.append(
        "facts of \(date): 'dcmc_facts' holds \(held.count), the histories give \(given.count): "
          + Self.difference(held: held, given: given))
    }
    guard repair, !differing.isEmpty else { return }
    try connection.query(
      """
      DELETE FROM dcmc_facts
      WHERE day IN (SELECT jsonb_array_elements_text($2::jsonb)::integer)
        AND (kind = 'presence' OR subject NOT IN (SELECT jsonb_array_elements_text($1::jsonb)))
      """, [refusedList, PostgresJSON.strings(differing.map(String.init))])
    var facts: [ReportFact] = []
    for day in differing {
      for line in expectedFacts[day] ?? [] {
        if let fact = ReportFact(csvLine: Array(line.utf8)[...]) { facts.append(fact) }
      }
    }
    try PostgresCaseRepository.insertFacts(facts, on: connection)
    repaired.append("the facts of \(differing.count) day\(differing.count == 1 ? "" : "s")")
  }
}

extension PostgresStoreCheck {
  /// What differs between a day's facts as `dcmc_facts` holds them and as the histories give
  /// them (both sorted, and not equal): how many of the histories' are missing and how many no
  /// history gives, each with the first one's line (their counts alone may be equal: before 7
  /// December 2026, audit36 L8, a changed fact read `holds 24, the histories give 24`).
  static func difference(held: [String], given: [String]) -> String {
    var (missing, extra): ([String], [String]) = ([], [])
    var (h, g) = (0, 0)
    while h < held.count || g < given.count {
      if g == given.count || (h < held.count && held[h] < given[g]) {
        extra.append(held[h])
        h += 1
      } else if h == held.count || given[g] < held[h] {
        missing.append(given[g])
        g += 1
      } else {
        (h, g) = (h + 1, g + 1)
      }
    }
    var parts: [String] = []
    if let first = missing.first {
      let are = missing.count == 1 ? "is" : "are"
      parts.append("\(missing.count) of theirs \(are) missing (the first: \(shown(first)))")
    }
    if let first = extra.first {
      parts.append("\(extra.count) no history gives (the first: \(shown(first)))")
    }
    return parts.joined(separator: ", and ")
  }

  /// A fact's CSV line as a line of verify shows it: at most 200 characters, control
  /// characters escaped (a row that is not what dcmc wrote may hold anything).
  private static func shown(_ line: String) -> String {
    "'" + DeploymentDamage.printable(line, limit: 200) + "'"
  }
}

extension PostgresCaseRepository {
  /// `store verify`: every history checked against its derived rows, on one snapshot of the
  /// database (a repeatable-read transaction), writing nothing.
  public func verify() throws(RepositoryError) -> PostgresStoreCheck {
    try run { (connection) throws(PostgresError) in
      try connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
      var check = PostgresStoreCheck(repair: false)
      do throws(PostgresError) {
        try check.run(on: connection)
      } catch {
        _ = try? connection.query("ROLLBACK")
        throw error
      }
      try connection.query("COMMIT")
      return check
    }
  }

  /// `store rebuild`: as `verify`, writing back every derived row that differs and deleting
  /// the delivery records verify names, all in one transaction that holds off every writer
  /// (the histories' tables and the delivery records locked) until it commits.
  /// `acceptingLoss`: a case whose history lost events is rebuilt from what it holds, losing
  /// them (`--accept-loss`); otherwise it is refused and its rows left as they are.
  public func rebuild(acceptingLoss: Bool = false) throws(RepositoryError) -> PostgresStoreCheck {
    try run { (connection) throws(PostgresError) in
      try connection.transaction { () throws(PostgresError) in
        try connection.query(
          """
          LOCK TABLE dcmc_cases, dcmc_case_events, dcmc_customers, dcmc_customer_events, dcmc_presence,
            dcmc_presence_events, dcmc_facts, dcmc_fact_rollups, dcmc_deliveries IN SHARE ROW EXCLUSIVE MODE
          """)
        var check = PostgresStoreCheck(repair: true, acceptLoss: acceptingLoss)
        try check.run(on: connection)
        return check
      }
    }
  }
}
