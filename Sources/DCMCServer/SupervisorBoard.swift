import DCMCApplication
import DCMCBundle
import DCMCCalendar
import DCMCReports
import DCMCRuntime

/// What `/supervisor` shows a supervisor, read through the use cases at one instant: the
/// workbins of the workgroups they supervise with their active tasks (most urgent first), the
/// tasks at risk of or past their OLA or their case's SLA, the escalated tasks still open, and
/// the presence board of those workgroups' members. Data only; `SupervisorPage` renders it.
struct SupervisorBoard {
  /// A workbin: the workgroup and its active tasks, most urgent first (scheduled ones last).
  struct Workbin {
    var workgroup: BundleWorkgroup
    var tasks: [(task: TaskState, of: CaseState)]
  }

  let user: String
  let now: Instant
  let workbins: [Workbin]
  let presence: [PresenceView]

  /// The board of `user` at `cases`' instant; `nil` when `user` supervises no workgroup.
  init?(of user: String, cases: CaseService) throws(ServiceError) {
    let supervised = try cases.directory.workgroups().filter { $0.supervisors.contains(user) }
    guard !supervised.isEmpty else { return nil }
    self.user = user
    now = cases.clock.now()
    var workbins: [Workbin] = []
    for workgroup in supervised.sorted(by: { $0.id < $1.id }) {
      workbins.append(Workbin(workgroup: workgroup, tasks: try cases.tasks(inWorkbin: workgroup.id)))
    }
    self.workbins = workbins
    var seen: Set<String> = []
    var board: [PresenceView] = []
    if cases.presence != nil {
      let service = try cases.presenceService()
      for workbin in workbins {
        for view in try cases.listPresence(workgroup: workbin.workgroup.id, by: user, on: service)
        where seen.insert(view.user).inserted {
          board.append(view)
        }
      }
    }
    presence = board.sorted { $0.user < $1.user }
  }

  /// Whether `user` supervises some workgroup: who may open the supervisor's pages.
  static func supervises(_ user: String, cases: CaseService) throws(ServiceError) -> Bool {
    try cases.directory.workgroups().contains { $0.supervisors.contains(user) }
  }

  /// Every active task of the workbins, most urgent first within each workbin.
  var tasks: [(task: TaskState, of: CaseState)] { workbins.flatMap(\.tasks) }

  /// The tasks past their OLA or their case's SLA, and those within the at-risk window of
  /// either, in the workbins' order (`TaskPosition`) across the workbins.
  var late: [(task: TaskState, of: CaseState)] {
    Self.ordered(
      tasks.filter { task, state in
        let standing = standing(task, of: state)
        return max(standing.ola, standing.sla) != .onTime
      })
  }

  /// The active tasks made by an escalation, and those of escalated cases, in the same order.
  var escalations: [(task: TaskState, of: CaseState)] {
    Self.ordered(tasks.filter { task, state in task.level > 0 || state.status == .escalated })
  }

  private static func ordered(_ tasks: [(task: TaskState, of: CaseState)]) -> [(task: TaskState, of: CaseState)] {
    tasks.sorted { TaskPosition($0.task) < TaskPosition($1.task) }
  }

  /// A page of one of the board's lists (ordered by `TaskPosition`): at most `limit` tasks
  /// after `after` (from the first without it).
  struct Page {
    var tasks: [(task: TaskState, of: CaseState)]
    /// The list's tasks before the page, and in all.
    var skipped: Int
    var total: Int
    /// Where the next page starts after; `nil` on the last.
    var next: TaskPosition?

    init(of list: [(task: TaskState, of: CaseState)], after: TaskPosition?, limit: Int) {
      skipped = after.map { after in list.prefix { TaskPosition($0.task) <= after }.count } ?? 0
      tasks = Array(list.dropFirst(skipped).prefix(limit))
      total = list.count
      next = skipped + tasks.count < total ? tasks.last.map { TaskPosition($0.task) } : nil
    }
  }

  /// The workbin's summary figures: the `workbins` report's row for it at the board's instant.
  func figures(_ workbin: Workbin) -> WorkbinFigures { WorkbinFigures(workbin.tasks.map(\.task), at: now) }

  /// Where the task stands against its own OLA and against its case's SLA (one rule with the
  /// reports: `Standing`).
  func standing(_ task: TaskState, of state: CaseState) -> (ola: Standing, sla: Standing) {
    (Standing.ola(of: task, at: now), Standing.sla(of: state, at: now))
  }
}
