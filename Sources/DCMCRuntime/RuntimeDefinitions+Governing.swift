public import DCMCBundle
public import DCMCCalendar

extension RuntimeDefinitions {
  /// The calendar that governs a case's SLA: the SLA's own, else the case type's (`24x7` for
  /// a case type the bundle does not hold). Its zone is the one the SLA's times are read in.
  public func slaCalendar(of state: CaseState) -> BusinessCalendar { slaCalendar(ofType: state.type) }

  /// `slaCalendar(of:)` for a case of type `type`.
  public func slaCalendar(ofType type: String) -> BusinessCalendar {
    caseType(type).map { slaCalendar(governing: $0) } ?? .alwaysOpen
  }

  /// `slaCalendar(of:)` for a case of `caseType`, when it is at hand (a decision's): looking
  /// the type up again copies it.
  public func slaCalendar(governing caseType: BundleCaseType) -> BusinessCalendar {
    calendar(caseType.sla?.within.calendar ?? caseType.calendar) ?? .alwaysOpen
  }

  /// The calendar that governs a task's OLA: the OLA's own, else the case type's.
  public func olaCalendar(of task: TaskState, in state: CaseState) -> BusinessCalendar {
    guard let caseType = caseType(state.type) else { return .alwaysOpen }
    return calendar(caseType.task(task.definition)?.ola?.within.calendar ?? caseType.calendar) ?? .alwaysOpen
  }

  /// The calendar of a case's type, whose zone its creation is read in.
  public func caseTypeCalendar(of state: CaseState) -> BusinessCalendar { caseTypeCalendar(ofType: state.type) }

  /// `caseTypeCalendar(of:)` for a case of type `type`.
  public func caseTypeCalendar(ofType type: String) -> BusinessCalendar {
    caseType(type).map { caseTypeCalendar(governing: $0) } ?? .alwaysOpen
  }

  /// `caseTypeCalendar(of:)` for a case of `caseType`, when it is at hand.
  public func caseTypeCalendar(governing caseType: BundleCaseType) -> BusinessCalendar {
    calendar(caseType.calendar) ?? .alwaysOpen
  }
}

extension RuntimeDefinitions {
  /// The SLA's due time of `state` as it stands at `now`: while the case is pending and its
  /// SLA clock stands still, when it would be due if the case resumed now (resuming moves the
  /// recorded due time by the business time spent pending).
  public func slaDue(of state: CaseState, at now: Instant) -> Instant? {
    guard let since = state.pendingSince else { return state.slaDue }
    return (try? movedByPause(state.slaDue, of: state, since: since, to: now)) ?? state.slaDue
  }

  /// An SLA instant of `state` after a pause from `since` to `now`: moved by the business
  /// time the case spent pending, when its SLA pauses while pending (an instant already past
  /// when the pause began stays).
  func movedByPause(_ instant: Instant?, of state: CaseState, since: Instant, to now: Instant)
    throws(CalendarError) -> Instant?
  {
    guard let due = instant, state.slaPaused, let sla = caseType(state.type)?.sla,
      let calendar = calendar(sla.within.calendar)
    else { return instant }
    return try calendar.moved(due, byPauseFrom: since, to: now)
  }
}
