import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCRuntime

/// What `/api/v1/events` watches of one user (SPEC section 17): the tasks offered to them, the
/// tasks in their hands and their presence, read from the store at an instant. The events a
/// user is sent are the differences between two snapshots (`changes(since:at:)`), so whatever
/// made the change (a request, the CLI beside the server, a tick) is seen.
struct EventSnapshot: Sendable {
  /// Each task offered to the user, with when the offer times out.
  var offers: [String: Instant] = [:]
  /// The tasks assigned to the user.
  var held: Set<String> = []
  /// The user's presence in a few words (`not_ready break`); `nil` for a store without presence.
  var presence: String?
  /// The JSON each event carries: the task's view, or the user's presence.
  var tasks: [String: JSONValue] = [:]
  var presenceJSON: JSONValue = .null

  /// The events from `before` to this snapshot, read at `now`, in the order their causes
  /// run: each offer gone past its time-out (`offer.expired`: what sets a RONA presence), a
  /// presence change (`presence.changed`: `ready` is what makes offers, `not_ready` what
  /// withdraws them), each new offer (`offer.created`), each offer gone before its time-out
  /// (`offer.withdrawn`; an accepted one is only `task.assigned`) and each task newly in the
  /// user's hands (`task.assigned`). Before 6 December 2026 the presence came last, after the
  /// offer its `ready` had made.
  func changes(since before: EventSnapshot, at now: Instant) -> [(type: String, data: JSONValue)] {
    var events: [(type: String, data: JSONValue)] = []
    let gone = before.offers.sorted(by: { $0.key < $1.key }).filter { offers[$0.key] == nil && !held.contains($0.key) }
    for (id, expires) in gone where now >= expires {
      events.append(("offer.expired", .object([("task", .string(id))])))
    }
    if presence != before.presence, presence != nil {
      events.append(("presence.changed", presenceJSON))
    }
    for id in offers.keys.sorted() where before.offers[id] == nil {
      events.append(("offer.created", tasks[id] ?? .null))
    }
    for (id, expires) in gone where now < expires {
      events.append(("offer.withdrawn", .object([("task", .string(id))])))
    }
    for id in held.sorted() where !before.held.contains(id) {
      events.append(("task.assigned", tasks[id] ?? .null))
    }
    return events
  }
}

extension EventSnapshot {
  /// `user`'s snapshot on `cases` (at its clock's instant).
  init(of user: String, on cases: CaseService) throws(ServiceError) {
    let found = try ServiceError.wrap { () throws(RepositoryError) in try cases.queries.heldTasks(of: user) }.tasks
    for (task, state) in found {
      if task.status == .offered, let offer = task.offer, offer.to == user {
        offers[task.id] = offer.expires
      } else if task.assignee == user {
        held.insert(task.id)
      } else {
        continue
      }
      tasks[task.id] = TaskView(task, of: state).json
    }
    guard cases.presence != nil else { return }
    let service = try cases.presenceService()
    let state = try ServiceError.wrap { () throws(RepositoryError) in try service.repository.loadPresence(user) }
      ?? PresenceState(user: user)
    presence = [state.status.name, state.status.reason].compactMap { $0 }.joined(separator: " ")
    presenceJSON = .object([
      ("reason", .string(state.status.reason)), ("since", state.since?.json ?? .null),
      ("state", .string(state.status.name)), ("until", state.status.until?.json ?? .null), ("user", .string(user)),
    ])
  }
}
