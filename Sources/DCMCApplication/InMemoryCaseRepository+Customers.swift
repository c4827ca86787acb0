public import DCMCRuntime

/// The customer records of the in-memory store, under the same lock as its cases: a
/// scenario's snapshot holds both. Email and phone are indexed; a name prefix is searched
/// over the records, which a store in memory for tests can afford.
struct CustomerRecords: Sendable {
  var histories: [String: [CustomerEvent]] = [:]
  var states: [String: CustomerState] = [:]
  var requests: [String: String] = [:]
  var lastSequence = 0
  var byEmail: [String: Set<String>] = [:]
  var byPhone: [String: Set<String>] = [:]
  /// The records merged directly into each record.
  var merges: [String: Set<String>] = [:]

  /// Takes `state`'s keys out of the indexes (`add` false) or puts them in; a merged record
  /// is in none.
  mutating func index(_ state: CustomerState, add: Bool) {
    guard state.mergedInto == nil else { return }
    if let key = state.email?.key { Self.update(&byEmail, key, state.id, add: add) }
    if let key = state.phone?.e164 { Self.update(&byPhone, key, state.id, add: add) }
  }

  /// `CustomerRepository.appendCustomer`, under the store's lock.
  mutating func append(_ change: CustomerChangeSet) -> AppendOutcome {
    let id = change.after.id
    let before = states[id]
    let version = before?.version ?? 0
    guard version == change.expectedVersion,
      change.unmoved.allSatisfy({ (states[$0.key]?.version ?? 0) == $0.value })
    else { return .conflict(version: version) }
    if let before { index(before, add: false) }
    index(change.after, add: true)
    if let keep = change.after.mergedInto { merges[keep, default: []].insert(id) }
    histories[id, default: []] += change.events
    states[id] = change.after
    if let request = change.request { requests[request] = id }
    if let sequence = change.sequence { lastSequence = max(lastSequence, sequence) }
    return .appended
  }

  private static func update(
    _ index: inout [String: Set<String>], _ key: String, _ id: String, add: Bool
  ) {
    if add {
      index[key, default: []].insert(id)
    } else {
      index[key]?.remove(id)
      if index[key]?.isEmpty == true { index[key] = nil }
    }
  }
}

extension InMemoryCaseRepository: CustomerRepository {
  public func loadCustomer(_ id: String) throws(RepositoryError) -> CustomerState? {
    contents.withLock { $0.customers.states[id] }
  }

  public func customerHistory(of id: String) throws(RepositoryError) -> [CustomerEvent]? {
    contents.withLock { $0.customers.histories[id] }
  }

  public func appendCustomer(_ change: CustomerChangeSet) throws(RepositoryError) -> AppendOutcome {
    contents.withLock { $0.customers.append(change) }
  }

  public func appendCustomer(unlessKeyTaken change: CustomerChangeSet) throws(RepositoryError)
    -> CustomerAddOutcome
  {
    contents.withLock { store in
      var taken: Set<String> = []
      let keys = change.newKeys
      if let key = keys.email { taken.formUnion(store.customers.byEmail[key] ?? []) }
      if let key = keys.phone { taken.formUnion(store.customers.byPhone[key] ?? []) }
      taken.remove(change.after.id)
      guard taken.isEmpty else { return .keyTaken(taken.sorted()) }
      switch store.customers.append(change) {
      case .appended: return .added
      case .conflict(let version): return .conflict(version: version)
      }
    }
  }

  public func customerAdded(byRequest id: String) throws(RepositoryError) -> String? {
    contents.withLock { $0.customers.requests[id] }
  }

  public func lastCustomerSequence() throws(RepositoryError) -> Int {
    contents.withLock { $0.customers.lastSequence }
  }

  public func customers(withEmail key: String) throws(RepositoryError) -> [String] {
    contents.withLock { $0.customers.byEmail[key]?.sorted() ?? [] }
  }

  public func customers(withPhone e164: String) throws(RepositoryError) -> [String] {
    contents.withLock { $0.customers.byPhone[e164]?.sorted() ?? [] }
  }

  public func customers(mergedInto id: String) throws(RepositoryError) -> [String] {
    contents.withLock { $0.customers.merges[id]?.sorted() ?? [] }
  }

  public func customers(namePrefix prefix: String, limit: Int) throws(RepositoryError)
    -> [CustomerState]
  {
    let prefix = CustomerNameKey(prefix)
    return contents.withLock { store in
      store.customers.states.values
        .filter { $0.mergedInto == nil && CustomerNameKey($0.name).hasPrefix(prefix) }
        .sorted(by: CustomerNameKey.areInOrder)
        .prefix(max(0, limit)).map { $0 }
    }
  }
}
