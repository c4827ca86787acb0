import DCMCBundle

extension Decision {
  /// Completes a task with an outcome (a wrap-up code) and carries out its actions, in this
  /// order: a form's data merged, `set:`, then `close`, or `escalate`, or `start` (with
  /// `assign`), `stage` and `pend`. A form's data records what it changes: the values it
  /// sets (`case.fields_set`), and the fields it empties that had a value, each with the value
  /// it had (`case.updated`, as `case update` records a change, without reclassifying, as a
  /// value set by a form never does); a value given as the case has it records nothing.
  mutating func complete(_ task: TaskState, outcome code: String, data: [String: String]) throws(Refusal) {
    try requireActive(task)
    let definition = try definition(of: task)
    guard let outcome = definition.outcomes.first(where: { $0.code == code }) else {
      let codes = definition.outcomes.map(\.code).joined(separator: ", ")
      throw Refusal(.notFound, "task '\(task.definition)' has no outcome '\(code)'; its outcomes are: \(codes)")
    }
    let formChanges = try checkForm(data, of: definition)
    if outcome.escalate {
      try escalate(task, outcome: code)
    } else {
      emit(.taskCompleted(task: task.number, outcome: code))
    }
    let set = formChanges.compactMapValues(\.after)
    if !set.isEmpty { emit(.fieldsSet(set)) }
    let cleared = formChanges.filter { $0.value.after == nil }
    if !cleared.isEmpty { emit(.updated(CaseUpdate(fields: cleared))) }
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

  /// What a form task's submitted data changes in the case (`changes`), checked against its
  /// fields (every problem listed): a required field of the form not given or blank, and a
  /// field the case type requires given blank (a value the case must have is not cleared),
  /// are refused. Data given to a task that is not a form is refused.
  private func checkForm(_ data: [String: String], of task: BundleTask) throws(Refusal)
    -> [String: CaseUpdate.Change<String?>]
  {
    guard task.kind == .form else {
      guard data.isEmpty else {
        throw Refusal(.invalidInput, "task '\(task.id)' is not a form and takes no --data")
      }
      return [:]
    }
    var required = task.fields.filter { $0.required && RuntimeDefinitions.isBlank(data[$0.id] ?? "") }.map(\.id)
    required += requiredCleared(data).filter { id in !required.contains(id) && task.fields.contains { $0.id == id } }
    var problems = required.map { "'\($0)' is required" }
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
    return changes(data)
  }
}
