import DCMCApplication
import DCMCRuntime
import Testing

/// The reads push offers make instead of whole workbins (`CaseQueries.queuedTasks`,
/// `heldTasks`, `PresenceRepository.readyUsers`), run against every adapter.
extension RepositoryConformance {
  /// Finance cases, whose assessment is pushed to `finances_group`, created by `fiona` at
  /// `seconds` after Monday 09:00 each.
  static func finances(_ store: RepositoryUnderTest, at seconds: [Int]) throws -> [String] {
    let fields = [
      "Customer_Name": "Els Janssens", "Customer_Email": "els@example.com", "Customer_Phone": "+32470998877",
      "Request_Type": "refund", "Invoice_Number": "INV-204311",
    ]
    return try seconds.map { try store.at($0).create(type: "finance", fields: fields, request: nil, by: "fiona").id + ".1" }
  }

  /// A workbin's queued tasks come most urgent first, a page at a time after the last task of
  /// the previous page; a task offered leaves the queue and is held by its user.
  public static func queuesPageMostUrgentFirst(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let tasks = try finances(store, at: [0, 60, 120])
    // The oldest first: same priority, and the earlier OLA due.
    let first = try store.queries.queuedTasks(in: "finances_group", after: nil, limit: 2).tasks.map(\.task)
    #expect(first.map(\.id) == [tasks[0], tasks[1]])
    let rest = try store.queries.queuedTasks(in: "finances_group", after: first.last?.urgency, limit: 2).tasks
    #expect(rest.map(\.task.id) == [tasks[2]])
    #expect(try store.queries.queuedTasks(in: "expert_group_x", after: nil, limit: 5).tasks.isEmpty)
    #expect(try store.queries.heldTasks(of: "gary").tasks.isEmpty)
    var service = store.at(180)
    service.presence = store.presenceRepository
    _ = try service.setPresence(.ready, reason: nil, by: "gary")
    #expect(try store.queries.heldTasks(of: "gary").tasks.map(\.task.id) == [tasks[0]])
    #expect(try store.queries.queuedTasks(in: "finances_group", after: nil, limit: 5).tasks.map(\.task.id) == [tasks[1], tasks[2]])
    // Accepted, the task stays held: it is in hand.
    _ = try store.at(200).execute(.acceptOffer(task: tasks[0]), onCase: String(tasks[0].dropLast(2)), by: "gary")
    #expect(try store.queries.heldTasks(of: "gary").tasks.map(\.task.status) == [.assigned])
  }

  /// The ready users are those whose presence is `ready`, kept apart from the histories.
  public static func readyUsersFollowPresence(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    #expect(try store.presenceRepository.readyUsers().isEmpty)
    _ = try store.presenceAt(0).set(.ready, reason: nil, by: "gary")
    _ = try store.presenceAt(0).set(.ready, reason: nil, by: "fiona")
    #expect(try store.presenceRepository.readyUsers() == ["fiona", "gary"])
    _ = try store.presenceAt(60).set(.notReady, reason: "break", user: "gary", by: "tina")
    _ = try store.presenceAt(60).set(.loggedOff, reason: nil, by: "alice")
    #expect(try store.presenceRepository.readyUsers() == ["fiona"])
  }
}
