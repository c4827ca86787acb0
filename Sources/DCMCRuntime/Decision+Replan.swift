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
      throw Refusal(.invalidInput, "the return time \(until) is not after the command's time \(now)")
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
    let definition = try definition(of: task)
    let olaCalendar = definition.ola?.within.calendar ?? caseType.calendar
    let tierCalendar = definition.distribution?.expandAfter.calendar ?? caseType.calendar
    emit(
      .taskReturned(
        task: number, olaDue: try moved(task.olaDue, on: olaCalendar, since: since),
        olaWarnAt: try moved(task.olaWarnAt, on: olaCalendar, since: since),
        nextTierAt: try moved(task.nextTierAt, on: tierCalendar, since: since)))
  }

  /// `instant` moved by the business time of `calendar` from `since` to `plannedAt`: the time
  /// left at `since` counted again from `plannedAt`.
  private func moved(_ instant: Instant?, on calendar: String, since: Instant) throws(Refusal) -> Instant? {
    guard let instant else { return nil }
    guard let rules = definitions.calendar(calendar) else {
      throw Refusal(.notFound, "calendar '\(calendar)' is not in the bundle")
    }
    do throws(CalendarError) {
      let left = try rules.businessSeconds(from: since, to: instant)
      return left > 0 ? try rules.due(from: plannedAt, adding: left) : instant
    } catch {
      throw Refusal(.invalidInput, "the task's deadlines cannot be moved: \(error)")
    }
  }

  /// Refuses a command that needs the task in the queue or in hand while it is scheduled.
  func requireNotScheduled(_ task: TaskState) throws(Refusal) {
    guard task.status == .scheduled else { return }
    throw Refusal(.wrongState, "task '\(task.id)' is scheduled until \(task.scheduledUntil.map { "\($0)" } ?? "later")")
  }
}
