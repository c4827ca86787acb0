import DCMCDiagnostics
import DCMCModel

extension Linker {
  /// Which stages and tasks some path reaches, and whether a case can close.
  ///
  /// Paths start at the first stage's start tasks and follow outcomes (`start`, `stage`),
  /// escalation (every level's task is reachable when an escalation is declared, since
  /// any task can be escalated by hand) and stage completion: the next stage is reached
  /// when a reached task of a stage has an outcome that neither closes, jumps, escalates
  /// nor starts a task of its own stage.
  ///
  /// Each root cause is reported once: when a path leads into something whose routing is
  /// not known (a task or stage that failed its shape check or was left out, or a reference
  /// to a task or stage that does not resolve, reported already), it might lead anywhere,
  /// so none of the three flow warnings is given for the case type.
  mutating func checkFlow(_ scope: CaseTypeScope) {
    let caseType = scope.caseType
    guard !caseType.stages.isEmpty, !caseType.isPartial else { return }
    let stageIndex = Dictionary(
      caseType.stages.enumerated().map { ($0.element.id.value, $0.offset) }, uniquingKeysWith: { a, _ in a })
    let taskStage = Dictionary(
      caseType.stages.enumerated().flatMap { index, stage in stage.tasks.map { ($0.id.value, index) } },
      uniquingKeysWith: { a, _ in a })
    var reachedStages: Set<Int> = []
    var reachedTasks: Set<String> = []
    var pendingTasks: [String] = []
    var canClose = false
    var reachesUnknown = false

    func reachTask(_ id: String) {
      guard let task = scope.tasks[id] else {
        reachesUnknown = true
        return
      }
      if task.isPartial { reachesUnknown = true }
      if reachedTasks.insert(id).inserted { pendingTasks.append(id) }
    }
    func reachStage(_ index: Int) {
      guard index < caseType.stages.count else {
        canClose = true  // after the last stage the case closes as completed
        return
      }
      if reachedStages.insert(index).inserted {
        if caseType.stages[index].isPartial { reachesUnknown = true }
        caseType.stages[index].startTasks.forEach { reachTask($0.id.value) }
      }
    }

    reachStage(0)
    for level in caseType.escalation?.levels ?? [] { reachTask(level.task.value) }
    while let id = pendingTasks.popLast() {
      guard let task = scope.tasks[id], let stage = taskStage[id] else { continue }
      for outcome in task.outcomes {
        outcome.start.forEach { reachTask($0.value) }
        if let target = outcome.stage {
          if let index = stageIndex[target.value] { reachStage(index) } else { reachesUnknown = true }
        }
        if outcome.close != nil { canClose = true }
        let startsOwnStage = outcome.start.contains { taskStage[$0.value] == stage }
        if outcome.close == nil, outcome.stage == nil, outcome.escalate == nil, !startsOwnStage {
          reachStage(stage + 1)
        }
      }
    }

    guard !reachesUnknown else { return }
    for (index, stage) in caseType.stages.enumerated() where !reachedStages.contains(index) {
      let jumpedInto = stage.tasks.contains { reachedTasks.contains($0.id.value) }
      if !jumpedInto {
        report(
          Diagnostic(
            .unreachableStage, "no path reaches stage '\(stage.id.value)'", at: stage.id.range,
            help: "reach it by finishing the stage before it, or with an outcome 'stage: \(stage.id.value)'"))
      }
    }
    for (index, stage) in caseType.stages.enumerated() {
      let stageReached = reachedStages.contains(index) || stage.tasks.contains { reachedTasks.contains($0.id.value) }
      guard stageReached else { continue }
      for task in stage.tasks where !reachedTasks.contains(task.id.value) {
        report(
          Diagnostic(
            .unreachableTask, "no path reaches task '\(task.id.value)'", at: task.id.range,
            help: "start it from an outcome ('start: \(task.id.value)'), or mark it 'start: true' in its stage"))
      }
    }
    if !canClose {
      report(
        Diagnostic(
          .noPathToClose, "no path closes a case of type '\(caseType.header.id.value)'", at: caseType.header.id.range,
          help: "give an outcome 'close: RESOLUTION', or let the last stage complete"))
    }
  }
}
