public import DCMCCalendar

/// The status page links in memory (`StatusLinkRepository`), for the in-memory store.
extension InMemoryCaseRepository: StatusLinkRepository {
  public func statusLink(_ id: String) throws(RepositoryError) -> StatusLinkRecord? {
    contents.withLock { $0.statusLinks[id] }
  }

  public func addStatusLink(_ record: StatusLinkRecord) throws(RepositoryError) {
    contents.withLock { $0.statusLinks[record.id] = record }
  }

  public func revokeStatusLinks(of customers: Set<String>, at instant: Instant) throws(RepositoryError) -> Int {
    contents.withLock { store in
      let revoked = store.statusLinks.values.filter { customers.contains($0.customer) && $0.revoked == nil }
      for var record in revoked {
        record.revoked = instant
        store.statusLinks[record.id] = record
      }
      return revoked.count
    }
  }
}
