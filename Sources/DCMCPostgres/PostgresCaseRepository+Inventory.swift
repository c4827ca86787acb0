public import DCMCApplication

/// What `store copy` lists and writes beside the other ports (`StoreInventory`): each
/// aggregate's keys from its table, sorted here as the other stores sort them.
extension PostgresCaseRepository: StoreInventory {
  public func bundleHashes() throws(RepositoryError) -> [String] { try column("SELECT hash FROM dcmc_bundles") }
  public func caseIDs() throws(RepositoryError) -> [String] { try column("SELECT id FROM dcmc_cases") }
  public func customerIDs() throws(RepositoryError) -> [String] { try column("SELECT id FROM dcmc_customers") }
  public func presenceUsers() throws(RepositoryError) -> [String] { try column("SELECT user_id FROM dcmc_presence") }

  public func caseSequences() throws(RepositoryError) -> [String: Int] {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.query("SELECT case_type, last FROM dcmc_sequences")
    }
    var sequences: [String: Int] = [:]
    for row in rows.rows.indices {
      guard let type = rows.string(row, 0), let last = rows.int(row, 1) else { continue }
      sequences[type] = last
    }
    return sequences
  }

  /// Read a link at a time: a store has few, and `statusLink` reads one row whole.
  public func statusLinks() throws(RepositoryError) -> [StatusLinkRecord] {
    var links: [StatusLinkRecord] = []
    for id in try column("SELECT id FROM dcmc_status_links") {
      if let link = try statusLink(id) { links.append(link) }
    }
    return links
  }

  /// `rebuild`, one transaction; every derived row is written with its change already, so
  /// this finds nothing to repair unless the store was damaged.
  public func rebuildDerived() throws(RepositoryError) -> [String] { try rebuild().refused }

  /// One transaction holding every row it changes, as a lease does (`changingLedger`).
  public func replaceDeliveryRecords(_ records: [String: DeliveryRecord]) throws(RepositoryError) {
    let ids = Set(try deliveryRecords().keys).union(records.keys).sorted()
    try changingLedger(of: ids, skippingLocked: false) { (ledger, _) throws(PostgresError) in
      ledger.records = records
    }
  }

  /// The row of `dcmc_copy_unfinished` (schema version 13), in a transaction of its own (one
  /// statement), committed before the copy writes anything.
  public func markCopying(from source: String?) throws(RepositoryError) {
    try run { (connection) throws(PostgresError) in
      try connection.query(
        "INSERT INTO dcmc_copy_unfinished (source) VALUES ($1) ON CONFLICT (only_row) DO UPDATE SET source = $1",
        [source.map(PostgresValue.string)])
    }
  }

  /// The row of `markCopying` deleted, committed: the copy's last step.
  public func markCopied() throws(RepositoryError) {
    try run { (connection) throws(PostgresError) in try connection.query("DELETE FROM dcmc_copy_unfinished") }
  }

  /// The first column of `query`'s rows, sorted.
  private func column(_ query: String) throws(RepositoryError) -> [String] {
    let rows = try run { (connection) throws(PostgresError) in try connection.query(query) }
    return rows.rows.indices.compactMap { rows.string($0, 0) }.sorted()
  }
}
