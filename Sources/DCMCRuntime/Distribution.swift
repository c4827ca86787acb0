public import DCMCCalendar

/// The push decision (SPEC section 15): which queued push task is offered to which ready
/// user. Pure, and given plain values: who is ready, since when and with how much free
/// capacity is the application's (its presence registry), what is queued the cases'.
///
/// The rule: the most urgent task (`Urgency`, the order of `task next`), within its current
/// skills tier, goes to the eligible ready user with free capacity for its weight who has
/// waited longest (`Candidate.waitingSince`); ties go to the higher proficiency in the task's
/// skill, then the smaller user id. Then the next task, with each offer's weight taken off its
/// user's free capacity, until no task fits any user. A task gets one offer at most.
///
/// One pass over the tasks, most urgent first, is the whole rule: free capacity only shrinks
/// while offers are made, so a task nobody can take when its turn comes stays so. Hence the
/// two entry points, for a queue that was settled (no ready user with room had a task it may
/// take left unoffered) before one change: `offers(toAvailable:queue:at:)` when a user becomes
/// ready or frees capacity, `offers(forQueued:among:at:)` when tasks are queued (created,
/// declined, withdrawn, returned) or a tier widens. Each gives what the whole rule would give
/// on the settled queue after the change, at a cost that follows the offers made, not the
/// queue's length.
public enum Distribution {
  /// Offers for `user`, who just became ready or freed capacity, from `queue`: the tasks
  /// queued in the workbins they work in, unoffered, **most urgent first**, read lazily.
  /// They take the tasks they may in that order until they are full: the backlog drains most
  /// urgent first. On a settled queue nobody else could take these tasks, so they are theirs.
  ///
  /// Cost: O(k + s) for k offers made and s tasks passed over before the user is full (of a
  /// tier they do not reach, declined by them, or heavier than the room left); `queue` is not
  /// read past that.
  public static func offers(
    toAvailable user: Candidate, queue: some Sequence<QueuedTask>, at now: Instant
  ) -> [Offer] {
    offers(mostUrgentFirst: queue, among: [user], at: now)
  }

  /// Offers for `tasks`, just queued or widened a tier, among `candidates`: the ready users
  /// with free capacity who may be eligible (a user who is full, or not ready, gets nothing
  /// and may be left out). The tasks are taken most urgent first, whatever their order here.
  ///
  /// Cost: O(n log n + n·c) for n tasks and c candidates. Given the whole queue and every
  /// user, this is the whole decision, in O(T log T + T·U).
  public static func offers(forQueued tasks: [QueuedTask], among candidates: [Candidate], at now: Instant)
    -> [Offer]
  {
    offers(mostUrgentFirst: tasks.sorted { $0.urgency < $1.urgency }, among: candidates, at: now)
  }

  /// The rule over `queue`, most urgent first, stopping once no candidate has room left.
  /// The offers come in the order they were made.
  private static func offers(
    mostUrgentFirst queue: some Sequence<QueuedTask>, among candidates: [Candidate], at now: Instant
  ) -> [Offer] {
    var free = candidates.map { $0.isReady ? $0.freeCapacity : 0 }
    var offers: [Offer] = []
    for task in queue {
      guard free.contains(where: { $0 > 0 }) else { break }
      var best: Int?
      for index in candidates.indices where free[index] >= task.weight && candidates[index].mayTake(task, at: now) {
        if let chosen = best, !candidates[index].waitedLonger(than: candidates[chosen], for: task) { continue }
        best = index
      }
      guard let best else { continue }
      free[best] -= task.weight
      offers.append(Offer(task: task.id, user: candidates[best].user))
    }
    return offers
  }
}
