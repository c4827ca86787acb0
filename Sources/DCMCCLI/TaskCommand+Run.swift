import DCMCDiagnostics
import DCMCRuntime
import DCMCStore

extension TaskCommand {
  /// Runs a task request on the store and prints its result.
  static func run(_ request: Request, _ options: RuntimeOptions, _ terminal: Terminal) throws(UsageError) -> Int32 {
    switch request {
    case .list(let workbin, let mine):
      return try RuntimeOptions.runFiltered(terminal) { () throws(CaseStoreError) -> Result<String, UsageError> in
        let store = try options.openStore()
        let found = try store.activeTasks(in: workbin.map { [$0] })
        // An empty workbin must at least be a deployed workgroup's, or be a typo.
        if let workbin, found.isEmpty {
          let deployed = try store.deployedBundle()?.workgroups.map(\.id) ?? []
          if !deployed.contains(workbin) {
            let active = Set(try store.activeTasks(in: nil).map(\.task.target)).subtracting(deployed)
            return .failure(.unknown("workbin", workbin, plural: "workbins", among: deployed + active.sorted()))
          }
        }
        let shown = found.filter { task, _ in !mine || task.assignee == options.user }
          .sorted { Engine.isMoreUrgent($0.task, than: $1.task) }
        return .success(
          options.json
            ? JSONValue.array(shown.map { RuntimeOutput.task($0.0, of: $0.1) }).pretty()
            : shown.map { RuntimeOutput.taskText($0.0) }.joined(separator: "\n"))
      }
    case .next(let user):
      return RuntimeOptions.run(terminal) { () throws(CaseStoreError) in try next(user, options) }
    case .change(let id, let caseID, let command):
      return RuntimeOptions.run(terminal) { () throws(CaseStoreError) in
        let state = try options.openStore().execute(command, onCase: caseID, by: options.user, at: options.now)
        guard let task = state.task(id) else { return RuntimeOutput.caseText(state) }
        return options.json ? RuntimeOutput.task(task, of: state).pretty() : RuntimeOutput.taskText(task)
      }
    }
  }

  /// Claims the most urgent task `user` may take, and prints it.
  private static func next(_ user: String, _ options: RuntimeOptions) throws(CaseStoreError) -> String {
    let store = try options.openStore()
    // Only the workbins of the user's workgroups are read.
    guard let bundle = try store.deployedBundle() else {
      throw .notDeployed("nothing is deployed; run 'dcmc deploy' first")
    }
    let groups = bundle.workgroups.filter { group in
      group.members.contains { $0.user == user } || group.supervisors.contains(user)
    }
    let tasks = try store.activeTasks(in: groups.map(\.id)).sorted { Engine.isMoreUrgent($0.task, than: $1.task) }
    for (task, state) in tasks where try store.engine(for: state).mayPull(task, of: state, user: user) {
      // The list was read without the lock: another process may have taken the task
      // since. The claim, decided under the lock on the case's history, then refuses
      // it, and the next task is tried.
      let after: CaseState
      do throws(CaseStoreError) {
        after = try store.execute(.claim(task: task.id), onCase: state.id, by: user, at: options.now)
      } catch {
        if case .refused = error { continue }
        throw error
      }
      let claimed = after.task(task.id) ?? task
      return options.json
        ? RuntimeOutput.task(claimed, of: after).pretty() : "claimed " + RuntimeOutput.taskText(claimed)
    }
    throw .refused(Refusal(.notFound, "no task that '\(user)' may take is waiting"))
  }
}
