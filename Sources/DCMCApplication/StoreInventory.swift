public import DCMCBundle

/// What a copy of a whole store (`StoreCopy`) needs beside the other ports: the lists of what
/// the store holds, one aggregate at a time, and the delivery records written as they are.
/// Every list is sorted, so two stores holding the same are listed alike.
public protocol StoreInventory: Sendable {
  /// The hash of every bundle the store keeps, sorted.
  func bundleHashes() throws(RepositoryError) -> [String]
  /// Keeps `bytes` (a sealed bundle) under its hash without deploying it: for a copy of a
  /// bundle that no entry of the source's deployment history names. Returns whether it was new.
  func keepBundle(_ bundle: DefinitionBundle, bytes: [UInt8]) throws(RepositoryError) -> Bool
  /// The id of every case, sorted.
  func caseIDs() throws(RepositoryError) -> [String]
  /// The id of every customer record, sorted.
  func customerIDs() throws(RepositoryError) -> [String]
  /// The id of every user with a presence history, sorted.
  func presenceUsers() throws(RepositoryError) -> [String]
  /// The highest number each case type gave (`lastSequence(of:)`), by case type.
  func caseSequences() throws(RepositoryError) -> [String: Int]
  /// Every status page link, revoked or not, sorted by id.
  func statusLinks() throws(RepositoryError) -> [StatusLinkRecord]
  /// Rewrites what the store derives from its histories (states, indexes, numbering, report
  /// facts) as `store rebuild` does, never dropping an acknowledged event; returns what it
  /// could not rebuild, one line each.
  func rebuildDerived() throws(RepositoryError) -> [String]
  /// Makes `records` the store's delivery records, replacing those it had, under the
  /// store's lock.
  func replaceDeliveryRecords(_ records: [String: DeliveryRecord]) throws(RepositoryError)
  /// Marks the store as the unfinished target of a copy from `source` (when named), durably,
  /// before the copy writes anything: every command but a copy refuses a store so marked
  /// (audit36 L7: a copy cut short verified clean and could be served), in the words of
  /// `UnfinishedCopy`. A file store keeps the mark as a file, a PostgreSQL store as a row;
  /// the memory store keeps none (docs/store.md, "Copying a store").
  func markCopying(from source: String?) throws(RepositoryError)
  /// Removes the mark of `markCopying`, durably: the copy's last step.
  func markCopied() throws(RepositoryError)
}

extension StoreInventory {
  /// A store without the mark (memory): nothing to write.
  public func markCopying(from source: String?) throws(RepositoryError) {}
  /// A store without the mark: nothing to remove.
  public func markCopied() throws(RepositoryError) {}
}

/// Every port a whole store implements that a copy reads or writes.
public typealias CopyableStore = CaseRepository & CustomerRepository & PresenceRepository & ReportFacts
  & TokenRepository & StatusLinkRepository & StoreInventory
