import DCMCRuntime

extension CaseService {
  /// The status view of the cases of the record `customer` stands for (following merges),
  /// with those of the records merged into it: `customer cases`. Newest first, as the customer
  /// reads them: the case they ask about is usually their latest. Any user of the directory
  /// reads it, as they read the record.
  ///
  /// It reads the cases' summaries (`CaseQueries.caseSummaries(ofCustomer:)`), not the whole
  /// cases: the file store answers them without decoding each state (`docs/performance.md`).
  public func customerCases(_ customer: String, by user: String?) throws(ServiceError) -> [CustomerCaseView] {
    let service = try customerService(for: customer)
    _ = try service.acting(user)
    let kept = try service.resolved(customer)
    var found: [CaseSummary] = []
    for id in try records(mergedInto: kept.id) {
      found += served(try ServiceError.wrap { () throws(RepositoryError) in try queries.caseSummaries(ofCustomer: id) })
    }
    return try found.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }.map { summary throws(ServiceError) in
      CustomerCaseView(try dated(summary), definitions: try definitions.definitions(summary.bundle))
    }
  }

  /// The cases of record `kept` and of the records merged into it, oldest first (by opening,
  /// then reference), each dated by its history when its cached state predates `updatedAt`.
  func customerCaseStates(of kept: String) throws(ServiceError) -> [CaseState] {
    try cases(CaseFilter(customer: kept)).map { state throws(ServiceError) in try dated(state) }
      .sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
  }

  /// `summary` dated by its history when it comes from a cache written before states recorded
  /// their latest instant, as `dated(_:)` dates a state.
  private func dated(_ summary: CaseSummary) throws(ServiceError) -> CaseSummary {
    guard summary.updatedAt == nil else { return summary }
    var summary = summary
    summary.updatedAt = try lastInstant(ofCase: summary.id)
    return summary
  }
}
