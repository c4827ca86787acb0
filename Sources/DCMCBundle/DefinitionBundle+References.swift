import DCMCJSON

extension DefinitionBundle {
  /// The checker's rules of what definitions name, checked again on a bundle read: each id
  /// given once in its list (DC2008), every reference naming a definition of the bundle:
  /// calendars, workgroups, templates, and a case type's own fields, stages and tasks
  /// (DC3001...DC3006), and an enum with values (DC2019). A bundle edited by hand and hashed
  /// again passed the hash and the ids' shape: deployed, its case type's unknown escalation
  /// task made every later tick of the store fail (the tick decides every due case before it
  /// writes one), an unknown template dropped the customer's notification, and an unknown
  /// field in a rule gave a wrong priority, each without a word.
  func checkReferences() throws(JSONShapeError) {
    let names = Names(
      calendars: Set(calendars.map(\.id)).union([BundleCalendar.alwaysOpenID]), workgroups: Set(workgroups.map(\.id)),
      templates: Set(templates.map(\.id)))
    try Self.once(calendars.map(\.id), "calendar", at: ["calendars"])
    try Self.once(workgroups.map(\.id), "workgroup", at: ["workgroups"])
    try Self.once(templates.map(\.id), "template", at: ["templates"])
    try Self.once(caseTypes.map(\.id), "case type", at: ["case_types"])
    for (index, caseType) in caseTypes.enumerated() {
      try names.check(caseType, at: ["case_types", "\(index)"])
    }
  }

  /// Refuses the first id of `ids` given before, naming its place in the list at `path`.
  fileprivate static func once(_ ids: [String], _ kind: String, at path: [String]) throws(JSONShapeError) {
    var seen: Set<String> = []
    for (index, id) in ids.enumerated() where !seen.insert(id).inserted {
      throw JSONShapeError(.refused("\(kind) '\(JSONFields.shown(id))' is given twice"), path: path + ["\(index)", "id"])
    }
  }
}

/// The ids a bundle's references may name, and the checks of one case type's references.
private struct Names {
  let calendars: Set<String>
  let workgroups: Set<String>
  let templates: Set<String>

  func check(_ caseType: BundleCaseType, at path: [String]) throws(JSONShapeError) {
    try DefinitionBundle.once(caseType.fields.map(\.id), "field", at: path + ["fields"])
    try DefinitionBundle.once(caseType.stages.map(\.id), "stage", at: path + ["stages"])
    var seen: Set<String> = []
    for (stageIndex, stage) in caseType.stages.enumerated() {
      for (index, task) in stage.tasks.enumerated() where !seen.insert(task.id).inserted {
        throw JSONShapeError(
          .refused("task '\(task.id)' is given twice"), path: path + ["stages", "\(stageIndex)", "tasks", "\(index)", "id"])
      }
    }
    let fields = Set(caseType.fields.map(\.id))
    let tasks = Set(caseType.tasks.map(\.id))
    let stages = Set(caseType.stages.map(\.id))
    try Self.name(caseType.calendar, in: calendars, "calendar", at: path + ["calendar"])
    try check(caseType.sla, at: path + ["sla"])
    for (index, field) in caseType.fields.enumerated() where field.type == .enumeration && field.values.isEmpty {
      throw JSONShapeError(
        .refused("enum field '\(field.id)' has no values"), path: path + ["fields", "\(index)", "values"])
    }
    for (index, rule) in caseType.rules.enumerated() {
      try Self.fields(in: rule.when.expression, fields, at: path + ["rules", "\(index)", "when"])
      try assignments(rule.set, fields, at: path + ["rules", "\(index)", "set"])
    }
    for (index, level) in caseType.escalation.enumerated() {
      try Self.name(level.target, in: workgroups, "workgroup", at: path + ["escalation", "\(index)", "target"])
      try Self.name(level.task, in: tasks, "task", at: path + ["escalation", "\(index)", "task"])
    }
    for (stageIndex, stage) in caseType.stages.enumerated() {
      let stagePath = path + ["stages", "\(stageIndex)"]
      let own = Set(stage.tasks.map(\.id))
      for (index, start) in stage.startTasks.enumerated() {
        guard own.contains(start) else {
          throw JSONShapeError(
            .refused("stage '\(stage.id)' starts '\(JSONFields.shown(start))', none of its tasks"),
            path: stagePath + ["start_tasks", "\(index)"])
        }
      }
      for (taskIndex, task) in stage.tasks.enumerated() {
        let taskPath = stagePath + ["tasks", "\(taskIndex)"]
        for (index, choice) in task.target.enumerated() {
          try Self.name(choice.to, in: workgroups, "workgroup", at: taskPath + ["target", "\(index)", "to"])
          if let when = choice.when {
            try Self.fields(in: when.expression, fields, at: taskPath + ["target", "\(index)", "when"])
          }
        }
        try check(task.ola, at: taskPath + ["ola"])
        if let distribution = task.distribution {
          try Self.name(
            distribution.expandAfter.calendar, in: calendars, "calendar",
            at: taskPath + ["distribution", "expand_after", "calendar"])
        }
        for (index, outcome) in task.outcomes.enumerated() {
          let outcomePath = taskPath + ["outcomes", "\(index)"]
          for (startIndex, start) in outcome.start.enumerated() {
            try Self.name(start, in: tasks, "task", at: outcomePath + ["start", "\(startIndex)"])
          }
          if let stage = outcome.stage { try Self.name(stage, in: stages, "stage", at: outcomePath + ["stage"]) }
          try assignments(outcome.set, fields, at: outcomePath + ["set"])
        }
      }
    }
    for (index, notification) in caseType.notifications.enumerated() {
      try Self.name(notification.template, in: templates, "template", at: path + ["notifications", "\(index)", "template"])
    }
  }

  /// A service level's calendar and the workgroups and templates of its actions.
  private func check(_ level: BundleServiceLevel?, at path: [String]) throws(JSONShapeError) {
    guard let level else { return }
    try Self.name(level.within.calendar, in: calendars, "calendar", at: path + ["within", "calendar"])
    for (key, actions) in [("on_warn", level.onWarn), ("on_breach", level.onBreach)] {
      for (index, action) in actions.enumerated() {
        if let target = action.target {
          try Self.name(target, in: workgroups, "workgroup", at: path + [key, "\(index)", "target"])
        }
        if let template = action.template {
          try Self.name(template, in: templates, "template", at: path + [key, "\(index)", "template"])
        }
      }
    }
  }

  private func assignments(_ set: [BundleAssignment], _ fields: Set<String>, at path: [String])
    throws(JSONShapeError)
  {
    for (index, assignment) in set.enumerated() {
      try Self.name(assignment.field, in: fields, "field", at: path + ["\(index)", "field"])
    }
  }

  /// Refuses a case field `expression` reads (a `field` node, `is_empty` or `is_not_empty` of
  /// a field) that is no field of the case type.
  private static func fields(in expression: BundleExpression, _ fields: Set<String>, at path: [String])
    throws(JSONShapeError)
  {
    if [.field, .isEmpty, .isNotEmpty].contains(expression.op), expression.operands?.isEmpty ?? true {
      try name(expression.field ?? "", in: fields, "field", at: path)
    }
    for operand in expression.operands ?? [] { try Self.fields(in: operand, fields, at: path) }
  }

  private static func name(_ id: String, in known: Set<String>, _ kind: String, at path: [String])
    throws(JSONShapeError)
  {
    guard !known.contains(id) else { return }
    throw JSONShapeError(.refused("unknown \(kind) '\(JSONFields.shown(id))'"), path: path)
  }
}
