import DCMCRuntime

extension StoreCopy {
  /// Each customer record's events the target lacks, one append a record.
  func copyCustomers() throws(StoreCopyError) -> Int {
    let (ids, last) = try StoreCopyError.wrap { () throws(RepositoryError) in
      (try source.customerIDs(), try source.lastCustomerSequence())
    }
    var written = 0
    for id in ids {
      let (events, copied) = try StoreCopyError.wrap { () throws(RepositoryError) in
        (try source.customerHistory(of: id) ?? [], try target.customerHistory(of: id) ?? [])
      }
      guard events.count > copied.count else { continue }
      guard let after = CustomerState.replay(events) else {
        throw .unreadable("customer '\(id)' of the source does not replay")
      }
      let change: CustomerChangeSet
      if copied.isEmpty {
        let request: String? = if case .added(let added) = events[0].change { added.request } else { nil }
        change = CustomerChangeSet(before: nil, events: events, after: after, sequence: last, request: request)
      } else {
        let before = try StoreCopyError.wrap { () throws(RepositoryError) in try target.loadCustomer(id) }
        change = CustomerChangeSet(before: before, events: Array(events[copied.count...]), after: after)
      }
      let outcome = try StoreCopyError.wrap { () throws(RepositoryError) in try target.appendCustomer(change) }
      guard outcome == .appended else { throw .targetMoved("customer '\(id)'") }
      written += 1
    }
    return written
  }

  /// Each user's presence events the target lacks, one append a user.
  func copyPresence() throws(StoreCopyError) -> Int {
    var written = 0
    for user in try StoreCopyError.wrap({ () throws(RepositoryError) in try source.presenceUsers() }) {
      let (events, copied) = try StoreCopyError.wrap { () throws(RepositoryError) in
        (try source.presenceHistory(of: user) ?? [], try target.presenceHistory(of: user) ?? [])
      }
      guard events.count > copied.count else { continue }
      guard let after = PresenceState.replay(events) else {
        throw .unreadable("the presence history of '\(user)' in the source does not replay")
      }
      let before =
        copied.isEmpty
        ? PresenceState(user: user)
        : try StoreCopyError.wrap { () throws(RepositoryError) in try target.loadPresence(user) }
          ?? PresenceState(user: user)
      let change = PresenceChangeSet(before: before, events: Array(events[copied.count...]), after: after)
      let outcome = try StoreCopyError.wrap { () throws(RepositoryError) in try target.appendPresence(change) }
      guard outcome == .appended else { throw .targetMoved("presence of '\(user)'") }
      written += 1
    }
    return written
  }

  /// The records beside the histories the target lacks: RONA notes, tokens, status links;
  /// then the delivery records made the source's.
  func copyRecords() throws(StoreCopyError) -> [String: Int] {
    try StoreCopyError.wrap { () throws(RepositoryError) -> [String: Int] in
      var written = ["pending ronas": 0, "tokens": 0, "status links": 0, "deliveries": 0]
      var noted = Set(try target.pendingRONAs().map(\.ronas))
      for (_, ronas) in try source.pendingRONAs() where noted.insert(ronas).inserted {
        _ = try target.notePendingRONAs(ronas)
        written["pending ronas", default: 0] += 1
      }
      let tokens = Set(try target.tokens().map(\.id))
      for token in try source.tokens() where !tokens.contains(token.id) {
        try target.addToken(token)
        written["tokens", default: 0] += 1
      }
      for link in try source.statusLinks() where try target.statusLink(link.id) == nil {
        try target.addStatusLink(link)
        written["status links", default: 0] += 1
      }
      let deliveries = try source.deliveryRecords()
      if try target.deliveryRecords() != deliveries {
        try target.replaceDeliveryRecords(deliveries)
        written["deliveries"] = deliveries.count
      }
      return written
    }
  }

  /// The tick mark moved to the source's: 1 when it was written, else 0.
  func copyTick() throws(StoreCopyError) -> Int {
    try StoreCopyError.wrap { () throws(RepositoryError) -> Int in
      guard let tick = try source.lastTick(), try target.lastTick() != tick else { return 0 }
      _ = try target.append([], tick: tick)
      return 1
    }
  }
}
