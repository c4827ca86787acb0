import DCMCApplication
import DCMCRuntime
import Testing

/// Push offers through the ports (SPEC section 15), run against every adapter: the offers
/// the application makes, accepts, declines and withdraws are what the queries and the
/// presence port read back. The finances workbin pushes with 45-second offers; fiona has
/// capacity 2, gary 1.
extension RepositoryConformance {
  /// A finance case created by `tina`, `seconds` after Monday 09:00 (08:00Z).
  static func finance(_ store: RepositoryUnderTest, _ seconds: Int) throws -> CaseState {
    try store.at(seconds).create(
      type: "finance",
      fields: [
        "Customer_Name": "Els Janssens", "Customer_Email": "els.janssens@example.com", "Customer_Phone": "+32470998877",
        "Customer_Segment": "silver",
        "Request_Type": "refund", "Invoice_Number": "INV-204311", "Amount": "180.5", "Invoice_Date": "2026-02-14",
        "Explanation": "charged after cancelling",
      ], request: nil, customer: nil, by: "tina")
  }

  /// The finance workbin's tasks as the queries read them: id, status and to whom.
  static func financeBin(_ store: RepositoryUnderTest) throws -> [String] {
    try store.queries.activeTasks(in: ["finances_group"]).tasks.map { task, _ in
      "\(task.id) \(task.status.rawValue) \(task.offer?.to ?? task.assignee ?? "-")"
    }.sorted()
  }

  /// Offers made, accepted, declined and expired read back through the queries, the case's
  /// history and the presence port: a created push task goes to the ready user who waited
  /// longest, an accept assigns it (and counts in their load), a decline passes it on, and an
  /// expiry re-offers it and sets its user not ready with reason RONA, dated at the time-out.
  public static func offersAndPresenceReadBack(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    _ = try store.at(0).setPresence(.ready, reason: nil, by: "gary")
    _ = try store.at(60).setPresence(.ready, reason: nil, by: "fiona")
    let first = try finance(store, 120)
    let task = first.id + ".1"
    #expect(try store.at(121).offers(to: "gary").map(\.task.id) == [task])
    #expect(try store.at(121).offers(to: "fiona").isEmpty)
    #expect(try financeBin(store) == ["\(task) offered gary"])
    _ = try store.at(130).execute(.acceptOffer(task: task), onCase: first.id, by: "gary")
    #expect(try financeBin(store) == ["\(task) assigned gary"])
    let loads = try store.presenceAt(131).list(workgroup: "finances_group", by: "tina")
    #expect(loads.map { "\($0.user) \($0.load)" } == ["fiona 0", "gary 1"])

    let second = try finance(store, 200)
    let next = second.id + ".1"
    #expect(try financeBin(store) == ["\(task) assigned gary", "\(next) offered fiona"])
    _ = try store.at(210).execute(.declineOffer(task: next, reason: "busy"), onCase: second.id, by: "fiona")
    // gary is full: the task waits in the queue.
    #expect(try financeBin(store) == ["\(task) assigned gary", "\(next) queued -"])
    let declined = try #require(try store.repository.history(of: second.id))
    #expect(declined.contains { if case .offerDeclined(_, "busy", _) = $0.change { true } else { false } })

    _ = try store.at(220).execute(.complete(task: task, outcome: "refused", data: [:]), onCase: first.id, by: "gary")
    // gary wraps up for two minutes; when a tick ends it, fiona's decline has run out, and
    // she has waited longest.
    #expect(try store.presenceRepository.loadPresence("gary")?.status.name == "wrap_up")
    _ = try store.at(400).tick(by: nil)
    #expect(try store.presenceRepository.loadPresence("gary")?.status == .ready)
    #expect(try financeBin(store) == ["\(next) offered fiona"])
    let offer = try #require(try store.repository.load(second.id)?.task(next)?.offer)
    _ = try store.at(500).tick(by: nil)
    let fiona = try #require(try store.presenceRepository.loadPresence("fiona"))
    #expect(fiona.status == .notReady(reason: "RONA") && fiona.since == offer.expires)
    #expect(try store.presenceRepository.presenceHistory(of: "fiona")?.last?.by == nil)
    #expect(try financeBin(store) == ["\(next) offered gary"])
  }
}
