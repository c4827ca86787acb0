public import DCMCCalendar

/// The read side of the report facts (`ReportFact`, `docs/reports.md`, "The report facts"):
/// what the reports read instead of the histories. A repository derives a change's facts
/// (`ReportFact.facts(of:)`) and keeps them with the change's append, so they are always those
/// the histories give; `store verify` checks them and `store rebuild` writes them again.
///
/// A period is read by the days it covers, never the whole store: a report over a month
/// reads that month's facts, one at a time, without holding them. What stands now (open
/// cases, workbins, presence) is read from `CaseQueries` and `PresenceRepository`.
public protocol ReportFacts: Sendable {
  /// Calls `visit` with every fact dated in `period` (`at`), day by day; within a day in
  /// the order they were written. The facts are not held: `visit` keeps what it counts.
  func facts(in period: Range<Instant>, _ visit: (ReportFact) -> Void) throws(RepositoryError)

  /// Calls `visit` with the rollup of the facts dated in `period` (`FactsRollup`), a UTC day
  /// (or the part of one in `period`) at a time, in order. An adapter may keep each day's
  /// rollup; by default each is made from the day's facts.
  func rollups(in period: Range<Instant>, _ visit: (FactsRollup) -> Void) throws(RepositoryError)
}

extension ReportFacts {
  public func rollups(in period: Range<Instant>, _ visit: (FactsRollup) -> Void) throws(RepositoryError) {
    guard let days = ReportFact.days(of: period) else { return }
    var day = days.lowerBound
    var facts: [ReportFact] = []
    func flush() {
      let start = max(period.lowerBound, Instant(secondsSinceEpoch: day * 86_400))
      visit(FactsRollup(from: start, facts: facts))
      facts.removeAll(keepingCapacity: true)
    }
    try self.facts(in: period) { fact in
      let factDay = ReportFact.day(of: fact.at)
      while day < factDay {
        flush()
        day += 1
      }
      facts.append(fact)
    }
    while day <= days.upperBound {
      flush()
      day += 1
    }
  }

  /// The facts of `period` as CSV (`ReportFact.csvHeader`, then one line per fact, each
  /// ended by a line feed), handed to `write` a line at a time.
  public func exportCSV(in period: Range<Instant>, _ write: ([UInt8]) -> Void) throws(RepositoryError) {
    write(Array((ReportFact.csvHeader + "\n").utf8))
    try facts(in: period) { fact in write(fact.csvLine + [10]) }
  }
}
