import DCMCApplication

/// `outcomes`: per task, the outcomes (wrap-up codes) its ends in the period were given.
struct OutcomesReport: ReportBuilder {
  static let name = "outcomes"
  static let title = "Task outcomes"

  let scope: ReportScope
  /// Keyed `type/task/outcome`.
  var counts: Tally = [:]

  init(scope: ReportScope) { self.scope = scope }

  mutating func add(_ group: FactsRollup.Group, _ figures: FactsRollup.Figures) {
    guard group.kind == .taskEnded, let type = group.type, let outcome = group.reason else { return }
    counts[type + "/" + (group.definition ?? "") + "/" + outcome, default: 0] += figures.count
  }

  func sections(now: ReportNow) -> [ReportSection] {
    [
      ReportSection(
        key: "per-task", title: "Outcomes per task",
        definition: "Tasks that ended in the period with an outcome, per case type, task and outcome.",
        columns: [.text("type", "Type"), .text("task", "Task"), .text("outcome", "Outcome"), .count("tasks", "Tasks")],
        rows: counts.keys.sorted().map { key in
          key.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).map { .text(String($0)) }
            + [counts[count: key]]
        })
    ]
  }
}
