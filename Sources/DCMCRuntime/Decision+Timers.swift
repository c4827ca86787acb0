import DCMCBundle
import DCMCCalendar

extension Decision {
  /// Fires every timer due at or before `now`, earliest first, so a late tick replays in
  /// order what should have happened. Each event is stamped with the tick's instant and
  /// `timer.fired` names the due time it was for; the deadlines its actions make count from
  /// that due time (`plannedAt`). A timer's actions can make new timers (an escalation task's
  /// OLA); those fire too when they are due by now.
  mutating func fireTimers() throws(Refusal) {
    defer { plannedAt = now }
    // Each timer fires once and most create none, so this ends; the bound only guards
    // against a definition that keeps making due timers.
    for _ in 0..<10_000 {
      guard let timer = state.timers.first, Deadline.isReached(timer.due, at: now) else { return }
      plannedAt = timer.due
      emit(.timerFired(timer))
      switch timer.kind {
      case .olaWarning, .olaBreach:
        guard let task = state.tasks.first(where: { $0.number == timer.task }) else { continue }
        let ola = try definition(of: task).ola
        let isBreach = timer.kind == .olaBreach
        notify(isBreach ? .olaBreached : .olaAtRisk, task: task.number)
        try run(
          isBreach ? ola?.onBreach ?? [] : ola?.onWarn ?? [], on: [task],
          event: isBreach ? .olaBreached : .olaAtRisk)
      case .slaWarning, .slaBreach:
        let isBreach = timer.kind == .slaBreach
        notify(isBreach ? .slaBreached : .slaAtRisk, task: nil)
        try run(
          isBreach ? caseType.sla?.onBreach ?? [] : caseType.sla?.onWarn ?? [], on: nil,
          event: isBreach ? .slaBreached : .slaAtRisk)
      case .tierExpansion:
        try expandTier(timer.task ?? 0)
      case .taskReturn:
        try bringBack(timer.task ?? 0)
      case .offerTimeout:
        withdrawOffer(timer.task ?? 0)
      case .declineEnd:
        break  // `timer.fired` ends the declines (`CaseState.evolve`); the application offers the task
      }
      try advanceIfStageDone()
      refreshStatus()
    }
  }

  /// Carries out breach or warning actions, on one task (an OLA's) or on the case (the
  /// SLA's: priority on the case and its active tasks, the rest on each active task).
  /// A `notify` action's message goes to `to:` when given, else to the supervisors of the
  /// tasks' targets, by email, as the timer's `event`.
  private mutating func run(
    _ actions: [BundleAction], on tasks: [TaskState]?, event: BundleNotification.Event
  ) throws(Refusal) {
    for action in actions {
      let targets = (tasks ?? state.activeTasks).compactMap { task in
        state.tasks.first { $0.number == task.number && $0.status.isActive }
      }
      switch action.action {
      case .escalate:
        for task in targets {
          if task.status == .working {
            emit(.escalationDeferred(task: task.number))
          } else if task.level < caseType.escalation.count {
            try escalate(task, outcome: nil, byTimer: true)
          }
        }
      case .raisePriority:
        // A priority at 100 already (a second breach after `case set --sla`) changes nothing:
        // no event says it did.
        let amount = action.amount ?? 0
        if tasks == nil, min(100, state.priority + amount) != state.priority {
          emit(.priorityChanged(min(100, state.priority + amount)))
        }
        for task in targets where min(100, task.priority + amount) != task.priority {
          emit(.taskPriorityChanged(task: task.number, priority: min(100, task.priority + amount)))
        }
      case .reassign:
        guard let target = action.target else { continue }
        for task in targets where task.status != .working && task.target != target {
          emit(.taskReassigned(task: task.number, target: target))
        }
      case .notify:
        guard let template = action.template else { continue }
        let task = targets.first
        let recipients =
          action.to.map { to in [Self.render(to) { variable($0, task: task?.number) }] }
          ?? Array(Set(targets.flatMap { definitions.workgroup($0.target)?.supervisors ?? [] })).sorted()
        for recipient in recipients where !recipient.isEmpty {
          queue(template: template, event: event.rawValue, channel: "email", to: recipient, task: task?.number)
        }
      }
    }
  }

  /// Opens the next, wider skills tier of a task still unassigned.
  private mutating func expandTier(_ number: Int) throws(Refusal) {
    guard let task = state.tasks.first(where: { $0.number == number }),
      let distribution = try definition(of: task).distribution
    else { return }
    let tier = min(task.tier + 1, distribution.tiers.count - 1)
    let next = tier + 1 < distribution.tiers.count ? try due(distribution.expandAfter, from: plannedAt) : nil
    emit(.tierExpanded(task: number, tier: tier, nextAt: next))
  }

  /// Refuses `user` a task offered to a higher skills tier than theirs for now.
  func requireTier(_ task: TaskState, for user: String) throws(Refusal) {
    guard try mayPull(task, user: user) else {
      throw Refusal(.forbidden, "task '\(task.id)' is offered to a higher skills tier than '\(user)''s for now")
    }
  }

  /// Whether `user`'s proficiency in the task's skill (the one a creation rule recorded on
  /// the case, else the distribution's) reaches the tier offered now (that the user is a
  /// member of its target is the application's to check).
  func mayPull(_ task: TaskState, user: String) throws(Refusal) -> Bool {
    guard let distribution = try definition(of: task).distribution,
      distribution.tiers.indices.contains(task.tier)
    else { return true }
    let level =
      definitions.workgroup(task.target)?.members.first { $0.user == user }?.skills
      .first { $0.skill == (state.skill ?? distribution.skill) }?.level ?? 0
    return level >= distribution.tiers[task.tier]
  }
}
