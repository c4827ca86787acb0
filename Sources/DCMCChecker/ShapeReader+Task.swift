import DCMCDiagnostics
import DCMCModel
import DCMCSyntax

extension ShapeReader {
  mutating func stage(_ node: Node) -> Stage? {
    guard let view = mapping(node, allowed: DefinitionKeys.stage, subject: "a stage"),
      let id = id(view, "id", required: true)
    else { return nil }
    let name = string(view, "name")?.value
    guard let tasksNode = required(view, "tasks"), let items = nonEmptyList(tasksNode, for: "the tasks of '\(id)'")
    else { return nil }
    var stage = Stage(id: id, name: name, tasks: each(items) { $0.task($1) })
    // A task left out, or one whose 'start' flag or routing is unknown, leaves the stage's
    // start tasks, and where they lead, unknown.
    stage.isPartial = stage.tasks.count != items.count || stage.tasks.contains(where: \.isPartial)
    return stage
  }

  fileprivate mutating func task(_ node: Node) -> TaskDefinition? {
    guard let view = mapping(node, allowed: DefinitionKeys.task, subject: "a task"),
      let id = id(view, "id", required: true)
    else { return nil }
    let subject = "task '\(id.value)'"
    let kind = view.value("kind").flatMap { choice($0, TaskKind.self, for: "task kind") }?.value ?? .work
    let target = required(view, "target").flatMap { self.target($0) }
    let ola = view.value("ola").flatMap { serviceLevel($0, for: "the OLA of '\(id.value)'", allowsEscalate: true) }
    let priority = view.value("priority").flatMap { self.priority($0, for: "'priority'") }
    // A key that is not a task key may be a misspelt 'start' or 'outcomes'.
    var isPartial = view.entries.contains { !MappingView.contains(DefinitionKeys.task, $0.key) }
    var outcomes: [Outcome] = []
    if let node = required(view, "outcomes"),
      let map = mapping(node, allowed: [], subject: "the outcomes of '\(id.value)'", checkKeys: false)
    {
      if map.entries.isEmpty {
        report(Diagnostic(.emptyList, "\(subject) must have at least one outcome", at: node.range))
      }
      for entry in map.entries {
        let (outcome, isWhole) = self.outcome(entry)
        if let outcome { outcomes.append(outcome) } else { brokenIDs.insert(entry.key) }
        if !isWhole { isPartial = true }
      }
    } else {
      isPartial = true
    }
    var fields: [FieldDefinition] = []
    if let node = view.value("fields") {
      if kind != .form {
        report(
          Diagnostic(
            .fieldsOnNonFormTask, "\(subject) has 'fields' but is not a form task", at: view.entry("fields")!.keyRange,
            help: "add 'kind: form' to collect data with this task"))
      } else {
        fields = fieldList(node, owner: subject)
      }
    } else if kind == .form {
      report(
        Diagnostic(
          .formWithoutFields, "form \(subject) has no fields", at: id.range,
          help: "list the data the form collects under 'fields'"))
    }
    let distribution = view.value("distribution").flatMap { self.taskDistribution($0) }
    let weight = view.value("weight").flatMap {
      amount($0, in: TaskDefinition.weights, code: .weightOutOfRange, for: "the weight of '\(id.value)'")
    }
    let allowsClaim = bool(view, "allow_claim") ?? false
    let isStart = bool(view, "start")
    if isStart == nil, view.value("start") != nil { isPartial = true }
    guard let target else { return nil }
    var task = TaskDefinition(
      id: id, name: string(view, "name")?.value, description: string(view, "description")?.value, kind: kind,
      isStart: isStart ?? false, target: target, ola: ola, priority: priority, outcomes: outcomes,
      fields: fields, distribution: distribution?.tiers, range: node.range)
    task.dispatch = distribution?.dispatch ?? Dispatch()
    task.weight = weight
    task.allowsClaim = allowsClaim
    task.isPartial = isPartial
    return task
  }

  private mutating func target(_ node: Node) -> Target? {
    if node.scalar != nil { return reference(node, for: "'target'").map { .fixed($0) } }
    guard let items = nonEmptyList(node, for: "'target'") else { return nil }
    var entries: [ConditionalTarget] = []
    for item in items {
      guard let view = mapping(item, allowed: DefinitionKeys.conditionalTarget, subject: "a target entry"),
        let to = reference(view, "to", required: true)
      else { return nil }
      let when = view.value("when").flatMap { condition($0) }
      entries.append(ConditionalTarget(when: when, to: to))
    }
    if let last = entries.last, let when = last.when {
      report(
        Diagnostic(
          .conditionalTargetWithoutDefault, "the last target entry has a condition", at: when.text.range,
          help: "end the list with an entry without 'when', so every case has a target"))
    }
    return .conditional(entries)
  }

  /// The outcome, or `nil` when it failed its check; `isWhole` is false when its routing
  /// (its code, an unknown key, or one of the actions) failed, so where it leads is unknown.
  /// Problems with `set:` and conflicts between actions leave the routing as written.
  private mutating func outcome(_ entry: MappingEntry) -> (Outcome?, isWhole: Bool) {
    guard ShapeReader.isValidID(entry.key) else {
      report(Diagnostic(.invalidId, "invalid outcome code '\(entry.key.prefix(40))'", at: entry.keyRange))
      return (nil, false)
    }
    let code = Located(entry.key, at: entry.keyRange)
    if entry.value.isNull {
      let outcome = Outcome(
        code: code, close: nil, start: [], assign: nil, escalate: nil, stage: nil, pend: nil, set: [],
        range: entry.value.range)
      return (outcome, true)
    }
    let before = diagnostics.count
    guard let view = mapping(entry.value, allowed: DefinitionKeys.outcome, subject: "outcome '\(entry.key)'") else {
      return (nil, false)
    }
    let close = id(view, "close")
    var start: [Located<String>] = []
    if let node = view.value("start") {
      if node.scalar != nil {
        start = reference(node, for: "'start'").map { [$0] } ?? []
      } else if let items = nonEmptyList(node, for: "'start'") {
        start = each(items) { $0.reference($1, for: "'start'") }
      }
    }
    let assign = reference(view, "assign")
    let escalate = trueFlag(view, "escalate")
    let stage = reference(view, "stage")
    let pend = trueFlag(view, "pend")
    let isWhole = diagnostics.count == before
    let set = view.value("set").map { assignments($0) } ?? []
    let outcome = Outcome(
      code: code, close: close, start: start, assign: assign, escalate: escalate, stage: stage, pend: pend, set: set,
      range: entry.value.range)
    checkActionConflicts(outcome, view: view)
    return (outcome, isWhole)
  }

  /// The range of `key: true`; `key: false` is as if absent.
  private mutating func trueFlag(_ view: MappingView, _ key: String) -> SourceRange? {
    guard let value = bool(view, key), value else { return nil }
    return view.entry(key)?.keyRange
  }

  private mutating func checkActionConflicts(_ outcome: Outcome, view: MappingView) {
    // Only an ending action ('close', 'escalate') beside another one conflicts; most
    // outcomes have one action, so look no further then.
    let endingCount = (outcome.close != nil ? 1 : 0) + (outcome.escalate != nil ? 1 : 0)
    let continuingCount =
      (outcome.start.isEmpty ? 0 : 1) + (outcome.stage != nil ? 1 : 0) + (outcome.pend != nil ? 1 : 0)
    if endingCount > 0, endingCount + continuingCount > 1 { reportConflicts(outcome, view: view) }
    if let assign = view.entry("assign"), outcome.start.isEmpty {
      report(
        Diagnostic(
          .conflictingOutcomeActions, "outcome '\(outcome.code.value)' has 'assign' without 'start'",
          at: assign.keyRange, help: "'assign' gives the task started by 'start' to a user"))
    }
  }

  private mutating func reportConflicts(_ outcome: Outcome, view: MappingView) {
    let ending: [(String, Bool)] = [
      ("close", outcome.close != nil), ("escalate", outcome.escalate != nil),
    ]
    let continuing: [(String, Bool)] = [
      ("start", !outcome.start.isEmpty), ("stage", outcome.stage != nil), ("pend", outcome.pend != nil),
    ]
    let present = (ending + continuing).filter(\.1).map(\.0)
    for (index, key) in present.enumerated() {
      let conflicts = present[..<index].filter { other in
        (key == "close" || other == "close" || key == "escalate" || other == "escalate")
      }
      if let other = conflicts.first, let entry = view.entry(key) {
        report(
          Diagnostic(
            .conflictingOutcomeActions, "outcome '\(outcome.code.value)' combines '\(other)' with '\(key)'",
            at: entry.keyRange, notes: [Note("'\(other)' is here", at: view.entry(other)?.keyRange)],
            help: "'close' and 'escalate' end the work and cannot be combined with other routing actions"))
      }
    }
  }
}
