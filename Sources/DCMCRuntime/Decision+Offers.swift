import DCMCBundle
import DCMCCalendar

// Offers of push tasks (SPEC section 15, `docs/runtime.md`, "Offers"): the engine keeps an
// offer on its task and refuses what the case says cannot be; who is ready and has capacity
// is the application's to know, and `Distribution` decides who is offered what. The OLA of an
// offered task keeps running: nobody holds it yet, and the customer waits as for a queued one.

extension Decision {
  /// Offers a queued push task to `user` until now plus its offer time-out. Refused: a task
  /// that is not queued (offered already, held, scheduled or ended), a pulled task, a user who
  /// is no member of its target or whose skill does not reach the tier offered now, and a user
  /// who declined it less than its time-out ago.
  mutating func offer(_ task: TaskState, to user: String) throws(Refusal) {
    try requireActive(task)
    try requireNotScheduled(task)
    guard task.status == .queued else { throw heldRefusal(task) }
    let dispatch = definitions.dispatch(of: try definition(of: task), in: task.target)
    guard dispatch.mode == .push else { throw Refusal(.wrongState, "task '\(task.id)' is pulled, not pushed") }
    guard definitions.isMember(user, of: task.target) else {
      throw Refusal(.notFound, "'\(user)' is not a member of '\(task.target)'")
    }
    try requireTier(task, for: user)
    if let decline = task.declines.first(where: { $0.user == user && $0.until > now }) {
      throw Refusal(.forbidden, quoting: "'\(user)' declined task '\(task.id)' until \(decline.until)")
    }
    let expires = try later(by: dispatch.offerTimeoutSeconds, for: "the offer of task '\(task.id)'")
    emit(.taskOffered(task: task.number, to: user, expires: expires))
  }

  /// The acting user takes the task offered to them: it is assigned to them.
  mutating func acceptOffer(_ task: TaskState) throws(Refusal) {
    try requireStandingOffer(of: task)
    emit(.offerAccepted(task: task.number))
    notify(.taskAssigned, task: task.number)
  }

  /// The acting user turns down the task offered to them, with a reason code: it goes back to
  /// the queue, and is not offered to them again before now plus its offer time-out.
  mutating func declineOffer(_ task: TaskState, reason: String) throws(Refusal) {
    try requireStandingOffer(of: task)
    guard !reason.allSatisfy(\.isWhitespace) else { throw Refusal(.invalidInput, "a decline needs a reason") }
    let timeout = definitions.dispatch(of: try definition(of: task), in: task.target).offerTimeoutSeconds
    emit(.offerDeclined(task: task.number, reason: reason, until: try later(by: timeout, for: "the decline of task '\(task.id)'")))
  }

  /// Withdraws the offer of task `number` when its time-out comes (the `offer_timeout` timer):
  /// the task is queued again, and the event names the user who did not answer.
  mutating func withdrawOffer(_ number: Int) {
    guard let task = state.tasks.first(where: { $0.number == number }), let offer = task.offer else { return }
    emit(.offerExpired(task: number, user: offer.to))
  }

  /// Withdraws the offer of `task` standing to `user`, who left `ready` (`reason`: where they
  /// went, as `PresenceStatus.label` writes it), before its time-out: the task is queued
  /// again, for the next ready user, and nobody is counted a RONA. Refused as an answer is:
  /// an offer made to someone else (since answered, expired or made again), and one past its
  /// time-out, which the tick withdraws as unanswered (`withdrawOffer(_:)`), so an offer is
  /// withdrawn once.
  mutating func withdrawOffer(_ task: TaskState, from user: String, reason: String) throws(Refusal) {
    try requireStandingOffer(of: task, to: user)
    emit(.offerWithdrawn(task: task.number, user: user, reason: reason))
  }

  /// Refuses an answer to an offer (or its withdrawal) unless `task` stands offered to `to`
  /// (the acting user unless given) and its offer has not timed out (at its expiry it is too
  /// late).
  private func requireStandingOffer(of task: TaskState, to: String? = nil) throws(Refusal) {
    let user = to ?? self.user
    try requireActive(task)
    guard let offer = task.offer, task.status == .offered else {
      throw Refusal(.wrongState, "task '\(task.id)' is \(task.status.rawValue), not offered")
    }
    guard offer.to == user else { throw Refusal(.forbidden, "task '\(task.id)' is not offered to '\(user)'") }
    guard now < offer.expires else {
      throw Refusal(.wrongState, quoting: "the offer of task '\(task.id)' expired at \(offer.expires)")
    }
  }
}
