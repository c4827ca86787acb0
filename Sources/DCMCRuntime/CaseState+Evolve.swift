import DCMCCalendar

extension CaseState {
  /// The case rebuilt from its history; `nil` for an empty history or one that does not
  /// start with `created`.
  public static func replay(_ events: [CaseEvent]) -> CaseState? {
    guard let first = events.first, case .created(let created) = first.change else { return nil }
    var state = CaseState(created, at: first.at, by: first.by, seq: first.seq)
    for event in events.dropFirst() { state.evolve(event) }
    return state
  }

  init(_ created: CaseCreated, at: Instant, by: String?, seq: Int) {
    id = created.id
    type = created.type
    bundle = created.bundle
    status = .open
    resolution = nil
    priority = created.priority
    fields = created.fields
    createdAt = at
    createdBy = by
    stage = nil
    slaDue = created.slaDue
    slaWarnAt = created.slaWarnAt
    slaWarned = false
    slaBreached = false
    pendingSince = nil
    slaPaused = false
    closedAt = nil
    tasks = []
    outbox = []
    attachments = []
    interactions = []
    version = seq
    updatedAt = at
    customer = created.customer
    identification = created.identification
    channel = created.channel
    skill = created.skill
    statusSince = at
  }

  /// Applies one event. Events after the first are facts already decided: applying one
  /// never fails and never decides anything. The case and each task whose status the event
  /// changes (or that it creates) are in that status since the event.
  public mutating func evolve(_ event: CaseEvent) {
    let before = self
    apply(event)
    if status != before.status { statusSince = event.at }
    for index in tasks.indices where tasks[index].status != before.task(tasks[index].id)?.status {
      tasks[index].statusSince = event.at
    }
  }

  private mutating func apply(_ event: CaseEvent) {
    version = event.seq
    // Histories written before fired timers were stamped with the tick's instant have them
    // at their due time, which may be before the event before: the latest instant stays.
    updatedAt = max(updatedAt ?? event.at, event.at)
    switch event.change {
    case .created(let created):
      self = CaseState(created, at: event.at, by: event.by, seq: event.seq)
    case .stageEntered(let stage):
      self.stage = stage
    case .taskCreated(let created):
      tasks.append(
        TaskState(
          id: TaskState.id(case: id, number: created.number), number: created.number,
          definition: created.definition, name: created.name, stage: created.stage, status: .queued,
          target: created.target, assignee: nil, priority: created.priority, createdAt: event.at,
          olaDue: created.olaDue, olaWarnAt: created.olaWarnAt, olaWarned: false, olaBreached: false,
          escalationDeferred: false, tier: 0, nextTierAt: created.nextTierAt, level: created.level,
          escalatedFrom: created.escalatedFrom, handledBy: nil, outcome: nil, endedAt: nil))
    case .taskAssigned(let number, let user):
      updateTask(number) {
        $0.assign(to: user)
      }
    case .taskOpened(let number):
      updateTask(number) { $0.status = .working }
    case .taskReleased(let number):
      updateTask(number) {
        $0.requeue(at: event.at)
        $0.escalationDeferred = false
      }
    case .taskOffered(let number, let user, let expires):
      updateTask(number) {
        $0.status = .offered
        $0.offer = TaskOffer(to: user, expires: expires)
        $0.declines.removeAll { $0.until <= event.at }
      }
    case .offerAccepted(let number):
      updateTask(number) {
        guard let offer = $0.offer else { return }
        $0.assign(to: offer.to)
      }
    case .offerDeclined(let number, _, let until):
      updateTask(number) {
        guard let offer = $0.offer else { return }
        $0.declines.removeAll { $0.until <= event.at || $0.user == offer.to }
        $0.declines.append(TaskDecline(user: offer.to, until: until))
        $0.requeue(at: event.at)
      }
    case .offerExpired(let number, _), .offerWithdrawn(let number, _, _):
      updateTask(number) { $0.requeue(at: event.at) }
    case .taskCompleted(let number, let outcome):
      updateTask(number) { $0.end(.completed, outcome: outcome, at: event.at) }
    case .taskEscalated(let number, let outcome, _):
      updateTask(number) { $0.end(.escalated, outcome: outcome, at: event.at) }
    case .taskCancelled(let number):
      updateTask(number) { $0.end(.cancelled, outcome: nil, at: event.at) }
    case .taskReassigned(let number, let target):
      updateTask(number) {
        $0.target = target
        // A scheduled task moves workbins and stays away until its return.
        guard $0.status != .scheduled else { return }
        $0.requeue(at: event.at)
      }
    case .taskPriorityChanged(let number, let priority):
      updateTask(number) { $0.priority = priority }
    case .taskOLAChanged(let number, let due, let warnAt):
      updateTask(number) {
        $0.olaDue = due
        $0.olaWarnAt = warnAt
        $0.olaWarned = false
        $0.olaBreached = false
        // The escalation a warning or breach of the old plan deferred until the release goes
        // with it: the new plan's own defers again if it comes while the task is still open.
        $0.escalationDeferred = false
      }
    case .taskRescheduled(let number, let until):
      updateTask(number) {
        // Rescheduled again while away: the OLA clock has stood still since it first left.
        if $0.status != .scheduled { $0.scheduledSince = event.at }
        $0.scheduledUntil = until
        $0.status = .scheduled
        $0.assignee = nil
        $0.offer = nil
      }
    case .taskReturned(let number, let olaDue, let olaWarnAt, let nextTierAt):
      updateTask(number) {
        $0.status = .queued
        $0.queuedSince = event.at
        $0.declines.removeAll { $0.until <= event.at }
        $0.olaDue = olaDue
        $0.olaWarnAt = olaWarnAt
        $0.nextTierAt = nextTierAt
        $0.scheduledSince = nil
        $0.scheduledUntil = nil
      }
    case .updated(let update):
      apply(update)
    case .timerFired(let timer):
      switch timer.kind {
      case .slaWarning: slaWarned = true
      case .slaBreach: slaBreached = true
      case .olaWarning: updateTask(timer.task ?? 0) { $0.olaWarned = true }
      case .olaBreach: updateTask(timer.task ?? 0) { $0.olaBreached = true }
      case .tierExpansion, .taskReturn, .offerTimeout: break
      // The declines ended by the tick's instant go: their users may be offered the task again.
      case .declineEnd: updateTask(timer.task ?? 0) { $0.declines.removeAll { $0.until <= event.at } }
      }
    case .escalationDeferred(let number):
      updateTask(number) { $0.escalationDeferred = true }
    case .tierExpanded(let number, let tier, let nextAt):
      updateTask(number) {
        $0.tier = tier
        $0.nextTierAt = nextAt
      }
    case .priorityChanged(let priority):
      self.priority = priority
    case .fieldsSet(let values):
      fields.merge(values) { $1 }
    case .statusChanged(let status):
      self.status = status
    case .pended(let pausesSLA):
      pendingSince = event.at
      slaPaused = pausesSLA
    case .resumed(let due, let warnAt):
      pendingSince = nil
      slaPaused = false
      slaDue = due
      slaWarnAt = warnAt
    case .slaSet(let sla, let due, let warnAt):
      // A warning or breach of the new plan still ahead of the SLA clock (now, or where it
      // stood when the case went pending) is to fire; one already behind it stays as it was:
      // fired (and handled) under the old plan, or due at the next tick.
      let clock = slaClock(at: event.at)
      self.sla = sla
      slaDue = due
      slaWarnAt = warnAt
      if let due, !Deadline.isReached(due, at: clock) { slaBreached = false }
      if let warnAt, !Deadline.isReached(warnAt, at: clock) { slaWarned = false }
    case .closed(let resolution):
      self.resolution = resolution
      status = .closed
      closedAt = event.at
    case .cancelled:
      status = .cancelled
      closedAt = event.at
    case .notificationQueued(let notification):
      outbox.append(OutboxEntry(notification: notification, delivered: false))
    case .notificationDelivered(let id):
      if let index = outbox.firstIndex(where: { $0.notification.id == id }) { outbox[index].delivered = true }
    case .attachmentAdded(let attachment):
      attachments.append(attachment)
    case .interactionLinked(let interaction):
      interactions.append(interaction)
    case .customerLinked(let customer):
      self.customer = customer
      identification = .linked
    case .customerMoved(_, let to):
      // How the case was identified stays recorded: only the record it is linked to changes.
      customer = to
    }
  }

  private mutating func apply(_ update: CaseUpdate) {
    for (field, change) in update.fields { fields[field] = change.after }
    if let change = update.priority { priority = change.after }
    if let change = update.skill { skill = change.after }
    for task in update.tasks {
      updateTask(task.task) {
        if let change = task.priority { $0.priority = change.after }
        if let change = task.target { $0.target = change.after }
      }
    }
  }

  private mutating func updateTask(_ number: Int, _ change: (inout TaskState) -> Void) {
    guard let index = tasks.firstIndex(where: { $0.number == number }) else { return }
    change(&tasks[index])
  }
}

extension TaskState {
  mutating func end(_ status: TaskStatus, outcome: String?, at: Instant) {
    self.status = status
    self.outcome = outcome
    endedAt = at
    offer = nil
  }

  /// Assigned to `user`, by a claim, an assignment or an accepted offer (which it ends).
  mutating func assign(to user: String) {
    assignee = user
    handledBy = user
    status = .assigned
    offer = nil
  }

  /// Back in the queue, held by nobody and offered to nobody. The declines that ended by
  /// `at` go: they keep nobody out any more, and the offers that follow the change already
  /// count their users in. Kept, each would have a `decline_end` timer due at once, fired by
  /// the next tick for nothing (so it was before 7 December 2026: stop 35). A decline still
  /// running stays, accepted, released or moved meanwhile: its user is offered the task again
  /// when it ends, as before.
  mutating func requeue(at: Instant) {
    assignee = nil
    status = .queued
    offer = nil
    declines.removeAll { $0.until <= at }
  }
}
