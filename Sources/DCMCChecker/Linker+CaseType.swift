import DCMCDiagnostics
import DCMCModel

extension Linker {
  mutating func check(_ caseType: CaseType) {
    let subject = "case type '\(caseType.header.id.value)'"
    var tasks: [String: TaskDefinition] = [:]
    var stages: [String: Stage] = [:]
    var allTasks: [TaskDefinition] = []
    for stage in caseType.stages {
      if let first = stages[stage.id.value] {
        reportDuplicate("stage", stage.id, first: first.id, in: subject)
      } else {
        stages[stage.id.value] = stage
      }
      allTasks += stage.tasks
      for task in stage.tasks {
        if let first = tasks[task.id.value] {
          reportDuplicate("task", task.id, first: first.id, in: subject)
        } else {
          tasks[task.id.value] = task
        }
      }
    }
    let scope = CaseTypeScope(caseType: caseType, allTasks: allTasks, tasks: tasks, stages: stages)
    checkCalendars(scope)
    checkFieldValues(scope)
    checkConditions(scope)
    for task in scope.allTasks {
      for workgroup in task.target.workgroups {
        resolveWorkgroup(workgroup)
      }
      checkOutcomes(of: task, in: scope)
      checkDistribution(of: task)
      checkServiceLevels(of: task, in: caseType)
      if let ola = task.ola { checkActions(ola, in: scope) }
    }
    if let sla = caseType.sla { checkActions(sla, in: scope) }
    checkEscalation(scope)
    checkFlow(scope)
    checkTemplates(scope)
    checkCustomerMessages(scope)
    checkRuleEffects(scope)
    checkCustomerMapping(scope)
  }

  private mutating func reportDuplicate(
    _ noun: String, _ id: Located<String>, first: Located<String>, in subject: String
  ) {
    report(
      Diagnostic(
        .duplicateId, "\(noun) '\(id.value)' is defined twice in \(subject)", at: id.range,
        notes: [Note("first defined here", at: first.range)]))
  }

  /// An outcome that starts `task` and gives it to `user`: the user must be a member or
  /// supervisor of every workgroup the task may go to, or the runtime refuses the outcome.
  private mutating func checkAssignee(_ user: Located<String>, of task: TaskDefinition) {
    for target in task.target.workgroups {
      guard let workgroup = workgroups[target.value],
        !(workgroup.members.map(\.user) + workgroup.supervisors).contains(where: { $0.value == user.value })
      else { continue }
      report(
        Diagnostic(
          .assigneeOutsideTarget,
          "'\(user.value)' is not a member of '\(target.value)', where task '\(task.id.value)' goes",
          at: user.range, notes: [Note("workgroup '\(target.value)' is defined here", at: workgroup.header.id.range)]))
    }
  }

  private mutating func checkOutcomes(of task: TaskDefinition, in scope: CaseTypeScope) {
    for outcome in task.outcomes {
      for started in outcome.start {
        resolve(started, among: scope.tasks, code: .unknownTask, noun: "task") { $0.id.range }
      }
      if let stage = outcome.stage {
        resolve(stage, among: scope.stages, code: .unknownStage, noun: "stage") { $0.id.range }
      }
      if let user = outcome.assign, user.value != Outcome.originalAssignee, resolveUser(user) {
        for started in outcome.start.compactMap({ scope.tasks[$0.value] }) { checkAssignee(user, of: started) }
      }
      if let escalate = outcome.escalate, scope.caseType.escalation == nil {
        report(
          Diagnostic(
            .escalationNotDeclared,
            "outcome '\(outcome.code.value)' escalates, but case type '\(scope.caseType.header.id.value)' declares no escalation",
            at: escalate, help: "add 'escalation: { target: WORKGROUP, task: TASK }' to the case type"))
      }
    }
    if task.kind == .approval {
      for outcome in task.outcomes where !["approved", "rejected"].contains(outcome.code.value) {
        let close = Suggestion.closest(to: outcome.code.value, in: ["approved", "rejected"])
        report(
          Diagnostic(
            .approvalOutcome, "approval task '\(task.id.value)' has outcome '\(outcome.code.value)'",
            at: outcome.code.range, help: "an approval task's outcomes are 'approved' and 'rejected'",
            fixIts: close.map { [FixIt(replacing: outcome.code.range, with: $0)] } ?? []))
      }
    }
  }

  /// DC4014 unless some member of the target of `task` has `skill` (the task's own, or one a
  /// rule sets: `setBy`).
  mutating func checkSkill(_ skill: Located<String>, of task: TaskDefinition, setBy: String?) {
    let known = task.target.workgroups.compactMap { workgroups[$0.value] }
    guard known.count == task.target.workgroups.count else { return }
    let skilled = known.flatMap(\.members).filter { member in
      member.skills.contains { $0.name.value == skill.value }
    }
    if skilled.isEmpty {
      // Each skill at the first member that has it, in the order the members are written.
      var skillNames: [String] = []
      var skillRanges: [String: SourceRange] = [:]
      for skill in known.flatMap(\.members).flatMap(\.skills) where skillRanges[skill.name.value] == nil {
        skillNames.append(skill.name.value)
        skillRanges[skill.name.value] = skill.name.range
      }
      var diagnostic = Diagnostic(
        .invalidDistribution,
        "no member of the target of task '\(task.id.value)' has skill '\(skill.value)'"
          + (setBy.map { " that \($0) sets" } ?? ""),
        at: skill.range, help: "give the skill to members of the target workgroup")
      if let close = Suggestion.closest(to: skill.value, in: skillNames) {
        diagnostic.help = nil
        diagnostic = diagnostic.suggesting("skill", close, declaredAt: skillRanges[close], replacing: skill.range)
      }
      report(diagnostic)
    }
  }

  /// References inside breach and warning actions.
  private mutating func checkActions(_ level: ServiceLevel, in scope: CaseTypeScope) {
    for action in level.onWarn + (level.onBreach ?? []) {
      switch action {
      case .escalate:
        if scope.caseType.escalation == nil {
          if case .escalate(let range) = action {
            report(
              Diagnostic(
                .escalationNotDeclared,
                "breach action escalates, but case type '\(scope.caseType.header.id.value)' declares no escalation",
                at: range, help: "add 'escalation: { target: WORKGROUP, task: TASK }' to the case type"))
          }
        }
      case .raisePriority:
        break
      case .reassign(let target):
        resolveWorkgroup(target)
      case .notify(let template, _):
        resolveTemplate(template)
      }
    }
  }

  private mutating func checkEscalation(_ scope: CaseTypeScope) {
    guard let escalation = scope.caseType.escalation else { return }
    for level in escalation.levels {
      resolveWorkgroup(level.target)
      resolve(level.task, among: scope.tasks, code: .unknownTask, noun: "task") { $0.id.range }
    }
    // The last level's task cannot escalate again: an explicit escalation there is a mistake.
    guard let last = escalation.levels.last, let task = scope.tasks[last.task.value] else { return }
    let explicit =
      task.outcomes.compactMap(\.escalate)
      + (task.ola?.onBreach ?? []).compactMap { if case .escalate(let range) = $0 { range } else { nil } }
    for range in explicit {
      report(
        Diagnostic(
          .escalationCanRepeat, "escalation task '\(task.id.value)' escalates again, but no further level is declared",
          at: range, notes: [Note("the last escalation level is here", at: last.task.range)],
          help: "declare another level in 'escalation: { levels: [...] }', or remove this escalation"))
    }
  }
}

/// The ids of one case type, for the passes that check it.
struct CaseTypeScope {
  let caseType: CaseType
  /// `caseType.tasks`, gathered once: every pass walks them.
  let allTasks: [TaskDefinition]
  let tasks: [String: TaskDefinition]
  let stages: [String: Stage]

  var fields: [String: FieldDefinition] {
    Dictionary(caseType.fields.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
  }
}
