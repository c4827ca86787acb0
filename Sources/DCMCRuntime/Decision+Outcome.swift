import DCMCBundle

extension Decision {
  /// Completes a task with an outcome (a wrap-up code) and carries out its actions, in this
  /// order: a form's data merged, `set:`, then `close`, or `escalate`, or `start` (with
  /// `assign`), `stage` and `pend`.
  mutating func complete(_ task: TaskState, outcome code: String, data: [String: String]) throws(Refusal) {
    try requireActive(task)
    let definition = try definition(of: task)
    guard let outcome = definition.outcomes.first(where: { $0.code == code }) else {
      let codes = definition.outcomes.map(\.code).joined(separator: ", ")
      throw Refusal(.notFound, "task '\(task.definition)' has no outcome '\(code)'; its outcomes are: \(codes)")
    }
    let formData = try checkForm(data, of: definition)
    if outcome.escalate {
      try escalate(task, outcome: code)
    } else {
      emit(.taskCompleted(task: task.number, outcome: code))
    }
    if !formData.isEmpty { emit(.fieldsSet(formData)) }
    if !outcome.set.isEmpty {
      emit(.fieldsSet(Dictionary(outcome.set.map { ($0.field, $0.value) }) { _, last in last }))
    }
    if let resolution = outcome.close {
      close(resolution: resolution)
      return
    }
    let completed = state.tasks.first { $0.number == task.number } ?? task
    for start in outcome.start {
      let assignee: String? =
        switch outcome.assign {
        case nil: nil
        case "original": originalHandler(of: completed)
        case let user?: user
        }
      try createTask(start, assignee: assignee)
    }
    if let stage = outcome.stage {
      cancelActiveTasks()
      try enterStage(stage)
    }
    if outcome.pend, state.pendingSince == nil { emit(.pended(pausesSLA: caseType.sla?.pauseWhenPending ?? false)) }
  }

  /// A form task's submitted data, checked against its fields (every problem listed);
  /// data given to a task that is not a form is refused.
  private func checkForm(_ data: [String: String], of task: BundleTask) throws(Refusal) -> [String: String] {
    guard task.kind == .form else {
      guard data.isEmpty else {
        throw Refusal(.invalidInput, "task '\(task.id)' is not a form and takes no --data")
      }
      return [:]
    }
    var problems: [String] = []
    for field in task.fields where field.required && RuntimeDefinitions.isBlank(data[field.id] ?? "") {
      problems.append("'\(field.id)' is required")
    }
    for (id, text) in data.sorted(by: { $0.key < $1.key }) {
      guard let field = task.fields.first(where: { $0.id == id }) else {
        problems.append("'\(id)' is not a field of form '\(task.id)'")
        continue
      }
      let rule = RuntimeDefinitions.rule(for: field)
      if !text.isEmpty, let problem = rule.type.problem(with: text, pattern: rule.pattern) {
        problems.append("'\(id)' \(problem)")
      }
    }
    guard problems.isEmpty else {
      throw Refusal(.invalidInput, "the data of form '\(task.id)' is not valid", problems: problems)
    }
    return data.filter { !$0.value.isEmpty }
  }
}
