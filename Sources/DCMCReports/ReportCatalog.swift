public import DCMCApplication

/// The reports of SPEC section 16 by name, and the one pass over the period's facts that
/// computes one of them or, for the dashboard, all of them at once (as their rollups).
public enum ReportCatalog {
  static let builders: [any ReportBuilder.Type] = [
    CasesReport.self, ClosureReport.self, SLAReport.self, AdvisorsReport.self, EscalationsReport.self,
    StatusTimeReport.self, WorkbinsReport.self, OutcomesReport.self, PresenceReport.self, ServiceLevelReport.self,
  ]

  /// The dashboard's name: every report on one page.
  public static let dashboard = "dashboard"

  /// Every name `dcmc report` takes, in the order the dashboard shows them.
  public static let names: [String] = builders.map { $0.name } + [dashboard]

  /// A report, or the dashboard, chosen by name: `selection(named:)` is the one place a name
  /// is looked up, so what is computed is always a report the catalog has.
  public struct Selection: Sendable {
    fileprivate let builders: [any ReportBuilder.Type]
    /// Whether it is the dashboard (every report on one page) rather than one report.
    public let isDashboard: Bool

    /// Whether it shows what stands now: only then need the caller read a `ReportNow`.
    public var readsNow: Bool { builders.contains { $0.readsNow } }
  }

  /// The report or dashboard called `name` (one of `names`); `nil` for any other name.
  public static func selection(named name: String) -> Selection? {
    if name == dashboard { return Selection(builders: builders, isDashboard: true) }
    return builders.first { $0.name == name }.map { Selection(builders: [$0], isDashboard: false) }
  }

  /// What a selection computes: one report, or the dashboard of all of them.
  public enum Computed: Sendable {
    case report(Report)
    case dashboard(Dashboard)
  }

  /// `selection` over `facts` in the scope's period, from one pass over the facts.
  public static func compute(
    _ selection: Selection, scope: ReportScope, facts: any ReportFacts, now: ReportNow
  ) throws(RepositoryError) -> Computed {
    let reports = try run(selection.builders, scope: scope, facts: facts, now: now)
    if !selection.isDashboard, let report = reports.first { return .report(report) }
    return .dashboard(Dashboard(title: "Dashboard", period: scope.period, generatedAt: scope.now, reports: reports))
  }

  private static func run(
    _ types: [any ReportBuilder.Type], scope: ReportScope, facts: any ReportFacts, now: ReportNow
  ) throws(RepositoryError) -> [Report] {
    var builders: [any ReportBuilder] = types.map { $0.init(scope: scope) }
    try facts.rollups(in: scope.period.from..<scope.period.to) { rollup in
      for (group, figures) in rollup.groups where scope.admits(group) {
        for index in builders.indices { builders[index].add(group, figures) }
      }
      for index in builders.indices { builders[index].add(rollup.tasks) }
    }
    return builders.map { builder in
      Report(
        name: type(of: builder).name, title: type(of: builder).title, period: scope.period, generatedAt: scope.now,
        sections: builder.sections(now: now))
    }
  }
}
