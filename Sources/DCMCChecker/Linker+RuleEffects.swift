import DCMCDiagnostics
import DCMCModel

extension Linker {
  /// What a rule's `target`, `skill` and `acknowledge` name: a workgroup; a skill that some
  /// member of each skill-distributed task's target has (DC4014), with such a task to apply
  /// to (DC4017); a template the case can fill (DC3003, DC6101), replacing the template of a
  /// `case_created` notification the case type sends (DC4018).
  mutating func checkRuleEffects(_ scope: CaseTypeScope) {
    let caseType = scope.caseType
    let name = caseType.header.id.value
    let distributed = scope.allTasks.filter { $0.distribution != nil }
    let acknowledgement = caseType.notifications.first { $0.event.value == .caseCreated }
    for rule in caseType.rules {
      if let target = rule.target { resolveWorkgroup(target) }
      if let skill = rule.skill {
        if distributed.isEmpty {
          report(
            Diagnostic(
              .ruleSkillWithoutDistribution,
              "rule sets skill '\(skill.value)', but no task of case type '\(name)' is distributed by skill",
              at: skill.range, help: "give the tasks that need the skill a 'distribution'"))
        }
        for task in distributed { checkSkill(skill, of: task, setBy: "a rule") }
      }
      // The template itself is checked with the others, by `checkTemplates`.
      if let template = rule.acknowledge, acknowledgement == nil {
        report(
          Diagnostic(
            .acknowledgeWithoutNotification,
            "rule sets 'acknowledge', but case type '\(name)' sends no 'case_created' notification",
            at: template.range, help: "add a notification on case_created whose template the rule replaces"))
      }
    }
  }
}
