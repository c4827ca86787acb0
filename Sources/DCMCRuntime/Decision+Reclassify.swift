import DCMCBundle

extension Decision {
  /// What the creation rules give for some form data, read as at creation: the rules in
  /// order, each seeing the `set:` of those before it, a later match winning.
  struct Classification {
    var priority: Int
    /// The workgroup a rule sends the case's tasks to; `nil`: each task's own targets.
    var target: String?
    var skill: String?
    /// The form data as the rules leave it, which a task's conditional targets read.
    var fields: [String: String]
  }

  /// Changes form values (`case update`) and reclassifies the tasks nobody holds (queued or
  /// scheduled) by the creation rules run again: where the rules give another priority,
  /// target or skill for the new values than for the old ones, the case and those tasks take
  /// the new one, so a value the update does not touch (a priority a supervisor or a breach
  /// set) stays. A task in hand keeps its priority, target and assignee; an escalation task
  /// keeps its level's target. The rules' `set:` and `acknowledge` are not carried out again.
  /// An update that changes no value records nothing.
  mutating func update(_ values: [String: String]) throws(Refusal) {
    try requireOpenCase()
    guard !values.isEmpty else { throw Refusal(.invalidInput, "no field to update") }
    try check(values)
    let changes = changes(values)
    guard !changes.isEmpty else { return }
    var data = state.fields
    for (field, change) in changes { data[field] = change.after }
    let (old, new) = (classified(state.fields), classified(data))
    var update = CaseUpdate(fields: changes)
    if old.priority != new.priority, state.priority != new.priority {
      update.priority = CaseUpdate.Change(state.priority, new.priority)
    }
    if old.skill != new.skill, state.skill != new.skill { update.skill = CaseUpdate.Change(state.skill, new.skill) }
    let skill = update.skill?.after ?? state.skill
    for task in state.tasks where task.status == .queued || task.status == .scheduled {
      let definition = try definition(of: task)
      var change = TaskReclassification(task: task.number)
      let priority = (before: definition.priority ?? old.priority, after: definition.priority ?? new.priority)
      if priority.before != priority.after, task.priority != priority.after {
        change.priority = CaseUpdate.Change(task.priority, priority.after)
      }
      if task.level == 0, let before = target(of: definition, under: old),
        let after = target(of: definition, under: new), before != after, task.target != after
      {
        change.target = CaseUpdate.Change(task.target, after)
      }
      if let distribution = definition.distribution,
        (state.skill ?? distribution.skill) != (skill ?? distribution.skill)
      {
        change.skill = CaseUpdate.Change(state.skill ?? distribution.skill, skill ?? distribution.skill)
      }
      if !change.isEmpty { update.tasks.append(change) }
    }
    emit(.updated(update))
  }

  /// Refuses values the creation form would refuse, listing every problem: an unknown field,
  /// a value that fails its field's type or pattern, a required field cleared.
  private func check(_ values: [String: String]) throws(Refusal) {
    var problems = requiredCleared(values).map { "'\($0)' is required" }
    for problem in RuntimeDefinitions.problems(of: values, under: definitions.fields[caseType.id] ?? [:]) {
      switch problem {
      case .unknown(let id): problems.append("'\(id)' is not a field of case type '\(caseType.id)'")
      case .invalid(let id, let problem): problems.append("'\(id)' \(problem)")
      }
    }
    guard problems.isEmpty else {
      throw Refusal(.invalidInput, "the update of case '\(state.id)' is not valid", problems: problems)
    }
  }

  /// The creation rules' classification of `data`, with the customer's context when given.
  private func classified(_ data: [String: String]) -> Classification {
    var scratch = self
    scratch.state.fields = data
    var result = Classification(priority: caseType.priority, target: nil, skill: nil, fields: data)
    for rule in caseType.rules where scratch.holds(rule.when.expression) {
      if let priority = rule.priority { result.priority = priority }
      if let target = rule.target { result.target = target }
      if let skill = rule.skill { result.skill = skill }
      for assignment in rule.set { scratch.state.fields[assignment.field] = assignment.value }
    }
    result.fields = scratch.state.fields
    return result
  }

  /// The workgroup a flow task goes to under `classification`: the rules' target, else the
  /// first of its own targets whose condition holds on the classified data.
  private func target(of task: BundleTask, under classification: Classification) -> String? {
    if let target = classification.target { return target }
    var scratch = self
    scratch.state.fields = classification.fields
    return scratch.resolveTarget(task)
  }
}
