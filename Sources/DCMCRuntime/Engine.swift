import DCMCBundle
public import DCMCCalendar

/// The pure core of the runtime: `decide(command, state, user, now)` gives the events a
/// command causes, or why it is refused; `CaseState.evolve` applies them. No disk, no clock.
public struct Engine: Sendable {
  public let definitions: RuntimeDefinitions

  public init(definitions: RuntimeDefinitions) { self.definitions = definitions }

  /// The events `command` causes on the case `state` (`nil` for `create`), acting as
  /// `user` at `now`, numbered after the case's last event. `customer` is the context of the
  /// customer of a case being created or updated, which its rules and targets read (`nil`:
  /// none). `pauses` are those of the case's SLA clock that ended (`SLAPause.ended(in:)` of
  /// its history), which `case set --sla` needs and is refused without.
  public func decide(
    _ command: Command, on state: CaseState?, by user: String?, at now: Instant,
    customer: CustomerContext? = nil, pauses: [SLAPause]? = nil
  ) -> Result<
    [CaseEvent], Refusal
  > {
    do throws(Refusal) {
      // The clock's and the outbox's commands act for nobody in particular; `user`, when
      // given, is only recorded.
      if command.isForNobody {
        guard let state, let caseType = definitions.caseType(state.type) else { return .success([]) }
        var decision = Decision(
          state: state, caseType: caseType, definitions: definitions, user: "", actor: user, now: now)
        try decision.apply(command)
        return .success(decision.events)
      }
      guard let user else { throw Refusal(.forbidden, "no acting user") }
      if case .create(let type, let fields, let sequence) = command {
        guard state == nil else { throw Refusal(.wrongState, "the case exists already") }
        return .success(
          try create(
            type: type, fields: fields, sequence: sequence, by: user, at: now, customer: customer))
      }
      guard let state else { throw Refusal(.notFound, "no such case") }
      guard let caseType = definitions.caseType(state.type) else {
        throw Refusal(.notFound, "case type '\(state.type)' is not in the case's bundle")
      }
      var decision = Decision(
        state: state, caseType: caseType, definitions: definitions, user: user, actor: user, now: now)
      // `case update` runs the creation rules again, which may read the customer's context.
      decision.customer = customer
      decision.pauses = pauses
      try decision.apply(command)
      return .success(decision.events)
    } catch {
      return .failure(error)
    }
  }

  private func create(
    type: String, fields: [String: String], sequence: Int, by user: String, at now: Instant,
    customer: CustomerContext?
  ) throws(Refusal) -> [CaseEvent] {
    guard let caseType = definitions.caseType(type) else {
      let names = definitions.bundle.caseTypes.map(\.id).joined(separator: ", ")
      throw Refusal(.notFound, "unknown case type '\(type)'; the case types are: \(names)")
    }
    var decision = try Decision.creating(
      caseType, fields: fields, sequence: sequence, definitions: definitions, user: user, now: now,
      customer: customer)
    try decision.enterStage(caseType.stages.first?.id)
    decision.notify(.caseCreated, task: nil)
    decision.refreshStatus()
    return decision.events
  }
}

extension Engine {
  /// Whether `user` may pull `task` of `state` now: the task queued, and the user's skill
  /// reaching the tier offered now (membership of its target is checked by the application).
  public func mayPull(_ task: TaskState, of state: CaseState, user: String) -> Bool {
    guard task.status == .queued, let caseType = definitions.caseType(state.type) else { return false }
    let decision = Decision(
      state: state, caseType: caseType, definitions: definitions, user: user, actor: user, now: task.createdAt)
    return (try? decision.mayPull(task, user: user)) ?? false
  }

  /// The order of `task next` (`Urgency`): highest priority first, then the earliest OLA due
  /// time (a task without one last), then the oldest.
  public static func isMoreUrgent(_ a: TaskState, than b: TaskState) -> Bool { a.urgency < b.urgency }
}
