public import DCMCRuntime

/// The write and lookup side of a store for customer records, the second aggregate beside
/// cases (SPEC section 14): each record's history with its version, optimistic appends, the
/// request ids that added records, the numbering of customer ids, and indexes by email, by
/// phone, by name and by the record a record was merged into.
///
/// As for cases, a record's version is the sequence number of its last event (0: none), and
/// an append decided on a version the record has left is refused as a `.conflict`. The
/// indexes name the records that are not merged: a merged record is found through the record
/// it was merged into.
public protocol CustomerRepository: Sendable {
  /// The record as its history leaves it; `nil` when there is none.
  func loadCustomer(_ id: String) throws(RepositoryError) -> CustomerState?
  /// Every event of a record, in order; `nil` when there is none.
  func customerHistory(of id: String) throws(RepositoryError) -> [CustomerEvent]?
  /// Appends the change's events after the version its `before` had (0 for a new record),
  /// atomically and durably, and brings the indexes in step; a record that moved on (or
  /// exists already, for a new one), or one of the change's `unmoved` records that did, is
  /// not written and answers `.conflict`.
  func appendCustomer(_ change: CustomerChangeSet) throws(RepositoryError) -> AppendOutcome
  /// Appends `change` as `appendCustomer` does, unless another record in use (not merged) has
  /// one of the keys the change gives the record (`CustomerChangeSet.newKeys`: an email or a
  /// phone number it did not have) already. The keys are checked under the lock the append
  /// takes, so of two adds or updates to the same address at once, one writes and the other
  /// is told of it.
  func appendCustomer(unlessKeyTaken change: CustomerChangeSet) throws(RepositoryError)
    -> CustomerAddOutcome
  /// The record that the request `id` added; `nil` when none did.
  func customerAdded(byRequest id: String) throws(RepositoryError) -> String?
  /// The highest number a customer id was given (`{seq}`); 0 for none.
  func lastCustomerSequence() throws(RepositoryError) -> Int
  /// The ids of the records with this email (`EmailAddress.key`: in lower case), sorted.
  func customers(withEmail key: String) throws(RepositoryError) -> [String]
  /// The ids of the records with this phone number (E.164), sorted.
  func customers(withPhone e164: String) throws(RepositoryError) -> [String]
  /// The ids of the records merged directly into record `id` (not those merged into them),
  /// sorted.
  func customers(mergedInto id: String) throws(RepositoryError) -> [String]
  /// At most `limit` records in use (not merged) whose name starts with `prefix` in any
  /// letter case, in the order of `CustomerNameKey.areInOrder` (by name in lower case, then
  /// id). The file store answers from an index, at a cost that depends on the records found
  /// and `limit`, not on how many there are.
  func customers(namePrefix prefix: String, limit: Int) throws(RepositoryError) -> [CustomerState]
}

/// One record's events, with the record before and after them.
public struct CustomerChangeSet: Sendable {
  /// The keys the record takes with this change that it did not have before: its email
  /// (`EmailAddress.key`) and its phone number (E.164), each `nil` when unchanged or absent,
  /// both `nil` for a merged record. Those another record in use must not have
  /// (`CustomerRepository.appendCustomer(unlessKeyTaken:)`); a key the record kept (one it
  /// shares since it was added `shared`) is not checked again.
  public var newKeys: (email: String?, phone: String?) {
    guard after.mergedInto == nil else { return (nil, nil) }
    let (email, phone) = (after.email?.key, after.phone?.e164)
    return (email == before?.email?.key ? nil : email, phone == before?.phone?.e164 ? nil : phone)
  }

  /// The record before the events; `nil` for a new record.
  public var before: CustomerState?
  public var events: [CustomerEvent]
  public var after: CustomerState
  /// For a new record: its number, and the request that added it, if any.
  public var sequence: Int?
  public var request: String?
  /// Other records, by id, that must still be at these versions: a merge's kept record, so
  /// that two merges of the same two records the other way round cannot both be written.
  public var unmoved: [String: Int]
  /// The store's versions the change was decided on, as `CaseChangeSet.fence`.
  public var fence: Int?

  public init(
    before: CustomerState?, events: [CustomerEvent], after: CustomerState, sequence: Int? = nil,
    request: String? = nil, unmoved: [String: Int] = [:]
  ) {
    self.before = before
    self.events = events
    self.after = after
    self.sequence = sequence
    self.request = request
    self.unmoved = unmoved
  }

  /// The version the events were decided on.
  public var expectedVersion: Int { before?.version ?? 0 }
}
