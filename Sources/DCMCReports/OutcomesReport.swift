import DCMCApplication

/// `outcomes`: per task, the outcomes (wrap-up codes) its ends in the period were given.
struct OutcomesReport: ReportBuilder {
  static let name = "outcomes"
  static let title = "Task outcomes"

  let scope: ReportScope
  /// Keyed `type/task/outcome`.
  var counts: Tally = [:]

  init(scope: ReportScope) { self.scope = scope }

  mutating func add(_ fact: ReportFact) {
    guard fact.kind == .taskEnded, let type = fact.type, let outcome = fact.reason else { return }
    counts[type + "/" + (fact.definition ?? "") + "/" + outcome, default: 0] += 1
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
