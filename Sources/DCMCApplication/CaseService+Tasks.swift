public import DCMCBundle
public import DCMCRuntime

extension CaseService {
  /// The active tasks of one workbin (all when `nil`), held by `holder` when given, most
  /// urgent first; scheduled tasks, out of the queue, after the others, by return time. A
  /// workbin that is no workgroup of the directory and holds no task is refused as an unknown
  /// value, with the values that exist.
  public func tasks(inWorkbin target: String?, heldBy holder: String? = nil) throws(ServiceError)
    -> [(task: TaskState, of: CaseState)]
  {
    // A holder's tasks of every workbin (`task list --mine`, the desk's "My tasks") are read
    // from the held tasks, not from every workbin: a holder holds few, the workbins may hold
    // thousands (before 6 December 2026 the desk read every active task of the store).
    let found = served(
      try ServiceError.wrap { () throws(RepositoryError) in
        if let holder, target == nil { return try queries.heldTasks(of: holder) }
        return try queries.activeTasks(in: target.map { [$0] })
      })
    if let target, found.isEmpty {
      let workgroups = try directory.workgroups().map(\.id)
      if !workgroups.contains(target) {
        let active = Set(try ServiceError.wrap { () throws(RepositoryError) in try queries.activeTasks(in: nil) }
          .tasks.map(\.task.target)).subtracting(workgroups)
        throw .refused(.unknownValue(of: .workbin, target, valid: workgroups + active.sorted()))
      }
    }
    return found.filter { task, _ in holder == nil || task.assignee == holder }
      .sorted { TaskPosition($0.task) < TaskPosition($1.task) }
  }

  /// The view of `state` (SPEC section 13), its form values typed by the bundle it runs on.
  public func view(_ state: CaseState) throws(ServiceError) -> CaseView {
    CaseView(state, definitions: CaseView.needsDefinitions(state) ? try definitions.definitions(state.bundle) : nil)
  }

  /// The cases that match `filter`, oldest first; with a customer, those of the record its id
  /// stands for and of the records merged into it (`cases(ofCustomer:_:)`). A case type that is
  /// not deployed and that no case has is refused as an unknown value, with the values that exist;
  /// so is a customer id that names no record (as `--type` and `--status` are, SPEC section 8),
  /// and a customer with `unidentified`, which no case matches (before 7 December 2026 that
  /// list was empty, as if the customer's cases were all identified).
  public func cases(_ filter: CaseFilter) throws(ServiceError) -> [CaseState] {
    if filter.customer != nil, filter.unidentified { throw .refused(.customerWithUnidentified) }
    let found: [CaseState]
    if let id = filter.customer {
      let kept: String
      do {
        kept = try customerService(for: id).resolved(id).id
      } catch {
        switch error {
        case .refused(.noSuchCustomer), .refused(.invalidID): throw .refused(.unknownValue(of: .customer, id, valid: []))
        default: throw error
        }
      }
      found = try cases(ofCustomer: kept, filter)
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

extension CaseService {
  /// The active tasks filed in a workbin that none of `workgroups` is, counted by workbin
  /// in its order: after a deployment that drops or renames a workgroup, no member may take
  /// them and no supervisor may move them, since both are checked against the latest
  /// deployment's workgroups (`dcmc deploy` warns of them).
  public func strandedTasks(outside workgroups: [BundleWorkgroup]) throws(ServiceError)
    -> [(workbin: String, tasks: Int)]
  {
    let known = Set(workgroups.map(\.id))
    let found = served(try ServiceError.wrap { () throws(RepositoryError) in try queries.activeTasks(in: nil) })
    var counts: [String: Int] = [:]
    for (task, _) in found where !known.contains(task.target) { counts[task.target, default: 0] += 1 }
    return counts.keys.sorted().map { ($0, counts[$0] ?? 0) }
  }
}
