import DCMCCalendar
import DCMCReports
import DCMCRuntime

extension ReportOracle {
  /// `service-level` from the histories, by docs/reports.md: per workbin with a level, each
  /// task counted when first assigned (or accepted) in the period, in the workbin it stood
  /// in then, in time when assigned within `answer_within` of its queuing (its creation, or
  /// its latest return from being scheduled); or when it ended in the period never assigned,
  /// after waiting longer than that.
  func serviceLevels(_ levels: [String: (seconds: Int64, percent: Int64)]) -> [String: ReportCell] {
    var taken: [String: Int64] = [:]
    var inTime: [String: Int64] = [:]
    var unanswered: [String: Int64] = [:]
    for history in histories {
      var state: CaseState?
      var everHeld: Set<Int> = []
      var queued: [Int: Instant] = [:]
      for event in history {
        let before = state
        if state == nil { state = CaseState.replay([event]) } else { state?.evolve(event) }
        guard let before, let after = state else { continue }
        for task in after.tasks where before.tasks.allSatisfy({ $0.number != task.number }) {
          queued[task.number] = event.at
        }
        for task in before.tasks {
          guard let now = after.tasks.first(where: { $0.number == task.number }) else { continue }
          if task.status == .scheduled, now.status == .queued { queued[task.number] = event.at }
          let waited = Int64(event.at.secondsSinceEpoch - (queued[task.number] ?? task.createdAt).secondsSinceEpoch)
          if !everHeld.contains(task.number), now.assignee != nil {
            everHeld.insert(task.number)
            guard period.contains(event.at), let level = levels[now.target] else { continue }
            taken[now.target, default: 0] += 1
            if waited <= level.seconds { inTime[now.target, default: 0] += 1 }
          } else if !everHeld.contains(task.number), task.status.isActive, !now.status.isActive,
            period.contains(event.at), let level = levels[now.target], waited > level.seconds
          {
            unanswered[now.target, default: 0] += 1
          }
        }
      }
    }
    var cells: [String: ReportCell] = [:]
    for (bin, level) in levels {
      let offered = (taken[bin] ?? 0) + (unanswered[bin] ?? 0)
      let within = inTime[bin] ?? 0
      let status = offered == 0 ? "" : (within * 100 >= level.percent * offered ? "met" : "missed")
      let key = "per-workbin|\(bin)|\(status)|"
      cells[key + "answer_within"] = .duration(seconds: level.seconds)
      cells[key + "target"] = .percentage(numerator: level.percent, denominator: 100)
      cells[key + "offered"] = .count(offered)
      cells[key + "taken"] = .count(taken[bin] ?? 0)
      cells[key + "in_time"] = .count(within)
      cells[key + "unanswered"] = .count(unanswered[bin] ?? 0)
      cells[key + "service_level"] = .percentage(numerator: within, denominator: offered)
    }
    return cells
  }
}
