import DCMCBundle
import DCMCRuntime

/// Who may do what (SPEC section 4), checked once per command before the engine decides:
/// members (and supervisors) of a task's target claim its tasks and escalate one nobody holds;
/// its assignee opens it, and its assignee or a supervisor of its target releases, completes
/// or escalates it (a peer never acts on a task another advisor holds); supervisors also
/// assign tasks, move them and change their priority and OLA; a task's assignee or a
/// supervisor of its target reschedules it (a scheduled task: the advisor who last had it, or
/// a supervisor); a member of any of a case's targets pends, resumes, attaches to and links
/// the case, the assignee of one of its tasks or a supervisor of one of its targets updates
/// its data, and a supervisor of one cancels it and changes its SLA; a supervisor of any
/// workgroup, who may merge customer records, moves a merged record's cases. A user in no
/// workgroup can do nothing.
struct Permissions {
  /// A handful of workgroups of a few people each: searched, not hashed (building sets of
  /// them for every command cost more than the lookups they spared).
  private let workgroups: [BundleWorkgroup]

  init(_ workgroups: [BundleWorkgroup]) { self.workgroups = workgroups }

  func isKnown(_ user: String) -> Bool { workgroups.contains { Self.has(user, in: $0) } }

  func isMember(_ user: String, of target: String) -> Bool {
    workgroups.contains { $0.id == target && Self.has(user, in: $0) }
  }

  func isSupervisor(_ user: String, of target: String) -> Bool {
    workgroups.contains { $0.id == target && $0.supervisors.contains(user) }
  }

  /// Whether `user` supervises any workgroup: who may merge customer records.
  func isSupervisorAnywhere(_ user: String) -> Bool { workgroups.contains { $0.supervisors.contains(user) } }

  /// The workgroups `user` works in or supervises, sorted.
  func workgroups(of user: String) -> [String] {
    workgroups.filter { Self.has(user, in: $0) }.map(\.id).sorted()
  }

  private static func has(_ user: String, in group: BundleWorkgroup) -> Bool {
    group.members.contains { $0.user == user } || group.supervisors.contains(user)
  }

  /// Refuses `command` on `state` when `user` may not give it. A task the case lacks is left
  /// to the engine, which says so.
  func check(_ command: Command, on state: CaseState, by user: String) throws(ServiceError) {
    func refuse(_ reason: Refusal.Words) -> ServiceError { .refused(.forbidden(user: user, reason: reason)) }
    func member(_ task: TaskState, to action: String) throws(ServiceError) {
      guard isMember(user, of: task.target) else {
        throw refuse("'\(user)' is not a member of '\(task.target)' and may not \(action)")
      }
    }
    func supervisor(_ task: TaskState, to action: String) throws(ServiceError) {
      guard isSupervisor(user, of: task.target) else {
        throw refuse("'\(user)' is not a supervisor of '\(task.target)' and may not \(action)")
      }
    }
    /// Only the task's assignee, or (`orSupervisor`) a supervisor of its target, or
    /// (`lastHolder`) of a scheduled task, which nobody holds, the advisor who last had it.
    func holder(_ task: TaskState, to action: String, orSupervisor: Bool = true, lastHolder: Bool = false)
      throws(ServiceError)
    {
      if lastHolder, task.status == .scheduled, task.handledBy == user { return }
      guard task.assignee == user || (orSupervisor && isSupervisor(user, of: task.target)) else {
        // A task nobody holds is refused for its state to a user of its workgroup, who may
        // claim it (or wait for it) and try again: 409 in the API, as a supervisor's refusal by
        // the engine is; the same words were 403, read as "never". To anyone else, forbidden:
        // for a queued task as not a member (they could not claim it either); so is moving the
        // return of a task away, which only its last holder or a supervisor ever may.
        let theirsToMove = lastHolder && task.status == .scheduled
        guard task.assignee != nil || theirsToMove || !isMember(user, of: task.target) else {
          throw .refused(.rule(Refusal(.wrongState, quoting: notHeld(task, to: action, lastHolder: lastHolder))))
        }
        if task.assignee == nil, task.status == .queued { try member(task, to: action) }
        throw refuse(notHeld(task, to: action, lastHolder: lastHolder))
      }
    }
    /// Why a user who does not hold `task` may not `action` it: whose it is, or for a task
    /// nobody holds, what would make it theirs. Only a queued task is claimed: an offered one
    /// is its offeree's to answer, and a scheduled one nobody's until it returns (for a
    /// reschedule, `lastHolder`, the refusal names who may move its return).
    func notHeld(_ task: TaskState, to action: String, lastHolder: Bool) -> Refusal.Words {
      if let assignee = task.assignee { return "task '\(task.id)' is assigned to '\(assignee)', not '\(user)'" }
      switch task.status {
      case .offered: return "task '\(task.id)' is offered to '\(task.offer?.to ?? "")', not '\(user)'"
      case .scheduled:
        guard lastHolder else { return task.scheduledWords }
        let last = task.handledBy.map { "the advisor who last had it ('\($0)') or " } ?? ""
        return "\(task.scheduledWords); only \(last)a supervisor of '\(task.target)' may \(action) it"
      default: return "task '\(task.id)' is not assigned; claim it before you \(action) it"
      }
    }
    /// A supervisor of a target of one of the case's tasks.
    func caseSupervisor(to action: String) throws(ServiceError) {
      guard supervisesCase else { throw refuse("'\(user)' supervises none of the case's targets and may not \(action)") }
    }
    var supervisesCase: Bool { state.tasks.contains(where: { isSupervisor(user, of: $0.target) }) }
    func caseMember(to action: String) throws(ServiceError) {
      guard state.tasks.contains(where: { isMember(user, of: $0.target) }) else {
        throw refuse("'\(user)' works on none of the case's targets and may not \(action)")
      }
    }
    switch command {
    case .create, .tick, .markDelivered, .offer, .withdrawOffer: return
    // An offer is answered by the user it was made to, which the engine checks (it is the
    // task's state), as it checks the tier of a claim.
    case .acceptOffer, .declineOffer: return
    case .cancel, .pend, .resume, .attach:
      // A finished case is the engine's to refuse: its state, not the user, is the reason.
      guard !state.isFinished else { return }
      switch command {
      case .cancel: try caseSupervisor(to: "cancel the case")
      case .pend: try caseMember(to: "put the case on hold")
      case .resume: try caseMember(to: "resume the case")
      default: try caseMember(to: "attach files to the case")
      }
    case .link: try caseMember(to: "link interactions to the case")
    case .moveCustomer:
      // The merge that moves the case was authorised (a supervisor of some workgroup): no
      // check of the case's own targets, whose supervisors may not know the customer.
      guard isSupervisorAnywhere(user) else {
        throw refuse("'\(user)' supervises no workgroup and may not move cases between customers")
      }
    case .update:
      guard !state.isFinished else { return }
      guard state.activeTasks.contains(where: { $0.assignee == user }) || supervisesCase else {
        throw refuse("'\(user)' neither holds a task of the case nor supervises its targets and may not update it")
      }
    case .linkCustomer: try caseSupervisor(to: "link the case to a customer")
    case .setSLA:
      guard !state.isFinished else { return }
      try caseSupervisor(to: "change the case's SLA")
    case .claim(let id), .assign(let id, _), .open(let id), .release(let id), .complete(let id, _, _),
      .escalate(let id), .reassign(let id, _), .setPriority(let id, _), .setOLA(let id, _, _),
      .reschedule(let id, _):
      guard let task = state.task(id), task.status.isActive, !state.isFinished else { return }
      switch command {
      case .claim: try member(task, to: "claim its tasks")
      case .assign: try supervisor(task, to: "assign its tasks")
      case .open: try holder(task, to: "open", orSupervisor: false)
      case .complete: try holder(task, to: "complete")
      case .release: try holder(task, to: "release")
      case .escalate:
        // An unassigned task is any member's to escalate; a held one only its holder's or a
        // supervisor's.
        if task.assignee == nil { try member(task, to: "escalate its tasks") } else { try holder(task, to: "escalate") }
      case .reassign: try supervisor(task, to: "move its tasks")
      case .reschedule:
        // A scheduled task is held by nobody: the advisor who last had it may move its return.
        try holder(task, to: "reschedule", lastHolder: true)
      case .setPriority: try supervisor(task, to: "change the priority of its tasks")
      default: try supervisor(task, to: "change the OLA of its tasks")
      }
    }
  }
}
