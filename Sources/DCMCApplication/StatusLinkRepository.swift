public import DCMCCalendar

/// Where a store keeps the customers' status page links (`StatusLinkRecord`): added and
/// revoked, never removed (a revoked link stays, and keeps showing nothing).
public protocol StatusLinkRepository: Sendable {
  /// The record of link `id`; `nil` when there is none. Looked up on every status page, so a
  /// store answers it without reading the other links.
  func statusLink(_ id: String) throws(RepositoryError) -> StatusLinkRecord?
  /// Keeps a new record; its id is not taken (the service draws 64 random bits).
  func addStatusLink(_ record: StatusLinkRecord) throws(RepositoryError)
  /// Marks every link of the customer records `customers` revoked at `instant` (those already
  /// revoked stay as they were); returns how many it revoked now. Rare (a command), so a
  /// store may read all the links for it.
  func revokeStatusLinks(of customers: Set<String>, at instant: Instant) throws(RepositoryError) -> Int
}
