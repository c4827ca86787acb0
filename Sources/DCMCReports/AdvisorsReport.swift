import DCMCApplication

/// `advisors`: per advisor, the tasks they completed, the cases they closed and escalated by
/// hand in the period, their handle time, and the outcomes they chose.
struct AdvisorsReport: ReportBuilder {
  static let name = "advisors"
  static let title = "Advisors"

  let scope: ReportScope
  var completed: Tally = [:]
  var closed: Tally = [:]
  var escalated: Tally = [:]
  /// Seconds assigned or working per task (`case#number`) since the period began, until it
  /// ends, for the tasks whose handling crosses a rollup's bounds (`FactsRollup.tasks`).
  var handling: Tally = [:]
  var handleTimes: [String: [Int64]] = [:]
  /// Completed tasks by advisor, then outcome.
  var outcomes: [String: Tally] = [:]

  init(scope: ReportScope) { self.scope = scope }

  mutating func add(_ group: FactsRollup.Group, _ figures: FactsRollup.Figures) {
    switch group.kind {
    case .taskEnded:
      guard group.state == "completed", let user = group.user else { return }
      completed[user, default: 0] += figures.count
      handleTimes[user, default: []].append(contentsOf: figures.handleTimes)
      outcomes[user, default: [:]][group.reason ?? "", default: 0] += figures.count
    case .closed:
      if let user = group.user { closed[user, default: 0] += figures.count }
    case .escalated:
      if let user = group.user { escalated[user, default: 0] += figures.count }
    default: break
    }
  }

  /// The handling of the tasks a rollup could not time alone: each stay in a workbin the scope
  /// admits adds to the task's time so far; an admitted completed end takes it.
  mutating func add(_ tasks: [FactsRollup.Handling]) {
    for task in tasks where task.type.map(scope.admits(type:)) ?? true {
      for (target, seconds) in task.seconds where scope.targets?.contains(target) ?? true {
        handling[task.task, default: 0] += seconds
      }
      guard let end = task.end, scope.admits(end) else { continue }
      let spent = handling.removeValue(forKey: task.task)
      if end.state == "completed", let user = end.user { handleTimes[user, default: []].append(spent ?? 0) }
    }
  }

  func sections(now: ReportNow) -> [ReportSection] {
    let users = Set([completed, closed, escalated].flatMap(\.keys)).sorted()
    let perAdvisor = ReportSection(
      key: "per-advisor", title: "Work per advisor",
      definition: """
        Tasks completed by the advisor who last had them, cases closed and tasks escalated by hand, in \
        the period. Handle time: a completed task's wall-clock time assigned or working, in the period.
        """,
      columns: [
        .text("advisor", "Advisor"), .count("tasks_completed", "Tasks completed"),
        .count("cases_closed", "Cases closed"),
        .count("manual_escalations", "Escalated by hand"), .wall("handle_mean", "Handle time (mean)"),
        .wall("handle_median", "Handle time (median)"),
      ],
      rows: users.map { user in
        let sample = DurationSample(handleTimes[user] ?? [])
        return [
          .text(user), completed[count: user], closed[count: user], escalated[count: user], sample.mean.durationCell,
          sample.median.durationCell,
        ]
      },
      chart: .bars(BarChart(labelColumn: "advisor", valueColumns: ["tasks_completed", "cases_closed"])))
    let byOutcome = ReportSection(
      key: "outcomes", title: "Outcomes per advisor",
      definition: "Tasks completed in the period, per advisor and outcome.",
      columns: [.text("advisor", "Advisor"), .text("outcome", "Outcome"), .count("tasks", "Tasks")],
      rows: outcomes.keys.sorted().flatMap { user in
        outcomes[user, default: [:]].sorted { $0.key < $1.key }.map { [.text(user), .text($0.key), .count($0.value)] }
      })
    return [perAdvisor, byOutcome]
  }
}
