public import DCMCCalendar

/// The report facts of the in-memory store, kept by day under the same lock as the histories
/// they are derived from, so a change and its facts are one step.
extension InMemoryCaseRepository: ReportFacts {
  public func facts(in period: Range<Instant>, _ visit: (ReportFact) -> Void) throws(RepositoryError) {
    guard let range = ReportFact.days(of: period) else { return }
    let days = contents.withLock { store in store.facts.filter { range.contains($0.key) }.sorted { $0.key < $1.key } }
    for (_, facts) in days {
      for fact in facts where period.contains(fact.at) { visit(fact) }
    }
  }
}

extension InMemoryCaseRepository.Contents {
  mutating func record(_ new: [ReportFact]) {
    for fact in new { facts[ReportFact.day(of: fact.at), default: []].append(fact) }
  }
}
