import DCMCBundle

extension Decision {
  /// Enters a stage and creates its start tasks; `nil` (after the last stage) closes the
  /// case as `completed`.
  mutating func enterStage(_ id: String?) throws(Refusal) {
    guard let id else {
      close(resolution: "completed")
      return
    }
    guard let stage = caseType.stages.first(where: { $0.id == id }) else {
      throw Refusal(.notFound, "case type '\(caseType.id)' has no stage '\(id)'")
    }
    emit(.stageEntered(stage: id))
    let starts = stage.startTasks.isEmpty ? Array(stage.tasks.prefix(1).map(\.id)) : stage.startTasks
    for task in starts { try createTask(task) }
  }

  /// Creates a task: in `target` when given (an escalation level's), else in the workgroup
  /// a creation rule chose while the case is created, else in the first target whose
  /// condition holds; with its OLA's due time; assigned at once to `assignee`.
  /// An escalation task counts as a task of the stage the case is in, so the stage waits
  /// for it.
  @discardableResult
  mutating func createTask(
    _ id: String, target: String? = nil, level: Int = 0, escalatedFrom: Int? = nil, assignee: String? = nil
  ) throws(Refusal) -> Int {
    guard let definition = caseType.task(id) else {
      throw Refusal(.notFound, "case type '\(caseType.id)' has no task '\(id)'")
    }
    guard let target = target ?? ruleTarget ?? resolveTarget(definition) else {
      throw Refusal(.notFound, "no target of task '\(id)' applies to this case")
    }
    let stage =
      level > 0
      ? state.stage ?? "" : caseType.stages.first { $0.tasks.contains { $0.id == id } }?.id ?? ""
    let number = (state.tasks.map(\.number).max() ?? 0) + 1
    let olaDue = try definition.ola.map { ola throws(Refusal) in try due(ola.within, from: plannedAt) }
    let olaWarnAt = try definition.ola.flatMap { ola throws(Refusal) in
      try warning(ola.warnPercent, of: ola.within, from: plannedAt)
    }
    let nextTierAt = try definition.distribution.flatMap { distribution throws(Refusal) in
      distribution.tiers.count > 1 ? try due(distribution.expandAfter, from: plannedAt) : nil
    }
    emit(
      .taskCreated(
        TaskCreated(
          number: number, definition: id, name: definition.name, stage: stage, target: target,
          priority: definition.priority ?? state.priority, olaDue: olaDue, olaWarnAt: olaWarnAt,
          nextTierAt: nextTierAt, level: level, escalatedFrom: escalatedFrom)))
    notify(.taskCreated, task: number)
    if let assignee {
      guard definitions.isMember(assignee, of: target) else {
        throw Refusal(.notFound, "'\(assignee)' is not a member of '\(target)', where task '\(id)' goes")
      }
      assign(number, to: assignee)
    }
    return number
  }

  func resolveTarget(_ task: BundleTask) -> String? {
    task.target.first { choice in choice.when.map { holds($0.expression) } ?? true }?.to
  }

  mutating func assign(_ task: Int, to user: String) {
    emit(.taskAssigned(task: task, to: user))
    notify(.taskAssigned, task: task)
  }

  /// Ends a task as escalated and creates the escalation task of the next level in its
  /// target. A task of the last declared level cannot escalate again. `byTimer`: a timer's
  /// actions escalate it, not the user whose command or tick records it.
  mutating func escalate(_ task: TaskState, outcome: String?, byTimer: Bool = false) throws(Refusal) {
    let levels = caseType.escalation
    guard !levels.isEmpty else {
      throw Refusal(.wrongState, "case type '\(caseType.id)' declares no escalation")
    }
    guard task.level < levels.count else {
      throw Refusal(
        .wrongState,
        "task '\(task.id)' is at the last escalation level (\(levels.count)) and cannot be escalated again")
    }
    let next = levels[task.level]
    emit(.taskEscalated(task: task.number, outcome: outcome, byTimer: byTimer))
    notify(.taskEscalated, task: task.number)
    try createTask(next.task, target: next.target, level: task.level + 1, escalatedFrom: task.number)
  }

  /// The user who handled the flow's task that an escalation started from: the one `assign:
  /// original` sends work back to.
  func originalHandler(of task: TaskState) -> String? {
    var current = task
    while let from = current.escalatedFrom, let previous = state.tasks.first(where: { $0.number == from }) {
      current = previous
    }
    return current.number == task.number ? nil : current.handledBy
  }

  /// Closes the case: its active tasks are cancelled first.
  mutating func close(resolution: String) {
    cancelActiveTasks()
    emit(.closed(resolution: resolution))
    notify(.caseClosed, task: nil)
  }

  mutating func cancelActiveTasks() {
    for task in state.activeTasks { emit(.taskCancelled(task: task.number)) }
  }

  /// When no task of the current stage is active, the case enters the next stage (or closes
  /// as `completed` after the last).
  mutating func advanceIfStageDone() throws(Refusal) {
    guard !state.isFinished, let current = state.stage else { return }
    guard !state.tasks.contains(where: { $0.stage == current && $0.status.isActive }) else { return }
    let stages = caseType.stages.map(\.id)
    guard let index = stages.firstIndex(of: current) else { return }
    try enterStage(index + 1 < stages.count ? stages[index + 1] : nil)
  }
}
