public import DCMCCalendar
public import DCMCRuntime

/// Where an active task stands in the order every list of a workbin's tasks follows
/// (`CaseService.tasks`, the supervisor's board): the tasks not scheduled by urgency
/// (`Urgency`: priority, OLA due, age, id), then the scheduled ones by the end of their
/// schedule, then id. No two tasks share one, so a page that starts after one neither repeats
/// nor skips a task that stayed where it was, as a page of cases does (`CasePosition`).
public struct TaskPosition: Sendable, Hashable, Comparable {
  /// When the task's schedule ends; `nil` for a task not scheduled.
  public var scheduledUntil: Instant?
  public var urgency: Urgency

  public init(_ task: TaskState) {
    scheduledUntil = task.scheduledUntil
    urgency = task.urgency
  }

  private init(scheduledUntil: Instant?, urgency: Urgency) {
    self.scheduledUntil = scheduledUntil
    self.urgency = urgency
  }

  public static func < (a: TaskPosition, b: TaskPosition) -> Bool {
    switch (a.scheduledUntil, b.scheduledUntil) {
    case (nil, nil): a.urgency < b.urgency
    case (nil, .some): true
    case (.some, nil): false
    case (let x?, let y?): (x, a.urgency.task) < (y, b.urgency.task)
    }
  }

  /// The cursor of a page that starts after this task: `p`, the priority, the OLA due second
  /// (`-` for none), then its creation and id as a case's cursor writes them
  /// (`p50.1772445600.1772438400.5445432d...`); a scheduled task's `s`, the second its
  /// schedule ends, then the same (its priority and OLA do not order it). Nothing to escape in
  /// a URL.
  public var cursor: String {
    let tail = CasePosition(createdAt: urgency.createdAt, id: urgency.task).cursor
    if let until = scheduledUntil { return "s\(until.secondsSinceEpoch).\(tail)" }
    return "p\(urgency.priority).\(urgency.olaDue.map { String($0.secondsSinceEpoch) } ?? "-").\(tail)"
  }

  /// The position a `cursor` names; `nil` when the text is not one.
  public init?(cursor: String) {
    guard cursor.utf8.count <= CasePosition.maximumCursorLength + 48, let kind = cursor.first, kind == "s" || kind == "p"
    else { return nil }
    let parts = cursor.dropFirst().split(separator: ".", maxSplits: kind == "s" ? 1 : 2, omittingEmptySubsequences: false)
    guard parts.count == (kind == "s" ? 2 : 3), let tail = parts.last, let position = CasePosition(cursor: String(tail))
    else { return nil }
    func instant(_ text: Substring) -> Instant? {
      Int(text).map { Instant(secondsSinceEpoch: $0) }.flatMap { Instant.supported.contains($0) ? $0 : nil }
    }
    if kind == "s" {
      guard let until = instant(parts[0]) else { return nil }
      self.init(
        scheduledUntil: until, urgency: Urgency(priority: 0, olaDue: nil, createdAt: position.createdAt, task: position.id))
      return
    }
    guard let priority = Int(parts[0]) else { return nil }
    let due = parts[1] == "-" ? nil : instant(parts[1])
    guard parts[1] == "-" || due != nil else { return nil }
    self.init(
      scheduledUntil: nil,
      urgency: Urgency(priority: priority, olaDue: due, createdAt: position.createdAt, task: position.id))
  }
}
