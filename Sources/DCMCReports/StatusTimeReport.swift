import DCMCApplication

/// `status-time`: the time cases spent in each case status and tasks in each task status,
/// counted by the intervals that ended in the period (each whole).
struct StatusTimeReport: ReportBuilder {
  static let name = "status-time"
  static let title = "Time per status"

  let scope: ReportScope
  /// Keyed `type/status` and `type/task/status`: intervals and their seconds.
  var caseIntervals: Tally = [:]
  var caseSeconds: Tally = [:]
  var taskIntervals: Tally = [:]
  var taskSeconds: Tally = [:]

  init(scope: ReportScope) { self.scope = scope }

  mutating func add(_ group: FactsRollup.Group, _ figures: FactsRollup.Figures) {
    guard let type = group.type, let state = group.state else { return }
    switch group.kind {
    case .caseStatus:
      caseIntervals[type + "/" + state, default: 0] += figures.count
      caseSeconds[type + "/" + state, default: 0] += figures.seconds
    case .taskStatus:
      let key = type + "/" + (group.definition ?? "") + "/" + state
      taskIntervals[key, default: 0] += figures.count
      taskSeconds[key, default: 0] += figures.seconds
    default: break
    }
  }

  static func rows(_ intervals: Tally, _ seconds: Tally, parts: Int) -> [[ReportCell]] {
    intervals.keys.sorted().map { key in
      let names = key.split(separator: "/", maxSplits: parts - 1, omittingEmptySubsequences: false).map(String.init)
      let count = intervals[key] ?? 0
      let total = seconds[key] ?? 0
      let mean = DurationSample.roundedMean(Int128(total), Int128(count))
      return names.map { .text($0) } + [.count(count), .duration(seconds: total), .duration(seconds: mean)]
    }
  }

  func sections(now: ReportNow) -> [ReportSection] {
    let figures: [ReportColumn] = [.count("intervals", "Intervals"), .wall("total", "Total"), .wall("mean", "Mean")]
    return [
      ReportSection(
        key: "case-status", title: "Time per case status",
        definition: "Wall-clock time cases spent in a status, for each stay in it that ended in the period.",
        columns: [.text("type", "Type"), .text("status", "Status")] + figures,
        rows: Self.rows(caseIntervals, caseSeconds, parts: 2)),
      ReportSection(
        key: "task-status", title: "Time per task status",
        definition: """
          Wall-clock time tasks spent queued, offered, assigned, working or scheduled, for each stay \
          that ended in the period.
          """,
        columns: [.text("type", "Type"), .text("task", "Task"), .text("status", "Status")] + figures,
        rows: Self.rows(taskIntervals, taskSeconds, parts: 3)),
    ]
  }
}
