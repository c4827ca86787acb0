import DCMCApplication

/// A case row's version and history chain (`dcmc_cases.chain`, migration 12) as read before
/// an append: what the chain of each change's row is computed from (`HistoryChain`: the chain
/// so far extended by the change's events, no event read again), and what `dcmc_append_cases`
/// moves the row from (`p_bases`), as from its version, so a row read before another writer
/// moved it is not written with a chain made from the wrong base.
struct PostgresCaseChain {
  var version: Int
  /// The column as read: `nil` for a row written before migration 12 (no chain).
  var text: String?

  /// A new case's: no event.
  static let none = PostgresCaseChain(version: 0, text: HistoryChain.empty.text)

  /// The chain the column holds; `nil` when none, or not one.
  var chain: HistoryChain? { text.flatMap { HistoryChain(sequence: version, text: $0) } }

  /// Whether the column holds something that is not a chain: the row's damage (`unreadable`),
  /// never written over (an append refuses the case, a rebuild without `--accept-loss` too),
  /// so the evidence stays.
  var isUnreadable: Bool { text != nil && chain == nil }

  /// The damage of a row whose chain is not one (`isUnreadable`): its history cannot be
  /// checked against what the row recorded, so it is taken as a history changed (refused as
  /// one), on every path: `store verify`, `store rebuild`, a command on the case.
  static let unreadable =
    "its row in 'dcmc_cases' records a chain that is not one (not 'crc32c:' and 8 hex digits): "
    + "its history in 'dcmc_case_events' cannot be checked against it"

  /// The chain a change of the row moves it from (`dcmc_append_cases`' `p_bases`): the
  /// column's, `nil` for none; for one that is not a chain (`isUnreadable`) a chain, which
  /// the column's text is therefore not, so the row is not moved (the change answers a
  /// conflict, and its command, deciding again, finds the case damaged at `load`) and the
  /// evidence is not written over.
  var base: String? { isUnreadable ? HistoryChain.empty.text : text }

  /// The chain after `events` (a change's event texts) when the row is at `version` and has
  /// a chain; `nil` otherwise (a row without one keeps none until `store rebuild` writes it).
  func after(_ events: [(seq: Int, text: [UInt8])], from version: Int) -> HistoryChain? {
    guard self.version == version, var chain else { return nil }
    for event in events { chain = chain.extended(withEvent: event.text, sequence: event.seq) }
    return chain
  }

  /// The chain of a case's events in `dcmc_case_events` (`rows`, their texts in column 0, in
  /// order, event `n` in row `n - 1`) through event `sequence`.
  static func chain(of rows: PostgresRows, through sequence: Int) -> HistoryChain {
    var chain = HistoryChain.empty
    for row in rows.rows.indices.prefix(sequence) {
      chain = chain.extended(withEvent: rows.rows[row][0] ?? [], sequence: row + 1)
    }
    return chain
  }

  /// The row of each case that a change of `changes` moves (not a creation's), as it is now:
  /// one read, none when every change is a creation (a round of `serve`'s creates).
  static func rows(of changes: [CaseChangeSet], on connection: PostgresConnection) throws(PostgresError)
    -> [String: PostgresCaseChain]
  {
    let ids = Set(changes.filter { $0.expectedVersion != 0 }.map(\.after.id)).sorted()
    guard !ids.isEmpty else { return [:] }
    let rows = try connection.query(
      "SELECT id, version, chain FROM dcmc_cases WHERE id = ANY ($1::text[])",
      [PostgresValue.array(ids.map(PostgresValue.string), of: "text")])
    var found: [String: PostgresCaseChain] = [:]
    for row in rows.rows.indices {
      guard let id = rows.string(row, 0), let version = rows.int(row, 1) else { continue }
      found[id] = PostgresCaseChain(version: version, text: rows.string(row, 2))
    }
    return found
  }
}
