import DCMCApplication
import DCMCCalendar
import DCMCRuntime

/// `sla`: per case type, the cases closed in the period within and after their SLA, the open
/// cases breached or at risk now, and the share met; the same per task for OLAs.
struct SLAReport: ReportBuilder {
  static let name = "sla"
  static let title = "SLA and OLA adherence"
  static let readsNow = true

  let scope: ReportScope
  var caseMet: Tally = [:]
  var caseLate: Tally = [:]
  /// Keyed `type/task`.
  var taskMet: Tally = [:]
  var taskLate: Tally = [:]

  init(scope: ReportScope) { self.scope = scope }

  mutating func add(_ group: FactsRollup.Group, _ figures: FactsRollup.Figures) {
    guard let type = group.type, let met = group.met else { return }
    switch group.kind {
    case .closed:
      if met { caseMet[type, default: 0] += figures.count } else { caseLate[type, default: 0] += figures.count }
    case .taskEnded:
      let key = type + "/" + (group.definition ?? "")
      if met { taskMet[key, default: 0] += figures.count } else { taskLate[key, default: 0] += figures.count }
    default: break
    }
  }

  func sections(now: ReportNow) -> [ReportSection] {
    var caseBreached: Tally = [:]
    var caseRisk: Tally = [:]
    for state in now.openCases where state.slaDue != nil {
      switch Standing.sla(of: state, at: scope.now) {
      case .onTime: break
      case .atRisk: caseRisk[state.type, default: 0] += 1
      case .breached: caseBreached[state.type, default: 0] += 1
      }
    }
    var taskBreached: Tally = [:]
    var taskRisk: Tally = [:]
    for (task, state) in now.activeTasks where task.olaDue != nil {
      let key = state.type + "/" + task.definition
      switch Standing.ola(of: task, at: scope.now) {
      case .onTime: break
      case .atRisk: taskRisk[key, default: 0] += 1
      case .breached: taskBreached[key, default: 0] += 1
      }
    }
    let types = scope.rowTypes(seen: [caseMet, caseLate, caseBreached, caseRisk].flatMap(\.keys))
    let columns: [ReportColumn] = [
      .count("met", "Closed within"), .count("late", "Closed late"), .count("open_breached", "Open breached"),
      .count("open_at_risk", "Open at risk"), .percent("met_percent", "Met"),
    ]
    func figures(_ key: String, _ met: Tally, _ late: Tally, _ breached: Tally, _ risk: Tally) -> [ReportCell] {
      let within = met[key] ?? 0
      let after = late[key] ?? 0
      return [
        .count(within), .count(after), breached[count: key], risk[count: key],
        .percentage(numerator: within, denominator: within + after),
      ]
    }
    let perType = ReportSection(
      key: "per-type", title: "SLA per type",
      definition: """
        Cases closed in the period within their SLA (before its due time) and late (at or after \
        it); open cases now at or past their due time, or their warning (a pending case whose SLA \
        clock stands still is read where it stopped); met = within / (within + late).
        """,
      columns: [.text("type", "Type")] + columns,
      rows: types.map { [.text($0)] + figures($0, caseMet, caseLate, caseBreached, caseRisk) },
      chart: .percentBars(PercentBarChart(labelColumn: "type", valueColumn: "met_percent")))
    let taskKeys = Set([taskMet, taskLate, taskBreached, taskRisk].flatMap(\.keys)).sorted()
    let perTask = ReportSection(
      key: "per-task", title: "OLA per task",
      definition: """
        Tasks with an OLA that ended in the period (completed, escalated or cancelled) before their \
        due time and at or after it; active tasks now at or past their due time or warning (a \
        scheduled task's OLA clock stands still: it is neither while it is away).
        """,
      columns: [.text("type", "Type"), .text("task", "Task")] + columns,
      rows: taskKeys.map { key in
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        return [.text(parts[0]), .text(parts.count > 1 ? parts[1] : "")]
          + figures(key, taskMet, taskLate, taskBreached, taskRisk)
      })
    return [perType, perTask]
  }
}
