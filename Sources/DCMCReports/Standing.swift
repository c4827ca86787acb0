public import DCMCCalendar
public import DCMCRuntime

/// Where work stands against its due time at an instant. One rule for the `sla` and
/// `workbins` reports and the supervisor's board, the engine's (`Deadline`): breached when the
/// breach timer fired or the due time has come (at its second already, when a tick fires it),
/// at risk when the warning fired or the warning time has come. Ordered from the best to the
/// worst.
public enum Standing: Sendable, Comparable {
  case onTime, atRisk, breached

  static func of(due: Instant?, warn: Instant?, warned: Bool, breached: Bool, at now: Instant) -> Standing {
    if Deadline.isBreached(due: due, fired: breached, at: now) { return .breached }
    return warned || warn.map({ Deadline.isReached($0, at: now) }) ?? false ? .atRisk : .onTime
  }

  /// A task against its OLA. A scheduled task's OLA clock stands still (its timers do not run
  /// until it returns, with its due time moved), so it is on time while it is away.
  public static func ola(of task: TaskState, at now: Instant) -> Standing {
    guard task.status != .scheduled else { return .onTime }
    return of(due: task.olaDue, warn: task.olaWarnAt, warned: task.olaWarned, breached: task.olaBreached, at: now)
  }

  /// A case against its SLA, at its SLA clock (`CaseState.slaClock`): while a pending case's
  /// clock stands still, where it stood when the case went pending, so a case paused before its
  /// due time is not breached while it waits (the engine fires nothing then).
  public static func sla(of state: CaseState, at now: Instant) -> Standing {
    of(
      due: state.slaDue, warn: state.slaWarnAt, warned: state.slaWarned, breached: state.slaBreached,
      at: state.slaClock(at: now))
  }
}

/// A workbin's figures at an instant, from its active tasks: the `workbins` report's row and
/// the supervisor board's summary, by one rule.
public struct WorkbinFigures: Sendable, Equatable {
  /// The tasks, and those in each status.
  public var count = 0
  public var byStatus: [TaskStatus: Int] = [:]
  /// How long the task that has waited longest has waited in the workbin, in seconds: since
  /// it was queued (its creation, or its last return from being scheduled:
  /// `TaskState.waitingSince`); `nil` for an empty workbin.
  public var oldestAge: Int?
  /// The tasks at risk of and past their own OLA (`Standing.ola`).
  public var atRisk = 0
  public var breached = 0

  public init(_ tasks: some Sequence<TaskState>, at now: Instant) {
    for task in tasks {
      count += 1
      byStatus[task.status, default: 0] += 1
      let age = now.secondsSinceEpoch - task.waitingSince.secondsSinceEpoch
      oldestAge = max(oldestAge ?? age, age)
      switch Standing.ola(of: task, at: now) {
      case .onTime: break
      case .atRisk: atRisk += 1
      case .breached: breached += 1
      }
    }
  }
}
