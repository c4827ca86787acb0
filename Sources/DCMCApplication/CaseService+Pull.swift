import DCMCBundle
public import DCMCRuntime

extension CaseService {
  /// Claims the most urgent task `user` may take (no cherry-picking): highest priority first,
  /// then the earliest OLA due time, then the oldest, among those that fit the user's capacity
  /// (`PullQueue`); only the workbins of the user's workgroups are read. Returns the task and
  /// its case after the claim. When tasks wait but none fits, the refusal names the load.
  /// The load's read, the choice and the claim are one step for the user (the store's claim
  /// lock, `CaseRepository.exclusively`): of two `task next` by one user at once, the second
  /// sees the first's task in the load.
  ///
  /// A `request` is recorded on the claim and in the store's request index; a retry with it
  /// returns the task it claimed, as it is now, claiming nothing (`pulled`).
  public func claimNext(by user: String?, request: CommandRequest? = nil) throws(ServiceError)
    -> (task: TaskState, of: CaseState)
  {
    let workgroups = try directory.workgroups()
    let permissions = Permissions(workgroups)
    let user = try permitted(user, permissions)
    return try repository.exclusively(claimingFor: user) { () throws(ServiceError) in
      if let request, let pulled = try pulled(request, by: user, permissions) { return pulled }
      let queue = try pullQueue(for: user, permissions, workgroups)
      var full: ServiceRefusal?
      for (task, state, engine) in queue.waiting where engine.mayPull(task, of: state, user: user) {
        if let shortfall = queue.shortfall(task, of: state, engine) {
          full = full ?? shortfall
          continue
        }
        // The list was read without the store's lock: another user may have taken the task
        // since. The claim, decided on the case as it is now, then refuses it, and the next
        // task is tried.
        let after: CaseState
        do throws(ServiceError) {
          after = try change(.claim(task: task.id), onCase: state.id, by: user, workgroups: workgroups, request: request)
            .after
        } catch {
          if case .refused(.rule) = error { continue }
          throw error
        }
        return (after.task(task.id) ?? task, after)
      }
      throw .refused(full ?? .nothingToPull(user: user))
    }
  }

  /// Claims task `taskID` of case `id` for `user`. A member of the task's workgroup (who does
  /// not supervise it) may claim only what `task next` would give them now, unless the task
  /// says `allow_claim: true`, and only within their capacity; a supervisor of the workgroup
  /// claims any of its tasks. Everything else is the engine's and the permissions' to refuse.
  /// The check and the claim are one step for the user, as `claimNext`'s.
  func claim(
    _ taskID: String, onCase id: String, by user: String?, request: CommandRequest? = nil,
    expecting: [String: String] = [:]
  ) throws(ServiceError) -> CaseChangeSet {
    let workgroups = try directory.workgroups()
    let permissions = Permissions(workgroups)
    guard let user, permissions.isKnown(user) else {
      return try change(
        .claim(task: taskID), onCase: id, by: user, workgroups: workgroups, request: request, expecting: expecting)
    }
    return try repository.exclusively(claimingFor: user) { () throws(ServiceError) in
      let state = try load(id)
      let engine = try engine(for: state, workgroups)
      if let task = state.task(taskID), task.status == .queued, !state.isFinished,
        permissions.isMember(user, of: task.target), !permissions.isSupervisor(user, of: task.target),
        engine.mayPull(task, of: state, user: user)
      {
        let queue = try pullQueue(for: user, permissions, workgroups)
        if let shortfall = queue.shortfall(task, of: state, engine) { throw .refused(shortfall) }
        let next = queue.next?.task.id
        if next != task.id, !engine.definitions.allowsClaim(task, in: state) {
          throw .refused(.notNextTask(user: user, task: task.id, next: next))
        }
      }
      return try change(
        .claim(task: taskID), onCase: id, by: user, workgroups: workgroups, request: request, expecting: expecting)
    }
  }

  /// The task `user`'s pull with `request` claimed, in its present state, wherever it is now
  /// (completed, released, given to another, its case closed): the claim's case is the one the
  /// store's request index names (`recorded`). A claim recorded before the index kept
  /// commands' requests (7 December 2026) is found only while its user holds the task, in the
  /// history of the cases whose tasks they hold in their workgroups' workbins.
  private func pulled(_ request: CommandRequest, by user: String, _ permissions: Permissions) throws(ServiceError)
    -> (task: TaskState, of: CaseState)?
  {
    if let (id, event) = try recorded(request, onCase: nil, by: user) {
      let now = try load(id)
      guard case .taskAssigned(let number, _) = event.change, let claimed = now.tasks.first(where: { $0.number == number })
      else { throw .refused(.requestReused(request: request.id, case: id)) }
      return (claimed, now)
    }
    let groups = permissions.workgroups(of: user)
    let found = served(try ServiceError.wrap { () throws(RepositoryError) in try queries.activeTasks(in: groups) })
    var read: Set<String> = []
    for (task, state) in found where task.holder == user && read.insert(state.id).inserted {
      guard let (_, event) = try recorded(request, onCase: state.id, by: user) else { continue }
      let now = try load(state.id)
      if case .taskAssigned(let number, _) = event.change, let claimed = now.tasks.first(where: { $0.number == number }) {
        return (claimed, now)
      }
      return (task, now)
    }
    return nil
  }

  /// The queue `task next` reads for `user`: the queued tasks of their workgroups' workbins
  /// and the ones they hold there, read once without the lock.
  func pullQueue(for user: String, _ permissions: Permissions, _ workgroups: [BundleWorkgroup]) throws(ServiceError)
    -> PullQueue
  {
    let groups = permissions.workgroups(of: user)
    let found = served(try ServiceError.wrap { () throws(RepositoryError) in try queries.activeTasks(in: groups) })
    var queue = PullQueue(user: user, workgroups: workgroups)
    var engines: [String: Engine] = [:]
    for (task, state) in found where task.status == .queued || task.holder == user {
      let engine = try self.engine(for: state, workgroups, cached: &engines)
      if task.status == .queued {
        queue.waiting.append((task, state, engine))
      } else {
        queue.held += engine.definitions.weight(of: task, in: state)
      }
    }
    queue.waiting.sort { Engine.isMoreUrgent($0.task, than: $1.task) }
    return queue
  }
}
