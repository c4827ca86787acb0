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
}

extension ReportFacts {
  /// The facts of `period` as CSV (`ReportFact.csvHeader`, then one line per fact, each
  /// ended by a line feed), handed to `write` a line at a time.
  public func exportCSV(in period: Range<Instant>, _ write: ([UInt8]) -> Void) throws(RepositoryError) {
    write(Array((ReportFact.csvHeader + "\n").utf8))
    try facts(in: period) { fact in write(fact.csvLine + [10]) }
  }
}
