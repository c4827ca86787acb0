public import DCMCRuntime

extension CaseService {
  /// Claims the most urgent task `user` may take (no cherry-picking): highest priority first,
  /// then the earliest OLA due time, then the oldest; only the workbins of the user's
  /// workgroups are read. Returns the task and its case after the claim.
  public func claimNext(by user: String?) throws(ServiceError) -> (task: TaskState, of: CaseState) {
    let workgroups = try directory.workgroups()
    let permissions = Permissions(workgroups)
    let user = try permitted(user, permissions)
    let groups = permissions.workgroups(of: user)
    let waiting = served(try ServiceError.wrap { () throws(RepositoryError) in try queries.activeTasks(in: groups) })
      .sorted { Engine.isMoreUrgent($0.task, than: $1.task) }
    for (task, state) in waiting where try engine(for: state, workgroups).mayPull(task, of: state, user: user) {
      // The list was read without a lock: another writer may have taken the task since. The
      // claim, decided on the case as it is now, then refuses it, and the next task is tried.
      let after: CaseState
      do throws(ServiceError) {
        after = try execute(.claim(task: task.id), onCase: state.id, by: user, workgroups: workgroups)
      } catch {
        if case .refused(.rule) = error { continue }
        throw error
      }
      return (after.task(task.id) ?? task, after)
    }
    throw .refused(.nothingToPull(user: user))
  }

  /// The active tasks of one workbin (all when `nil`), held by `holder` when given, most
  /// urgent first; scheduled tasks, out of the queue, after the others, by return time. A
  /// workbin that is no workgroup of the directory and holds no task is refused as an unknown
  /// value, with the values that exist.
  public func tasks(inWorkbin target: String?, heldBy holder: String? = nil) throws(ServiceError)
    -> [(task: TaskState, of: CaseState)]
  {
    let found = served(
      try ServiceError.wrap { () throws(RepositoryError) in try queries.activeTasks(in: target.map { [$0] }) })
    if let target, found.isEmpty {
      let workgroups = try directory.workgroups().map(\.id)
      if !workgroups.contains(target) {
        let active = Set(try ServiceError.wrap { () throws(RepositoryError) in try queries.activeTasks(in: nil) }
          .tasks.map(\.task.target)).subtracting(workgroups)
        throw .refused(.unknownValue(of: .workbin, target, valid: workgroups + active.sorted()))
      }
    }
    return found.filter { task, _ in holder == nil || task.assignee == holder }
      .sorted { a, b in
        switch (a.task.scheduledUntil, b.task.scheduledUntil) {
        case (nil, nil): Engine.isMoreUrgent(a.task, than: b.task)
        case (nil, .some): true
        case (.some, nil): false
        case (let x?, let y?): (x, a.task.id) < (y, b.task.id)
        }
      }
  }

  /// The view of `state` (SPEC section 13), its form values typed by the bundle it runs on.
  public func view(_ state: CaseState) throws(ServiceError) -> CaseView {
    CaseView(state, definitions: CaseView.needsDefinitions(state) ? try definitions.definitions(state.bundle) : nil)
  }

  /// The cases that match `filter`, oldest first; with a customer, those of the record its id
  /// stands for and of the records merged into it (`cases(ofCustomer:_:)`). A case type that is
  /// not deployed and that no case has is refused as an unknown value, with the values that exist.
  public func cases(_ filter: CaseFilter) throws(ServiceError) -> [CaseState] {
    let found: [CaseState]
    if let id = filter.customer {
      found = try cases(ofCustomer: try customerService(for: id).resolved(id).id, filter)
    } else {
      found = served(try ServiceError.wrap { () throws(RepositoryError) in try queries.cases(filter) })
    }
    if let type = filter.type, found.isEmpty {
      let deployed = try definitions.deployed().bundle.caseTypes.map(\.id)
      if !deployed.contains(type) {
        let stored = Set(try ServiceError.wrap { () throws(RepositoryError) in try queries.cases(CaseFilter()) }
          .cases.map(\.type)).subtracting(deployed)
        throw .refused(.unknownValue(of: .caseType, type, valid: deployed + stored.sorted()))
      }
    }
    return found
  }

  /// Every event of case `id`.
  public func history(of id: String) throws(ServiceError) -> [CaseEvent] {
    guard let events = try ServiceError.wrap({ () throws(RepositoryError) in try repository.history(of: id) }) else {
      throw .refused(.noSuchCase(id))
    }
    return events
  }
}
