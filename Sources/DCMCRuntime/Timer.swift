public import DCMCCalendar

/// A deadline of a case that fires once: an OLA's or the SLA's warning and breach, the
/// widening of a task's skills tier, a scheduled task's return, or an offer's time-out.
public struct Timer: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case olaWarning = "ola_warning"
    case olaBreach = "ola_breach"
    case slaWarning = "sla_warning"
    case slaBreach = "sla_breach"
    case tierExpansion = "tier_expansion"
    /// A scheduled task's return to the queue.
    case taskReturn = "task_return"
    /// An unanswered offer's withdrawal.
    case offerTimeout = "offer_timeout"
  }

  public var kind: Kind
  /// The task number, for task timers.
  public var task: Int?
  public var due: Instant

  public init(kind: Kind, task: Int?, due: Instant) {
    self.kind = kind
    self.task = task
    self.due = due
  }
}

extension CaseState {
  /// The timers still to fire, earliest first (a warning before its breach at the same
  /// instant). They follow from the state alone, so the store's timer index can always be
  /// rebuilt from the histories.
  public var timers: [Timer] {
    guard !isFinished else { return [] }
    var timers: [Timer] = []
    if !slaStandsStill {
      if let at = slaWarnAt, !slaWarned { timers.append(Timer(kind: .slaWarning, task: nil, due: at)) }
      if let at = slaDue, !slaBreached { timers.append(Timer(kind: .slaBreach, task: nil, due: at)) }
    }
    for task in tasks where task.status.isActive {
      // A scheduled task's OLA clock stands still: only its return is due.
      if task.status == .scheduled {
        if let at = task.scheduledUntil { timers.append(Timer(kind: .taskReturn, task: task.number, due: at)) }
        continue
      }
      if let at = task.olaWarnAt, !task.olaWarned { timers.append(Timer(kind: .olaWarning, task: task.number, due: at)) }
      if let at = task.olaDue, !task.olaBreached { timers.append(Timer(kind: .olaBreach, task: task.number, due: at)) }
      // An offered task's OLA runs on (nobody holds it yet), and its tier widens as a queued
      // one's, for the offers after this one.
      if let offer = task.offer, task.status == .offered {
        timers.append(Timer(kind: .offerTimeout, task: task.number, due: offer.expires))
      }
      if let at = task.nextTierAt, task.status == .queued || task.status == .offered {
        timers.append(Timer(kind: .tierExpansion, task: task.number, due: at))
      }
    }
    let order = Timer.Kind.allCases
    return timers.sorted {
      ($0.due, order.firstIndex(of: $0.kind)!, $0.task ?? 0) < ($1.due, order.firstIndex(of: $1.kind)!, $1.task ?? 0)
    }
  }
}
