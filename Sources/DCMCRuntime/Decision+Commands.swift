import DCMCBundle
import DCMCCalendar

extension Decision {
  /// Decides a command on an existing case. Who may give it was checked before (the
  /// application's `Permissions`); the skills tier a task is offered to is the engine's.
  mutating func apply(_ command: Command) throws(Refusal) {
    switch command {
    case .create:
      throw Refusal(.wrongState, "case '\(state.id)' exists already")
    case .tick:
      try fireTimers()
    case .markDelivered(let id):
      guard let entry = state.outbox.first(where: { $0.notification.id == id }) else {
        throw Refusal(.notFound, "case '\(state.id)' has no notification '\(id)'")
      }
      guard !entry.delivered else { throw Refusal(.wrongState, "notification '\(id)' is delivered already") }
      emit(.notificationDelivered(id: id))
    case .claim(let id):
      let task = try task(id)
      try requireActive(task)
      try requireNotScheduled(task)
      guard task.status == .queued else { throw heldRefusal(task) }
      try requireTier(task, for: user)
      assign(task.number, to: user)
    case .assign(let id, let assignee):
      let task = try task(id)
      try requireActive(task)
      try requireNotScheduled(task)
      guard definitions.isMember(assignee, of: task.target) else {
        throw Refusal(.notFound, "'\(assignee)' is not a member of '\(task.target)'")
      }
      guard task.status != .working || task.assignee == assignee else { throw heldRefusal(task) }
      // The user who has the task in hand (assigned or working on it), given again, is no
      // change: nothing is emitted (and nobody is told again), and an open task stays open.
      guard !task.isInHand || task.assignee != assignee else { break }
      assign(task.number, to: assignee)
    case .open(let id):
      let task = try task(id)
      try requireActive(task)
      try requireNotScheduled(task)
      guard task.status == .assigned else {
        throw task.offer != nil ? heldRefusal(task) : Refusal(.wrongState, "task '\(task.id)' is open already")
      }
      emit(.taskOpened(task: task.number))
    case .release(let id):
      let task = try task(id)
      try requireActive(task)
      guard task.status != .queued, task.status != .scheduled, task.status != .offered else {
        throw Refusal(.wrongState, "task '\(task.id)' is not assigned")
      }
      guard task.escalationDeferred else {
        emit(.taskReleased(task: task.number))
        break
      }
      // The OLA expired while the task was open: it escalates now that it is released, as the
      // breach's escalation (the system's, as the tick's would have been), from the hands of
      // its assignee: not put back in the queue first, it ends held by them, as any
      // escalated task does (`assign: original` reads who handled it).
      try asSystem { decision throws(Refusal) in
        try decision.escalate(task, outcome: nil, byTimer: true)
        decision.refreshStatus()
      }
    case .complete(let id, let outcome, let data):
      try complete(try task(id), outcome: outcome, data: data)
    case .escalate(let id):
      let task = try task(id)
      try requireActive(task)
      try escalate(task, outcome: nil)
    case .reassign(let id, let target):
      let task = try task(id)
      try requireActive(task)
      guard definitions.workgroup(target) != nil else { throw Refusal(.notFound, "unknown target '\(target)'") }
      // The workbin the task is in, given again, is no change: nothing is emitted, and the
      // task keeps its assignee or offer (a move puts it back in the queue).
      guard task.target != target else { break }
      guard task.status != .working else { throw heldRefusal(task) }
      emit(.taskReassigned(task: task.number, target: target))
    case .setPriority(let id, let priority):
      let task = try task(id)
      try requireActive(task)
      guard (0...100).contains(priority) else {
        throw Refusal(.invalidInput, "priority \(priority) is not in 0...100")
      }
      // The priority the task has, given again, is no change: nothing is emitted.
      guard priority != task.priority else { break }
      emit(.taskPriorityChanged(task: task.number, priority: priority))
    case .setOLA(let id, let days, let seconds):
      let task = try task(id)
      try requireActive(task)
      // Its OLA clock stands still until it returns: a new plan then, from the return.
      try requireNotScheduled(task)
      let ola = try definition(of: task).ola
      let duration = try span(
        days: days, seconds: seconds, on: ola?.within.calendar ?? caseType.calendar, of: "an OLA", from: now)
      // A new plan from now: it replaces the task's warning and breach, and since both fall
      // after now, a warning or breach of the old plan that fired (and was handled) does not
      // fire again, and nothing the firing set (a priority) is touched. The plan the task has
      // already (the same OLA given again at the same instant, or while its calendar is closed)
      // is no change: nothing is emitted, and a warning or breach of it that fired stays fired.
      let due = try self.due(duration, from: now)
      let warnAt = try warning(ola?.warnPercent, of: duration, from: now)
      guard due != task.olaDue || warnAt != task.olaWarnAt else { break }
      emit(.taskOLAChanged(task: task.number, due: due, warnAt: warnAt))
    case .setSLA(let days, let seconds):
      try setSLA(days: days, seconds: seconds)
    case .offer(let id, let user):
      try offer(try task(id), to: user)
    case .acceptOffer(let id):
      try acceptOffer(try task(id))
    case .declineOffer(let id, let reason):
      try declineOffer(try task(id), reason: reason)
    case .withdrawOffer(let id, let user, let reason):
      try withdrawOffer(try task(id), from: user, reason: reason)
    case .reschedule(let id, let until):
      try reschedule(try task(id), until: until)
    case .update(let values):
      try update(values)
    case .cancel:
      try requireOpenCase()
      cancelActiveTasks()
      emit(.cancelled)
      notify(.caseStatusChanged, task: nil)
    case .pend:
      try requireOpenCase()
      guard state.pendingSince == nil else { throw Refusal(.wrongState, "case '\(state.id)' is pending already") }
      emit(.pended(pausesSLA: caseType.sla?.pauseWhenPending ?? false))
    case .resume:
      try requireOpenCase()
      guard let since = state.pendingSince else { throw Refusal(.wrongState, "case '\(state.id)' is not pending") }
      emit(
        .resumed(
          slaDue: try movedByPause(state.slaDue, since: since), slaWarnAt: try movedByPause(state.slaWarnAt, since: since)
        ))
    case .attach(let attachment):
      try requireOpenCase()
      emit(.attachmentAdded(attachment))
    case .link(let interaction):
      emit(.interactionLinked(interaction))
    case .linkCustomer(let customer):
      if let linked = state.customer {
        throw Refusal(.wrongState, "case '\(state.id)' is linked to customer '\(linked)' already")
      }
      emit(.customerLinked(customer))
    case .moveCustomer(let from, let to):
      // Closed and cancelled cases move too: the kept record's list holds them all.
      if state.customer == from, from != to { emit(.customerMoved(from: from, to: to)) }
    }
    try advanceIfStageDone()
    refreshStatus()
  }

  /// An SLA instant after a pause from `since` to now (`RuntimeDefinitions.movedByPause`).
  func movedByPause(_ instant: Instant?, since: Instant) throws(Refusal) -> Instant? {
    do throws(CalendarError) {
      return try definitions.movedByPause(instant, of: state, since: since, to: now)
    } catch {
      throw Refusal(.invalidInput, "the SLA's due time cannot be moved: \(error)")
    }
  }

  func heldRefusal(_ task: TaskState) -> Refusal {
    if let offer = task.offer { return Refusal(.wrongState, "task '\(task.id)' is offered to '\(offer.to)'") }
    // Said as a person reads it: "assigned by 'alice'" read as if alice had assigned it.
    let state =
      task.inHand { "'\($0)'" }
      ?? "\(task.status.rawValue)" + (task.assignee.map { ", last held by '\($0)'" } ?? "")
    return Refusal(.wrongState, "task '\(task.id)' is \(state)")
  }
}
