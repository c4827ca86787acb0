import DCMCDiagnostics
import DCMCModel

extension Linker {
  /// Calendar references, and the rule that a task's OLA must be shorter than the case SLA
  /// when both are measured on the same calendar.
  mutating func checkCalendars(_ scope: CaseTypeScope) {
    let caseType = scope.caseType
    let defaultOK = resolveCalendar(caseType.calendar)
    var slaCalendar: String?
    if let sla = caseType.sla {
      if let calendar = sla.calendar {
        if resolveCalendar(calendar) { slaCalendar = calendar.value }
      } else if defaultOK {
        slaCalendar = caseType.calendar.value
      }
    }
    for task in scope.allTasks {
      guard let ola = task.ola else { continue }
      var olaCalendar: String?
      if let calendar = ola.calendar {
        if resolveCalendar(calendar) { olaCalendar = calendar.value }
      } else if defaultOK {
        olaCalendar = caseType.calendar.value
      }
      guard let sla = caseType.sla, let slaCalendar, olaCalendar == slaCalendar else { continue }
      let dayLength = calendars[slaCalendar]?.dayLength ?? 86_400
      let olaSeconds = ola.within.value.totalSeconds(dayLength: dayLength)
      let slaSeconds = sla.within.value.totalSeconds(dayLength: dayLength)
      if olaSeconds >= slaSeconds {
        report(
          Diagnostic(
            .olaNotBelowSLA,
            "OLA of task '\(task.id.value)' (\(ola.within.value)) is not shorter than the case SLA (\(sla.within.value))",
            at: ola.within.range, notes: [Note("the case SLA is set here", at: sla.within.range)],
            help: "an OLA must leave time within the SLA for escalated work; shorten the OLA or lengthen the SLA"))
      }
    }
  }

  /// `set:` values of rules and outcomes: the field exists and the value fits its type.
  mutating func checkFieldValues(_ scope: CaseTypeScope) {
    let fields = scope.fields
    var assignments = scope.caseType.rules.flatMap(\.set)
    for task in scope.allTasks {
      assignments += task.outcomes.flatMap(\.set)
    }
    for assignment in assignments {
      checkAssignment(assignment, fields: fields)
    }
  }

  mutating func checkAssignment(_ assignment: FieldAssignment, fields: [String: FieldDefinition]) {
    guard resolve(assignment.field, among: fields, code: .unknownField, noun: "field", declaredAt: { $0.id.range }),
      let field = fields[assignment.field.value]
    else { return }
    if let problem = FieldValidator.problem(with: assignment.value.value, for: field) {
      report(
        Diagnostic(
          .valueTypeMismatch, "value '\(assignment.value.value.prefix(40))' for field '\(field.id.value)' \(problem)",
          at: assignment.value.range, notes: [Note("field '\(field.id.value)' is declared here", at: field.id.range)]))
    }
  }
}
