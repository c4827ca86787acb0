import DCMCApplication
import DCMCRuntime

/// `workbins`: what each workbin holds now: its active tasks by status, the oldest one's age,
/// and those at risk of or past their OLA. Reads no facts.
struct WorkbinsReport: ReportBuilder {
  static let name = "workbins"
  static let title = "Workbins now"
  static let readsNow = true

  let scope: ReportScope

  init(scope: ReportScope) { self.scope = scope }

  mutating func add(_ group: FactsRollup.Group, _ figures: FactsRollup.Figures) {}

  static let statuses: [TaskStatus] = [.queued, .offered, .assigned, .working, .scheduled]

  func sections(now: ReportNow) -> [ReportSection] {
    var byStatus: [String: Tally] = [:]
    var oldest: [String: Int64] = [:]
    var atRisk: Tally = [:]
    var breached: Tally = [:]
    for (task, _) in now.activeTasks {
      byStatus[task.target, default: [:]][task.status.rawValue, default: 0] += 1
      let age = Int64(scope.now.secondsSinceEpoch - task.createdAt.secondsSinceEpoch)
      oldest[task.target] = max(oldest[task.target] ?? age, age)
      let standing = SLAReport.standing(
        due: task.olaDue, warn: task.olaWarnAt, breached: task.olaBreached, warned: task.olaWarned, now: scope.now)
      if standing.breached { breached[task.target, default: 0] += 1 }
      if standing.atRisk { atRisk[task.target, default: 0] += 1 }
    }
    let targets = scope.rowTargets(seen: byStatus.keys)
    return [
      ReportSection(
        key: "per-workbin", title: "Workbins",
        definition: """
          Active tasks in each workbin at the report's instant, by status; the age of the oldest (since \
          its creation, wall clock); those past their OLA warning, and past their OLA's due time.
          """,
        columns: [.text("workbin", "Workbin")] + Self.statuses.map { .count($0.rawValue, $0.rawValue) } + [
          .wall("oldest_age", "Oldest"), .count("at_risk", "At risk"), .count("breached", "Breached"),
        ],
        rows: targets.map { target in
          [.text(target)] + Self.statuses.map { byStatus[target, default: [:]][count: $0.rawValue] } + [
            oldest[target].durationCell, atRisk[count: target], breached[count: target],
          ]
        },
        chart: .bars(BarChart(labelColumn: "workbin", valueColumns: ["oldest_age"])))
    ]
  }
}
