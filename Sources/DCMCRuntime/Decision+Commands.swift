import DCMCBundle
import DCMCCalendar

extension Decision {
  /// Decides a command on an existing case. Permissions are those of SPEC section 4:
  /// members (and supervisors) of a task's target pull, claim, open, release, complete and
  /// escalate its tasks; supervisors also assign them, move them and change priority and OLA.
  mutating func apply(_ command: Command) throws(Refusal) {
    switch command {
    case .create:
      throw Refusal(.wrongState, "case '\(state.id)' exists already")
    case .tick:
      try fireTimers(until: now)
    case .markDelivered(let id):
      guard let entry = state.outbox.first(where: { $0.notification.id == id }) else {
        throw Refusal(.notFound, "case '\(state.id)' has no notification '\(id)'")
      }
      guard !entry.delivered else { throw Refusal(.wrongState, "notification '\(id)' is delivered already") }
      emit(.notificationDelivered(id: id))
    case .claim(let id):
      let task = try task(id)
      try requireActive(task)
      try requireMember(of: task.target, to: "claim its tasks")
      guard task.status == .queued else { throw heldRefusal(task) }
      guard try mayPull(task, user: user) else {
        throw Refusal(.forbidden, "task '\(task.id)' is offered to a higher skills tier than '\(user)''s for now")
      }
      assign(task.number, to: user)
    case .assign(let id, let assignee):
      let task = try task(id)
      try requireActive(task)
      try requireSupervisor(of: task.target, to: "assign its tasks")
      guard definitions.isMember(assignee, of: task.target) else {
        throw Refusal(.notFound, "'\(assignee)' is not a member of '\(task.target)'")
      }
      guard task.status != .working || task.assignee == assignee else { throw heldRefusal(task) }
      assign(task.number, to: assignee)
    case .open(let id):
      let task = try task(id)
      try requireActive(task)
      try requireHolder(task, to: "open")
      guard task.status == .assigned else { throw Refusal(.wrongState, "task '\(task.id)' is open already") }
      emit(.taskOpened(task: task.number))
    case .release(let id):
      let task = try task(id)
      try requireActive(task)
      guard task.assignee == user || definitions.isSupervisor(user, of: task.target) else {
        throw Refusal(.forbidden, "task '\(task.id)' is not '\(user)''s to release")
      }
      guard task.status != .queued else { throw Refusal(.wrongState, "task '\(task.id)' is not assigned") }
      emit(.taskReleased(task: task.number))
      // The OLA expired while the task was open: it escalates now that it is released.
      if task.escalationDeferred { try escalate(state.tasks.first { $0.number == task.number } ?? task, outcome: nil) }
    case .complete(let id, let outcome, let data):
      try complete(try task(id), outcome: outcome, data: data)
    case .escalate(let id):
      let task = try task(id)
      try requireActive(task)
      guard task.assignee == user || definitions.isMember(user, of: task.target) else {
        throw Refusal(.forbidden, "'\(user)' is not a member of '\(task.target)' and may not escalate its tasks")
      }
      try escalate(task, outcome: nil)
    case .reassign(let id, let target):
      let task = try task(id)
      try requireActive(task)
      try requireSupervisor(of: task.target, to: "move its tasks")
      guard definitions.workgroup(target) != nil else { throw Refusal(.notFound, "unknown target '\(target)'") }
      guard task.status != .working else { throw heldRefusal(task) }
      emit(.taskReassigned(task: task.number, target: target))
    case .setPriority(let id, let priority):
      let task = try task(id)
      try requireActive(task)
      try requireSupervisor(of: task.target, to: "change the priority of its tasks")
      guard (0...100).contains(priority) else {
        throw Refusal(.invalidInput, "priority \(priority) is not in 0...100")
      }
      emit(.taskPriorityChanged(task: task.number, priority: priority))
    case .setOLA(let id, let days, let seconds):
      let task = try task(id)
      try requireActive(task)
      try requireSupervisor(of: task.target, to: "change the OLA of its tasks")
      let ola = try definition(of: task).ola
      let calendar = ola?.within.calendar ?? caseType.calendar
      let total = days * (definitions.calendar(calendar)?.dayLength ?? 86_400) + seconds
      guard total > 0 else { throw Refusal(.invalidInput, "an OLA must be positive") }
      let duration = BundleDuration(minutes: total / 60, seconds: total % 60, calendar: calendar, text: "")
      emit(
        .taskOLAChanged(
          task: task.number, due: try due(duration, from: task.createdAt),
          warnAt: try warning(ola?.warnPercent, of: duration, from: task.createdAt)))
    case .cancel:
      try requireOpenCase()
      try requireCaseSupervisor(to: "cancel the case")
      cancelActiveTasks()
      emit(.cancelled)
      notify(.caseStatusChanged, task: nil)
    case .pend:
      try requireOpenCase()
      guard state.pendingSince == nil else { throw Refusal(.wrongState, "case '\(state.id)' is pending already") }
      try requireCaseMember(to: "put the case on hold")
      emit(.pended(pausesSLA: caseType.sla?.pauseWhenPending ?? false))
    case .resume:
      try requireOpenCase()
      guard let since = state.pendingSince else { throw Refusal(.wrongState, "case '\(state.id)' is not pending") }
      try requireCaseMember(to: "resume the case")
      emit(
        .resumed(
          slaDue: try movedByPause(state.slaDue, since: since), slaWarnAt: try movedByPause(state.slaWarnAt, since: since)
        ))
    case .attach(let attachment):
      try requireOpenCase()
      try requireCaseMember(to: "attach files to the case")
      emit(.attachmentAdded(attachment))
    case .link(let interaction):
      try requireCaseMember(to: "link interactions to the case")
      emit(.interactionLinked(interaction))
    }
    try advanceIfStageDone()
    refreshStatus()
  }

  /// An SLA instant after a pause from `since` to now: moved by the business time the case
  /// spent pending, when the SLA pauses while pending (an instant already past stays).
  func movedByPause(_ instant: Instant?, since: Instant) throws(Refusal) -> Instant? {
    guard let due = instant, state.slaPaused, let sla = caseType.sla,
      let calendar = definitions.calendar(sla.within.calendar)
    else { return instant }
    do throws(CalendarError) {
      let left = try calendar.businessSeconds(from: since, to: due)
      return left > 0 ? try calendar.due(from: now, adding: left) : due
    } catch {
      throw Refusal(.invalidInput, "the SLA's due time cannot be moved: \(error)")
    }
  }

  func heldRefusal(_ task: TaskState) -> Refusal {
    Refusal(.wrongState, "task '\(task.id)' is \(task.status.rawValue) by '\(task.assignee ?? "nobody")'")
  }

  /// The task must be the acting user's (assigned to them, or open by them).
  func requireHolder(_ task: TaskState, to action: String) throws(Refusal) {
    guard task.assignee == user else {
      throw Refusal(
        .forbidden,
        task.assignee.map { "task '\(task.id)' is assigned to '\($0)', not '\(user)'" }
          ?? "task '\(task.id)' is not assigned; claim it before you \(action) it")
    }
  }

  /// A member of a target of one of the case's tasks.
  func requireCaseMember(to action: String) throws(Refusal) {
    guard state.tasks.contains(where: { definitions.isMember(user, of: $0.target) }) else {
      throw Refusal(.forbidden, "'\(user)' works on none of the case's targets and may not \(action)")
    }
  }

  func requireCaseSupervisor(to action: String) throws(Refusal) {
    guard state.tasks.contains(where: { definitions.isSupervisor(user, of: $0.target) }) else {
      throw Refusal(.forbidden, "'\(user)' supervises none of the case's targets and may not \(action)")
    }
  }
}
