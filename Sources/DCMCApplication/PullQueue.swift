import DCMCBundle
import DCMCRuntime

/// What `task next` sees for one user (SPEC section 15): the queued tasks of their
/// workgroups, most urgent first, each with the engine of its case's bundle, and the weight of
/// the tasks they hold there (assigned, in progress or offered to them).
///
/// A member's capacity is the one their entry in the task's workgroup gives: a user in two
/// workgroups holds one load, counted over both, and may take a task while that load plus the
/// task's weight is at most their capacity in the task's workgroup. A supervisor who is no
/// member of the task's workgroup has no capacity there and is not limited.
struct PullQueue {
  let user: String
  let workgroups: [BundleWorkgroup]
  var waiting: [(task: TaskState, of: CaseState, engine: Engine)] = []
  /// The summed weight of the tasks the user holds.
  var held = 0

  /// The refusal taking `task` of `state` earns for capacity; `nil` when it fits.
  func shortfall(_ task: TaskState, of state: CaseState, _ engine: Engine) -> ServiceRefusal? {
    let member = workgroups.first { $0.id == task.target }?.members.first { $0.user == user }
    guard let capacity = member?.capacity else { return nil }
    let weight = engine.definitions.weight(of: task, in: state)
    guard held + weight > capacity else { return nil }
    return .overCapacity(user: user, holds: held, capacity: capacity, workgroup: task.target, weight: weight)
  }

  /// The task `task next` gives now: the most urgent the user may pull (skills tier) and can
  /// hold (capacity).
  var next: (task: TaskState, of: CaseState)? {
    waiting.first {
      $0.engine.mayPull($0.task, of: $0.of, user: user) && shortfall($0.task, of: $0.of, $0.engine) == nil
    }
    .map { ($0.task, $0.of) }
  }
}

extension TaskState {
  /// Whose capacity the task takes: its assignee while in hand, the user it is offered to
  /// while offered (an offer holds its room until it is answered or withdrawn); `nil` otherwise.
  public var holder: String? {
    if isInHand { return assignee }
    return status == .offered ? offer?.to : nil
  }
}
