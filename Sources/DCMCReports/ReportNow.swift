public import DCMCApplication
public import DCMCRuntime

/// What stands at the report's instant, read once from `CaseQueries` for the reports that
/// show it: the cases not finished and the active tasks, within the scope's filters.
public struct ReportNow: Sendable {
  public var openCases: [CaseState]
  public var activeTasks: [(task: TaskState, of: CaseState)]

  public init(openCases: [CaseState], activeTasks: [(task: TaskState, of: CaseState)]) {
    self.openCases = openCases
    self.activeTasks = activeTasks
  }

  /// The open cases of the scope's types and the active tasks of its types and workbins, in
  /// one query of the cases not finished (`CaseFilter.open`: an adapter with an index of them
  /// reads only those). Damaged cases are left out (the lists name them; a report counts what
  /// it can read).
  public init(_ queries: any CaseQueries, scope: ReportScope) throws(RepositoryError) {
    openCases = try queries.cases(CaseFilter(open: true)).cases.filter { scope.admits(type: $0.type) }
      .sorted { $0.id < $1.id }
    activeTasks = try queries.activeTasks(in: scope.targets.map { $0.sorted() }).tasks.filter {
      scope.admits(type: $0.of.type)
    }
  }
}
