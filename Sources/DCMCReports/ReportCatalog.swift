public import DCMCApplication

/// The reports of SPEC section 16 by name, and the one pass over the period's facts that
/// computes one of them or, for the dashboard, all of them at once.
public enum ReportCatalog {
  static let builders: [any ReportBuilder.Type] = [
    CasesReport.self, ClosureReport.self, SLAReport.self, AdvisorsReport.self, EscalationsReport.self,
    StatusTimeReport.self, WorkbinsReport.self, OutcomesReport.self, PresenceReport.self, ServiceLevelReport.self,
  ]

  /// The dashboard's name: every report on one page.
  public static let dashboard = "dashboard"

  /// Every name `dcmc report` takes, in the order the dashboard shows them.
  public static let names: [String] = builders.map { $0.name } + [dashboard]

  /// Whether the report `name` (or the dashboard) shows what stands now: only then need the
  /// caller read a `ReportNow`.
  public static func readsNow(_ name: String) -> Bool {
    name == dashboard || builders.contains { $0.name == name && $0.readsNow }
  }

  /// The report `name` (one of `names` but the dashboard) over `facts` in the scope's period.
  public static func report(
    _ name: String, scope: ReportScope, facts: any ReportFacts, now: ReportNow
  ) throws(RepositoryError) -> Report {
    guard let builder = builders.first(where: { $0.name == name }) else {
      preconditionFailure("no report '\(name)'")
    }
    return try run([builder], scope: scope, facts: facts, now: now)[0]
  }

  /// Every report, from one pass over the facts.
  public static func dashboard(
    scope: ReportScope, facts: any ReportFacts, now: ReportNow
  ) throws(RepositoryError) -> Dashboard {
    Dashboard(
      title: "Dashboard", period: scope.period, generatedAt: scope.now,
      reports: try run(builders, scope: scope, facts: facts, now: now))
  }

  private static func run(
    _ types: [any ReportBuilder.Type], scope: ReportScope, facts: any ReportFacts, now: ReportNow
  ) throws(RepositoryError) -> [Report] {
    var builders: [any ReportBuilder] = types.map { $0.init(scope: scope) }
    try facts.facts(in: scope.period.from..<scope.period.to) { fact in
      guard scope.admits(fact) else { return }
      for index in builders.indices { builders[index].add(fact) }
    }
    return builders.map { builder in
      Report(
        name: type(of: builder).name, title: type(of: builder).title, period: scope.period, generatedAt: scope.now,
        sections: builder.sections(now: now))
    }
  }
}
