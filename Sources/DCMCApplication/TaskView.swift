package import DCMCJSON
public import DCMCCalendar
public import DCMCRuntime

/// A task as scripts and front ends see it (SPEC section 13).
public struct TaskView: Sendable, Equatable {
  public var id: String
  public var caseID: String
  /// The task definition's id.
  public var task: String
  public var name: String
  public var status: TaskStatus
  public var target: String
  public var assignee: String?
  public var priority: Int
  public var olaDue: Instant?
  public var createdAt: Instant
  public var level: Int
  /// When a scheduled task comes back to the queue; `nil` for a task that is not scheduled.
  public var scheduledUntil: Instant?
  /// While the task is offered: to whom, and when the offer times out; `nil` otherwise.
  public var offeredTo: String?
  public var offerExpires: Instant?

  public init(_ task: TaskState, of state: CaseState) {
    id = task.id
    caseID = state.id
    self.task = task.definition
    name = task.name
    status = task.status
    target = task.target
    assignee = task.assignee
    priority = task.priority
    olaDue = task.olaDue
    createdAt = task.createdAt
    level = task.level
    scheduledUntil = task.scheduledUntil
    offeredTo = task.offer?.to
    offerExpires = task.offer?.expires
  }

  package var json: JSONValue {
    .object([
      ("assignee", .string(assignee)), ("case", .string(caseID)), ("created_at", .time(createdAt)), ("id", .string(id)),
      ("level", level.json), ("name", .string(name)), ("offer_expires", .time(offerExpires)),
      ("offered_to", .string(offeredTo)), ("ola_due", .time(olaDue)), ("priority", priority.json),
      ("scheduled_until", .time(scheduledUntil)), ("status", .string(status.rawValue)), ("target", .string(target)),
      ("task", .string(task)),
    ])
  }
}

extension JSONValue {
  /// An instant as ISO 8601 in UTC (the store's text of it, made by arithmetic), or null for `nil`.
  static func time(_ instant: Instant?) -> JSONValue { instant.map(\.json) ?? .null }
}
