public import DCMCRuntime

extension ReportFact {
  /// The facts of one case change, in the order of its events: each event applied to the
  /// state before it (`CaseState.evolve`), and the two states compared. Pure: the same change
  /// always gives the same facts, so a store derives them as it appends and `store verify`
  /// derives them again from the histories. The state after the last event is the change's
  /// `after` (the state the service evolved and the store caches), not evolved a second time:
  /// a change of one event, most commands, applies none.
  public static func facts(of change: CaseChangeSet) -> [ReportFact] {
    facts(of: change.events, after: change.before, ending: change.after)
  }

  /// The facts of `events` applied to `before` (`nil`: the case's whole history); `ending`,
  /// when given, is the state after the last of them (`CaseState.evolve` of each in turn).
  public static func facts(of events: [CaseEvent], after before: CaseState?, ending: CaseState? = nil)
    -> [ReportFact]
  {
    var state = before
    var facts: [ReportFact] = []
    for (index, event) in events.enumerated() {
      let old = state
      if index == events.count - 1, let ending {
        state = ending
      } else if state == nil {
        state = CaseState.replay([event])
      } else {
        state?.evolve(event)
      }
      guard let new = state else { continue }
      facts += Self.facts(of: event, from: old, to: new)
    }
    return facts
  }

  /// The facts of one user's presence change: for each event, the state it ends.
  public static func facts(of change: PresenceChangeSet) -> [ReportFact] {
    var state = change.before
    var facts: [ReportFact] = []
    for event in change.events {
      let old = state
      state.evolve(event)
      guard let since = old.since else { continue }
      facts.append(
        ReportFact(
          .presence, at: event.at, subject: event.user, seq: event.seq, user: event.by, state: old.status.name,
          reason: old.status.reason, since: since))
    }
    return facts
  }

  private static func facts(of event: CaseEvent, from old: CaseState?, to new: CaseState) -> [ReportFact] {
    func fact(_ kind: Kind) -> ReportFact { ReportFact(kind, at: event.at, subject: new.id, seq: event.seq, type: new.type) }
    var facts: [ReportFact] = []
    switch event.change {
    case .created:
      var opened = fact(.opened)
      opened.due = new.slaDue
      facts.append(opened)
    case .closed, .cancelled:
      var ended = fact(new.status == .closed ? .closed : .cancelled)
      ended.state = new.resolution
      ended.user = event.by
      ended.since = new.createdAt
      // Met: the SLA not breached at its clock when the case ended (`Deadline`, as `Standing`
      // reads an open case): a case closed while its clock stood still is read where it stopped.
      ended.due = old?.slaDue
      if let old, let due = old.slaDue {
        ended.met = !Deadline.isBreached(due: due, fired: old.slaBreached, at: old.slaClock(at: event.at))
      }
      facts.append(ended)
    case .taskEscalated(let number, let outcome, let byTimer):
      var escalated = fact(.escalated)
      escalated.task = number
      escalated.definition = new.tasks.first { $0.number == number }?.definition
      escalated.target = new.tasks.first { $0.number == number }?.target
      // By hand: the user's; a timer's (a breach's actions) is nobody's, whoever's command or
      // tick recorded it (`tick --as`, `serve --as`).
      escalated.user = byTimer ? nil : event.by
      escalated.state = outcome
      facts.append(escalated)
    case .offerDeclined(let number, let reason, _):
      var declined = fact(.declined)
      declined.task = number
      declined.user = old?.tasks.first { $0.number == number }?.offer?.to ?? event.by
      declined.reason = reason
      facts.append(declined)
    case .offerExpired(let number, let user):
      var rona = fact(.rona)
      rona.task = number
      rona.user = user
      facts.append(rona)
    default:
      break
    }
    if let old, old.status != new.status, let since = old.statusSince {
      var left = fact(.caseStatus)
      left.state = old.status.rawValue
      left.since = since
      facts.append(left)
    }
    for task in new.tasks {
      let before = old?.task(task.id)
      guard before?.status != task.status || before?.handledBy != task.handledBy else { continue }
      func taskFact(_ kind: Kind) -> ReportFact {
        var made = fact(kind)
        made.task = task.number
        made.definition = task.definition
        made.target = task.target
        return made
      }
      if before?.handledBy == nil, let user = task.handledBy {
        var taken = taskFact(.taken)
        taken.user = user
        taken.since = task.waitingSince
        facts.append(taken)
      }
      guard let before, before.status != task.status else { continue }
      if let since = before.statusSince {
        var left = taskFact(.taskStatus)
        left.target = before.target
        left.state = before.status.rawValue
        left.user = before.assignee
        left.since = since
        facts.append(left)
      }
      if before.status.isActive, !task.status.isActive {
        var ended = taskFact(.taskEnded)
        ended.state = task.status.rawValue
        ended.reason = task.outcome
        ended.user = task.handledBy
        ended.since = task.waitingSince
        ended.due = task.olaDue
        // Met: not breached when it ended (`Deadline`): a task ended at its due second, as by
        // the breach's escalation a tick fired then, is late.
        ended.met = task.olaDue.map { !Deadline.isBreached(due: $0, fired: task.olaBreached, at: event.at) }
        facts.append(ended)
      }
    }
    return facts
  }
}
