import DCMCApplication
import DCMCRuntime

/// `cases`: per case type, the flows of the period (opened, closed, cancelled, cases with an
/// escalation) and the open cases now by status; then the resolutions of the closed cases.
struct CasesReport: ReportBuilder {
  static let name = "cases"
  static let title = "Cases"
  static let readsNow = true

  let scope: ReportScope
  var opened: Tally = [:]
  var closed: Tally = [:]
  var cancelled: Tally = [:]
  var escalatedCases: [String: Set<String>] = [:]
  /// Closed cases by type, then resolution.
  var resolutions: [String: Tally] = [:]

  init(scope: ReportScope) { self.scope = scope }

  mutating func add(_ group: FactsRollup.Group, _ figures: FactsRollup.Figures) {
    guard let type = group.type else { return }
    switch group.kind {
    case .opened: opened[type, default: 0] += figures.count
    case .closed:
      closed[type, default: 0] += figures.count
      resolutions[type, default: [:]][group.state ?? "", default: 0] += figures.count
    case .cancelled: cancelled[type, default: 0] += figures.count
    case .escalated: escalatedCases[type, default: []].formUnion(figures.cases)
    default: break
    }
  }

  func sections(now: ReportNow) -> [ReportSection] {
    var openNow: [String: Tally] = [:]
    for state in now.openCases { openNow[state.type, default: [:]][state.status.rawValue, default: 0] += 1 }
    let seen = [opened, closed, cancelled].flatMap(\.keys) + escalatedCases.keys + openNow.keys
    let types = scope.rowTypes(seen: seen)
    let openStatuses: [CaseStatus] = [.open, .inProgress, .pending, .escalated]
    let perType = ReportSection(
      key: "per-type", title: "Cases per type",
      definition: """
        Opened, closed, cancelled: cases created, closed and cancelled in the period. Escalated: cases \
        with at least one task escalated in the period. The last columns are the cases open now, by status.
        """,
      columns: [
        .text("type", "Type"), .count("opened", "Opened"), .count("closed", "Closed"),
        .count("cancelled", "Cancelled"), .count("escalated", "Escalated"),
      ] + openStatuses.map { .count("now_\($0.rawValue)", "Now \($0.rawValue)") },
      rows: types.map { type in
        [
          .text(type), opened[count: type], closed[count: type], cancelled[count: type],
          .count(Int64(escalatedCases[type]?.count ?? 0)),
        ] + openStatuses.map { openNow[type, default: [:]][count: $0.rawValue] }
      },
      chart: .bars(BarChart(labelColumn: "type", valueColumns: ["opened", "closed", "escalated"])))
    let byResolution = ReportSection(
      key: "resolutions", title: "Closed cases by resolution",
      definition: "Cases closed in the period, per type and resolution.",
      columns: [.text("type", "Type"), .text("resolution", "Resolution"), .count("closed", "Closed")],
      rows: resolutions.keys.sorted().flatMap { type in
        resolutions[type, default: [:]].sorted { $0.key < $1.key }.map {
          [.text(type), .text($0.key), .count($0.value)]
        }
      })
    return [perType, byResolution]
  }
}
