import DCMCApplication
import DCMCBundle

/// `service-level`: per workbin with a `service_level`, the share of its tasks answered in the
/// period that were taken within `answer_within` of their creation (wall clock), against the
/// workbin's target. A task is counted once, when its answer is decided: at its first take,
/// or when it ends never taken after waiting longer than `answer_within`.
struct ServiceLevelReport: ReportBuilder {
  static let name = "service-level"
  static let title = "Service level"

  let scope: ReportScope
  /// The deployed service levels by workbin.
  let levels: [String: BundleWorkbinServiceLevel]
  var taken: Tally = [:]
  var inTime: Tally = [:]
  var unanswered: Tally = [:]

  init(scope: ReportScope) {
    self.scope = scope
    var levels: [String: BundleWorkbinServiceLevel] = [:]
    for workgroup in scope.definitions?.bundle.workgroups ?? [] {
      if let level = workgroup.serviceLevel { levels[workgroup.id] = level }
    }
    self.levels = levels
  }

  mutating func add(_ group: FactsRollup.Group, _ figures: FactsRollup.Figures) {
    guard let target = group.target, let level = levels[target] else { return }
    // The waits are ascending: those within answer_within come first.
    let within = Self.count(figures.durations, atMost: Int64(level.answerWithinSeconds))
    switch group.kind {
    case .taken:
      taken[target, default: 0] += Int64(figures.durations.count)
      inTime[target, default: 0] += Int64(within)
    case .taskEnded where group.user == nil:
      unanswered[target, default: 0] += Int64(figures.durations.count - within)
    default:
      break
    }
  }

  /// How many of the ascending `values` are at most `limit` (a binary search).
  static func count(_ values: [Int64], atMost limit: Int64) -> Int {
    var (low, high) = (0, values.count)
    while low < high {
      let middle = (low + high) / 2
      if values[middle] <= limit { low = middle + 1 } else { high = middle }
    }
    return low
  }

  func sections(now: ReportNow) -> [ReportSection] {
    let targets = levels.keys.filter { scope.admits(target: $0) }.sorted()
    return [
      ReportSection(
        key: "per-workbin", title: "Service level per workbin",
        definition: """
          For each workbin with a service_level: tasks taken for the first time in the period from this \
          workbin (taken), those taken within answer_within of their creation in wall-clock time (in time), \
          and those that ended in the period never taken after waiting longer than answer_within \
          (unanswered). Offered = taken + unanswered; service level = in time / offered; met when it \
          reaches the target.
          """,
        columns: [
          .text("workbin", "Workbin"), .wall("answer_within", "Answer within"),
          .percent("target", "Target"),
          .count("offered", "Offered"), .count("taken", "Taken"), .count("in_time", "In time"),
          .count("unanswered", "Unanswered"), .percent("service_level", "Service level"),
          .text("status", "Status"),
        ],
        rows: targets.compactMap { target in
          guard let level = levels[target] else { return nil }
          let offered = (taken[target] ?? 0) + (unanswered[target] ?? 0)
          let within = inTime[target] ?? 0
          let met = within * 100 >= Int64(level.targetPercent) * offered
          let status = offered == 0 ? "" : met ? "met" : "missed"
          return [ReportCell]([
            .text(target), .duration(seconds: Int64(level.answerWithinSeconds)),
            .percentage(numerator: Int64(level.targetPercent), denominator: 100), .count(offered),
            taken[count: target], .count(within), unanswered[count: target],
            .percentage(numerator: within, denominator: offered), .text(status),
          ])
        },
        chart: .percentBars(PercentBarChart(labelColumn: "workbin", valueColumn: "service_level")))
    ]
  }
}
