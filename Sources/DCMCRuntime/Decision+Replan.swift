import DCMCBundle
import DCMCCalendar

extension Decision {
  /// Takes a task out of the queue until `until` (`task reschedule`): a queued or assigned
  /// task (released: it comes back to the queue, not to its advisor), or a scheduled one,
  /// which gets a new return time. A task open by an advisor is theirs to release first.
  mutating func reschedule(_ task: TaskState, until: Instant) throws(Refusal) {
    try requireActive(task)
    guard task.status != .working else { throw heldRefusal(task) }
    guard until > now else {
      throw Refusal(.invalidInput, quoting: "the return time \(until) is not after the command's time \(now)")
    }
    // Its deadlines are moved at its return: a return they cannot be moved to (past 9999) is
    // refused now, not left to fail the tick that brings it back.
    let since = task.status == .scheduled ? task.scheduledSince ?? now : now
    do throws(Refusal) {
      _ = try returned(task, leftAt: since, back: until)
    } catch {
      throw Refusal(.invalidInput, quoting: "task '\(task.id)' cannot return at \(until): \(messageOf: error)")
    }
    emit(.taskRescheduled(task: task.number, until: until))
  }

  /// Brings a scheduled task back to the queue at its return time (`plannedAt`, the due time
  /// of the timer that fires): its OLA's warning and due time and its next skills tier move
  /// by the business time it was away, each on its own calendar, as a pending case's SLA
  /// does (a time already past when the task left stays).
  mutating func bringBack(_ number: Int) throws(Refusal) {
    guard let task = state.tasks.first(where: { $0.number == number }), task.status == .scheduled,
      let since = task.scheduledSince
    else { return }
    let moved = try returned(task, leftAt: since, back: plannedAt)
    emit(.taskReturned(task: number, olaDue: moved.olaDue, olaWarnAt: moved.olaWarnAt, nextTierAt: moved.nextTierAt))
  }

  /// `task`'s OLA warning and due time and next skills tier, moved for a task that left the
  /// queue at `since` and returns at `back`.
  private func returned(_ task: TaskState, leftAt since: Instant, back: Instant) throws(Refusal)
    -> (olaDue: Instant?, olaWarnAt: Instant?, nextTierAt: Instant?)
  {
    let definition = try definition(of: task)
    let olaCalendar = definition.ola?.within.calendar ?? caseType.calendar
    let tierCalendar = definition.distribution?.expandAfter.calendar ?? caseType.calendar
    return (
      try moved(task.olaDue, on: olaCalendar, since: since, back: back),
      try moved(task.olaWarnAt, on: olaCalendar, since: since, back: back),
      try moved(task.nextTierAt, on: tierCalendar, since: since, back: back)
    )
  }

  /// `instant` moved by the business time of `calendar` from `since` to `back`: the time left
  /// at `since` counted again from `back`.
  private func moved(_ instant: Instant?, on calendar: String, since: Instant, back: Instant) throws(Refusal)
    -> Instant?
  {
    guard let instant else { return nil }
    guard let rules = definitions.calendar(calendar) else {
      throw Refusal(.notFound, "calendar '\(calendar)' is not in the bundle")
    }
    do throws(CalendarError) {
      let left = try rules.businessSeconds(from: since, to: instant)
      return left > 0 ? try rules.due(from: back, adding: left) : instant
    } catch {
      throw Refusal(.invalidInput, "the task's deadlines cannot be moved: \(error)")
    }
  }

  /// Refuses a command that needs the task in the queue or in hand while it is scheduled.
  func requireNotScheduled(_ task: TaskState) throws(Refusal) {
    guard task.status == .scheduled else { return }
    throw Refusal(.wrongState, quoting: task.scheduledWords)
  }
}
