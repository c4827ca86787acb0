import DCMCCalendar
import DCMCRuntime

extension CaseService {
  /// A page of the status views of the cases of the record `customer` stands for (following
  /// merges), with those of the records merged into it: `customer cases`, the status page's
  /// and the API's. Newest first, as the customer reads them: the case they ask about is
  /// usually their latest. Any user of the directory reads it, as they read the record. At
  /// most `limit` views (`Int.max`: all) from `start` on, with where the pages before and
  /// after it start. Only the page's cases are dated and viewed.
  ///
  /// It reads the cases' summaries (`CaseQueries.caseSummaries(ofCustomer:)`), not the whole
  /// cases: the file store answers them without decoding each state (`docs/performance.md`).
  ///
  /// A cursor past the end (no page gives one: a hand-made or stale link, or another list's
  /// cursor) gives what was asked, an empty page that leads back by that cursor:
  /// `.olderThan(p)` past the oldest case has `newer` p when any case is newer than p (so
  /// `.newerThan(p)` is the last `limit` cases), `first` the total, `older` nil;
  /// `.newerThan(p)` past the newest has `older` p when any case is older than p (so
  /// `.olderThan(p)` is the first page), `first` 0, `newer` nil.
  public func customerCases(_ customer: String, by user: String?, from start: CustomerCasePage.Start, limit: Int)
    throws(ServiceError) -> CustomerCasePage
  {
    let all = try customerSummaries(customer, by: user)
    let positions = all.map { CasePosition(createdAt: $0.createdAt, id: $0.id) }
    let limit = max(limit, 1)
    func page(from first: Int) -> Range<Int> { first..<first + min(limit, all.count - first) }
    let shown: Range<Int>
    let cursor: CasePosition?
    switch start {
    case .newest: (shown, cursor) = (page(from: 0), nil)
    case .olderThan(let position):
      (shown, cursor) = (page(from: positions.firstIndex { $0 < position } ?? all.count), position)
    case .newerThan(let position):
      // The page that ends just before the first case not newer than `position` (a full page
      // from the newest when fewer are newer); none when no case is newer.
      let end = positions.firstIndex { !(position < $0) } ?? all.count
      (shown, cursor) = (end == 0 ? 0..<0 : page(from: max(0, end - limit)), position)
    }
    // An empty page (its cursor past the oldest or the newest case) leads back by its cursor.
    let now = clock.now()
    return CustomerCasePage(
      views: try all[shown].map { summary throws(ServiceError) in try customerView(summary, at: now) },
      first: shown.lowerBound, total: all.count,
      newer: shown.lowerBound > 0 ? (shown.isEmpty ? cursor : positions[shown.lowerBound]) : nil,
      older: shown.upperBound < all.count ? (shown.isEmpty ? cursor : positions[shown.upperBound - 1]) : nil)
  }

  /// The summaries of `customerCases`, newest first (by opening, then reference: the reverse
  /// of `CasePosition`'s order).
  private func customerSummaries(_ customer: String, by user: String?) throws(ServiceError) -> [CaseSummary] {
    let service = try customerService(for: customer)
    _ = try service.acting(user)
    let kept = try service.resolved(customer)
    var found: [CaseSummary] = []
    for id in try records(mergedInto: kept.id) {
      found += served(try ServiceError.wrap { () throws(RepositoryError) in try queries.caseSummaries(ofCustomer: id) })
    }
    return found.sorted { CasePosition(createdAt: $1.createdAt, id: $1.id) < CasePosition(createdAt: $0.createdAt, id: $0.id) }
  }

  private func customerView(_ summary: CaseSummary, at now: Instant) throws(ServiceError) -> CustomerCaseView {
    CustomerCaseView(try dated(summary), definitions: try definitions.definitions(summary.bundle), at: now)
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

/// A page of a customer's cases, newest first (`CaseService.customerCases(_:by:from:limit:)`).
public struct CustomerCasePage: Sendable, Equatable {
  /// Where a page starts in the newest-first list.
  public enum Start: Sendable, Equatable {
    case newest
    /// The cases older than a position: the page after one whose last case it is.
    case olderThan(CasePosition)
    /// The cases newer than a position: the page before one whose first case it is.
    case newerThan(CasePosition)
  }

  public var views: [CustomerCaseView]
  /// The index of the page's first case in the whole list, and the list's length.
  public var first: Int
  public var total: Int
  /// The page's first case's position when newer cases exist (the previous page is
  /// `.newerThan` it); `nil` on the first page. An empty page's is the cursor it was asked from.
  public var newer: CasePosition?
  /// The page's last case's position when older cases exist (the next page is `.olderThan`
  /// it); `nil` on the last page. An empty page's is the cursor it was asked from.
  public var older: CasePosition?
}
