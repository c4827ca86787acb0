public import DCMCCalendar

/// How urgent a task in a queue is, in the order of `task next` and of push offers: highest
/// priority first, then the earliest OLA due time (a task without one last), then the oldest,
/// then the smaller task id. `a < b` when `a` is more urgent; no two tasks are equally urgent.
public struct Urgency: Sendable, Hashable, Comparable {
  public var priority: Int
  public var olaDue: Instant?
  public var createdAt: Instant
  /// The task's id (`TEC-000042.3`): the last tie-break.
  public var task: String

  public init(priority: Int, olaDue: Instant?, createdAt: Instant, task: String) {
    self.priority = priority
    self.olaDue = olaDue
    self.createdAt = createdAt
    self.task = task
  }

  public static func < (a: Urgency, b: Urgency) -> Bool {
    if a.priority != b.priority { return a.priority > b.priority }
    switch (a.olaDue, b.olaDue) {
    case (let x?, let y?) where x != y: return x < y
    case (.some, nil): return true
    case (nil, .some): return false
    default: return (a.createdAt, a.task) < (b.createdAt, b.task)
    }
  }
}

extension TaskState {
  /// Where the task stands in its queue.
  public var urgency: Urgency { Urgency(priority: priority, olaDue: olaDue, createdAt: createdAt, task: id) }
}
