public import DCMCCalendar

/// A deadline of a case that fires once: an OLA's or the SLA's warning and breach, the
/// widening of a task's skills tier, a scheduled task's return, an offer's time-out, or the end
/// of a decline.
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
    /// The end of the earliest standing decline of a queued task: the user who declined it may
    /// be offered it again (last, so the kinds before it keep their order at one instant).
    case declineEnd = "decline_end"
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

  /// Whether a deadline at `due` is to fire on a clock that has stood still since `stopped`
  /// (`nil`: it runs): one reached by the stop is (`Deadline`: a tick on time would have fired
  /// it then: the stop comes too late for it, as `movedByPause` and a task's return leave it
  /// where it is); one still ahead waits until the clock runs again and moves it.
  public static func runs(_ due: Instant, clockStoppedAt stopped: Instant?) -> Bool {
    stopped.map { Deadline.isReached(due, at: $0) } ?? true
  }
}

extension CaseState {
  /// The timers still to fire, earliest first (a warning before its breach at the same
  /// instant). They follow from the state alone, so the store's timer index can always be
  /// rebuilt from the histories.
  public var timers: [Timer] {
    guard !isFinished else { return [] }
    var timers: [Timer] = []
    // A paused SLA's clock stands still from the pend on.
    let slaStopped = slaStandsStill ? pendingSince : nil
    if let at = slaWarnAt, !slaWarned, Timer.runs(at, clockStoppedAt: slaStopped) {
      timers.append(Timer(kind: .slaWarning, task: nil, due: at))
    }
    if let at = slaDue, !slaBreached, Timer.runs(at, clockStoppedAt: slaStopped) {
      timers.append(Timer(kind: .slaBreach, task: nil, due: at))
    }
    for task in tasks where task.status.isActive {
      // A scheduled task's OLA clock stands still from when it left: its return is due, and a
      // warning or breach that was due by then.
      let olaStopped = task.status == .scheduled ? task.scheduledSince ?? Instant.supported.lowerBound : nil
      if task.status == .scheduled, let at = task.scheduledUntil {
        timers.append(Timer(kind: .taskReturn, task: task.number, due: at))
      }
      if let at = task.olaWarnAt, !task.olaWarned, Timer.runs(at, clockStoppedAt: olaStopped) {
        timers.append(Timer(kind: .olaWarning, task: task.number, due: at))
      }
      if let at = task.olaDue, !task.olaBreached, Timer.runs(at, clockStoppedAt: olaStopped) {
        timers.append(Timer(kind: .olaBreach, task: task.number, due: at))
      }
      guard task.status != .scheduled else { continue }
      // An offered task's OLA runs on (nobody holds it yet), and its tier widens as a queued
      // one's, for the offers after this one.
      if let offer = task.offer, task.status == .offered {
        timers.append(Timer(kind: .offerTimeout, task: task.number, due: offer.expires))
      }
      // A queued task declined: the decline ending first lets its user be offered it again.
      if task.status == .queued, let at = task.declines.map(\.until).min() {
        timers.append(Timer(kind: .declineEnd, task: task.number, due: at))
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

  /// The next timer as dcmc filed a case before it timed declines' ends (`decline_end`, 7
  /// December 2026): the first of `timers` that is no decline's end. A store written before
  /// then files a queued, declined task's case under it, later than its next timer: no damage
  /// (a tick then still fires the decline's end, late), and `store rebuild` files it anew.
  public var nextTimerBeforeDeclineEnds: Timer? { timers.first { $0.kind != .declineEnd } }

  /// This state (a replay) as a dcmc before 7 December 2026 (stop 35) may have recorded it
  /// (a cache, a row): with `recorded`'s declines that had ended by the case's last event,
  /// which such a dcmc kept when a task went back to the queue (they go now, `requeue`) until
  /// the next tick fired their `decline_end`, filed as the case's next timer. They keep
  /// nobody out, so a record holding them is no damage, and the tick fires them once. This
  /// state as it is when `recorded` differs in anything else, so every other difference is
  /// still seen.
  public func keepingEndedDeclines(of recorded: CaseState) -> CaseState {
    guard let last = updatedAt else { return self }
    var kept = self
    for index in kept.tasks.indices {
      let now = kept.tasks[index].declines
      guard let then = recorded.task(kept.tasks[index].id)?.declines, then != now else { continue }
      guard now.allSatisfy(then.contains), then.allSatisfy({ now.contains($0) || $0.until <= last }) else { return self }
      kept.tasks[index].declines = then
    }
    return kept
  }
}
