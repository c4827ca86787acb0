import DCMCApplication
import DCMCRuntime

/// `workbins`: what each workbin holds now: its active tasks by status, how long the oldest
/// has waited, and those at risk of or past their OLA (`WorkbinFigures`, the supervisor
/// board's rule too). Reads no facts.
struct WorkbinsReport: ReportBuilder {
  static let name = "workbins"
  static let title = "Workbins now"
  static let readsNow = true

  let scope: ReportScope

  init(scope: ReportScope) { self.scope = scope }

  mutating func add(_ group: FactsRollup.Group, _ figures: FactsRollup.Figures) {}

  static let statuses: [TaskStatus] = [.queued, .offered, .assigned, .working, .scheduled]

  func sections(now: ReportNow) -> [ReportSection] {
    let tasks = Dictionary(grouping: now.activeTasks.map(\.task), by: \.target)
    let figures = tasks.mapValues { WorkbinFigures($0, at: scope.now) }
    let targets = scope.rowTargets(seen: tasks.keys)
    return [
      ReportSection(
        key: "per-workbin", title: "Workbins",
        definition: """
          Active tasks in each workbin at the report's instant, by status; how long the oldest has \
          waited in it (since it was queued: its creation, or its return from being scheduled; wall \
          clock); those past their OLA warning, and past their OLA's due time (a scheduled task's \
          OLA clock stands still).
          """,
        columns: [.text("workbin", "Workbin")] + Self.statuses.map { .count($0.rawValue, $0.rawValue) } + [
          .wall("oldest_age", "Oldest"), .count("at_risk", "At risk"), .count("breached", "Breached"),
        ],
        rows: targets.map { target in
          let bin = figures[target] ?? WorkbinFigures([TaskState](), at: scope.now)
          return [.text(target)] + Self.statuses.map { .count(Int64(bin.byStatus[$0] ?? 0)) } + [
            bin.oldestAge.map(Int64.init).durationCell, .count(Int64(bin.atRisk)), .count(Int64(bin.breached)),
          ]
        },
        chart: .bars(BarChart(labelColumn: "workbin", valueColumns: ["oldest_age"])))
    ]
  }
}
