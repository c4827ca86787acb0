public import DCMCBundle
public import DCMCCalendar

extension InMemoryCaseRepository: StoreInventory {
  public func bundleHashes() throws(RepositoryError) -> [String] { contents.withLock { $0.bundles.keys.sorted() } }
  public func keepBundle(_ bundle: DefinitionBundle, bytes: [UInt8]) throws(RepositoryError) -> Bool {
    contents.withLock { store in
      guard store.bundles[bundle.hash] == nil else { return false }
      store.bundles[bundle.hash] = bytes
      return true
    }
  }
  public func caseIDs() throws(RepositoryError) -> [String] { contents.withLock { $0.histories.keys.sorted() } }
  public func customerIDs() throws(RepositoryError) -> [String] {
    contents.withLock { $0.customers.histories.keys.sorted() }
  }
  public func presenceUsers() throws(RepositoryError) -> [String] { contents.withLock { $0.presence.keys.sorted() } }
  public func caseSequences() throws(RepositoryError) -> [String: Int] { contents.withLock { $0.sequences } }
  public func statusLinks() throws(RepositoryError) -> [StatusLinkRecord] {
    contents.withLock { $0.statusLinks.values.sorted { $0.id < $1.id } }
  }
  /// Nothing to rebuild: each change is written whole, under one lock, derived entries and all.
  public func rebuildDerived() throws(RepositoryError) -> [String] { [] }
  public func replaceDeliveryRecords(_ records: [String: DeliveryRecord]) throws(RepositoryError) {
    contents.withLock { $0.deliveries.records = records }
  }
}

extension InMemoryCaseRepository: TokenRepository {
  public func tokens() throws(RepositoryError) -> [TokenRecord] { try tokenRecords.tokens() }
  public func addToken(_ record: TokenRecord) throws(RepositoryError) { try tokenRecords.addToken(record) }
  public func revokeToken(_ id: String, at instant: Instant) throws(RepositoryError) -> TokenRecord? {
    try tokenRecords.revokeToken(id, at: instant)
  }
}
