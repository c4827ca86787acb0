import DCMCBundle
import DCMCModel
import DCMCRuntime

extension ScenarioRun {
  /// Carries out an acting step as its `as:` user, by default the first member of the
  /// task's target. `complete` claims and opens the task first when it is not yet the user's.
  mutating func act(_ step: ScenarioStep) -> Result<Void, Refusal> {
    let task = step.task.flatMap { id in state?.tasks.last { $0.definition == id.value } }
    if step.task != nil, task == nil, step.action.value != .create {
      return .failure(Refusal(.notFound, "the case has no task '\(step.task!.value)' yet"))
    }
    let user = step.actor?.value ?? defaultUser(for: task)
    let fields = Dictionary(step.fields.map { ($0.field.value, $0.value.value) }) { _, last in last }
    switch step.action.value {
    case .create:
      return apply(.create(type: scenario.caseType.value, fields: fields, customer: nil, sequence: 1), as: user)
    case .claim: return apply(.claim(task: task!.id), as: user)
    case .open: return apply(.open(task: task!.id), as: user)
    case .release: return apply(.release(task: task!.id), as: user)
    case .escalate: return apply(.escalate(task: task!.id), as: user)
    case .assign: return apply(.assign(task: task!.id, to: step.user?.value ?? ""), as: user)
    case .reassign: return apply(.reassign(task: task!.id, target: step.target?.value ?? ""), as: user)
    case .pend: return apply(.pend, as: user)
    case .resume: return apply(.resume, as: user)
    case .complete:
      // Claiming, opening and completing are one step: a refusal of any leaves nothing done.
      let (savedState, savedOutbox) = (state, outbox)
      let task = task!
      var result: Result<Void, Refusal> = .success(())
      if task.status == .queued { result = apply(.claim(task: task.id), as: user) }
      if case .success = result, state?.task(task.id)?.status == .assigned, state?.task(task.id)?.assignee == user {
        result = apply(.open(task: task.id), as: user)
      }
      if case .success = result {
        result = apply(.complete(task: task.id, outcome: step.outcome?.value ?? "", data: fields), as: user)
      }
      if case .failure = result { (state, outbox) = (savedState, savedOutbox) }
      return result
    case .advance, .at, .expect, .expectNotification, .expectError:
      preconditionFailure("not an acting step")
    }
  }

  /// The first member of the task's target; for a case-level step, of the target of the
  /// case's first active task; for `create`, of the first start task's first target.
  func defaultUser(for task: TaskState?) -> String {
    let target =
      task?.target ?? state?.activeTasks.first?.target ?? state?.tasks.first?.target
      ?? caseType?.stages.first.flatMap { stage in
        stage.tasks.first { stage.startTasks.isEmpty || stage.startTasks.contains($0.id) }?.target.first?.to
      }
    return target.flatMap { engine.definitions.workgroup($0)?.members.first?.user } ?? ""
  }

  mutating func expectError(_ step: ScenarioStep) {
    guard let refused = step.refused.first else { return }
    let before = state
    switch act(refused) {
    case .success:
      fail(step, expected: "the step to be refused", found: "it succeeded")
      stopped = true
    case .failure(let refusal):
      if let reason = step.reason?.value, !refusal.description.contains(reason) {
        fail(step, expected: "a refusal mentioning '\(reason)'", found: "'\(refusal)'")
      }
      if state != before {
        fail(step, expected: "the case unchanged", found: "a changed case")
      }
    }
  }
}
