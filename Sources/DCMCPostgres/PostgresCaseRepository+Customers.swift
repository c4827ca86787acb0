public import DCMCApplication
public import DCMCRuntime

/// The customer records in `dcmc_customers` (the indexed columns: name key, email key, phone,
/// merge) and `dcmc_customer_events` (the history a record is replayed from), with request ids
/// and numbering. A change is one transaction (`PostgresCaseRepository+CustomerAppend.swift`).
extension PostgresCaseRepository: CustomerRepository {
  public func loadCustomer(_ id: String) throws(RepositoryError) -> CustomerState? {
    try customerHistory(of: id).flatMap(CustomerState.replay)
  }

  public func customerHistory(of id: String) throws(RepositoryError) -> [CustomerEvent]? {
    try run { (connection) throws(PostgresError) in
      let rows = try connection.query(
        "SELECT event FROM dcmc_customer_events WHERE customer_id = $1 ORDER BY seq", [.string(id)])
      guard !rows.rows.isEmpty else { return nil }
      return try PostgresHistory.decode(rows, table: "dcmc_customer_events", subject: id)
    }
  }

  public func appendCustomer(_ change: CustomerChangeSet) throws(RepositoryError) -> AppendOutcome {
    try run { (connection) throws(PostgresError) in
      let outcome = try connection.transaction { () throws(PostgresError) in
        try Self.write(change, checkingKeys: false, connection)
      }
      if case .conflict(let version) = outcome { return .conflict(version: version) }
      return .appended
    }
  }

  public func appendCustomer(unlessKeyTaken change: CustomerChangeSet) throws(RepositoryError)
    -> CustomerAddOutcome
  {
    try run { (connection) throws(PostgresError) in
      try connection.transaction { () throws(PostgresError) in try Self.write(change, checkingKeys: true, connection) }
    }
  }

  public func customerAdded(byRequest id: String) throws(RepositoryError) -> String? {
    try run { (connection) throws(PostgresError) in
      try connection.query("SELECT customer_id FROM dcmc_customer_requests WHERE request = $1", [.string(id)])
        .string(0, 0)
    }
  }

  public func lastCustomerSequence() throws(RepositoryError) -> Int {
    try run { (connection) throws(PostgresError) in
      try connection.query("SELECT last FROM dcmc_customer_sequence").int(0, 0) ?? 0
    }
  }

  public func customers(withEmail key: String) throws(RepositoryError) -> [String] {
    try ids("SELECT id FROM dcmc_customers WHERE email_key = $1 AND merged_into IS NULL ORDER BY id", key)
  }

  public func customers(withPhone e164: String) throws(RepositoryError) -> [String] {
    try ids("SELECT id FROM dcmc_customers WHERE phone = $1 AND merged_into IS NULL ORDER BY id", e164)
  }

  public func customers(mergedInto id: String) throws(RepositoryError) -> [String] {
    try ids("SELECT id FROM dcmc_customers WHERE merged_into = $1 ORDER BY id", id)
  }

  /// From the name index (`name_key`, the name in lower case, ordered byte by byte by its
  /// `"C"` collation): the first `limit` rows whose key starts with the prefix, then their
  /// histories, in one statement.
  public func customers(namePrefix prefix: String, limit: Int) throws(RepositoryError) -> [CustomerState] {
    let pattern = Self.likePrefix(String(decoding: CustomerNameKey(prefix).bytes, as: UTF8.self))
    return try run { (connection) throws(PostgresError) in
      let rows = try connection.query(
        """
        SELECT c.id, e.event FROM (
          SELECT id, name_key FROM dcmc_customers WHERE merged_into IS NULL AND name_key LIKE $1
          ORDER BY name_key, id LIMIT $2) c
        JOIN dcmc_customer_events e ON e.customer_id = c.id ORDER BY c.name_key, c.id, e.seq
        """, [.string(pattern), .int(max(0, limit))])
      var states: [CustomerState] = []
      var start = 0
      while start < rows.rows.count {
        let id = rows.string(start, 0) ?? ""
        var end = start + 1
        while end < rows.rows.count, rows.string(end, 0) == id { end += 1 }
        let events: [CustomerEvent] = try PostgresHistory.decode(
          rows, column: 1, rowIndices: start..<end, table: "dcmc_customer_events", subject: id)
        guard let state = CustomerState.replay(events) else {
          throw PostgresError("the history of '\(id)' in 'dcmc_customer_events' does not replay")
        }
        states.append(state)
        start = end
      }
      return states.sorted(by: CustomerNameKey.areInOrder)
    }
  }

  /// `text` as the start of a `LIKE` pattern: its `%`, `_` and `\` escaped, then `%`.
  static func likePrefix(_ text: String) -> String {
    var pattern = ""
    for character in text {
      if character == "%" || character == "_" || character == "\\" { pattern.append("\\") }
      pattern.append(character)
    }
    return pattern + "%"
  }

  private func ids(_ sql: String, _ key: String) throws(RepositoryError) -> [String] {
    let rows = try run { (connection) throws(PostgresError) in try connection.query(sql, [.string(key)]) }
    return rows.rows.indices.compactMap { rows.string($0, 0) }
  }
}
