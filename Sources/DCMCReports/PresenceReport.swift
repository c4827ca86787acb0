import DCMCApplication

/// `presence`: per advisor, the time spent in each presence state (and reason), counted by
/// the stays that ended in the period, and the offers they took, declined or let time out.
struct PresenceReport: ReportBuilder {
  static let name = "presence"
  static let title = "Presence"

  let scope: ReportScope
  /// Keyed `user/state/reason`.
  var seconds: Tally = [:]
  var taken: Tally = [:]
  var declined: Tally = [:]
  var ronas: Tally = [:]

  init(scope: ReportScope) { self.scope = scope }

  mutating func add(_ group: FactsRollup.Group, _ figures: FactsRollup.Figures) {
    switch group.kind {
    case .presence:
      let key = (group.subject ?? "") + "/" + (group.state ?? "") + "/" + (group.reason ?? "")
      seconds[key, default: 0] += figures.seconds
    case .taken: if let user = group.user { taken[user, default: 0] += figures.count }
    case .declined: if let user = group.user { declined[user, default: 0] += figures.count }
    case .rona: if let user = group.user { ronas[user, default: 0] += figures.count }
    default: break
    }
  }

  func sections(now: ReportNow) -> [ReportSection] {
    let users = Set([taken, declined, ronas].flatMap(\.keys)).sorted()
    return [
      ReportSection(
        key: "states", title: "Time per presence state",
        definition: "Wall-clock time each user spent in a presence state, for each stay that ended in the period.",
        columns: [.text("user", "User"), .text("state", "State"), .text("reason", "Reason"), .wall("time", "Time")],
        rows: seconds.keys.sorted().map { key in
          key.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).map {
            $0.isEmpty ? .empty : .text(String($0))
          } + [.duration(seconds: seconds[key] ?? 0)]
        }),
      ReportSection(
        key: "offers", title: "Work taken and offers refused",
        definition: """
          Tasks a user took for the first time (pulled, claimed, assigned or accepted), offers they \
          declined, and offers that timed out unanswered (RONA), in the period.
          """,
        columns: [
          .text("user", "User"), .count("taken", "Taken"), .count("declined", "Declined"), .count("rona", "RONA"),
        ],
        rows: users.map { [.text($0), taken[count: $0], declined[count: $0], ronas[count: $0]] },
        chart: .bars(BarChart(labelColumn: "user", valueColumns: ["taken", "declined", "rona"]))),
    ]
  }
}
