public import DCMCCalendar

/// One entry of a case's history: what changed, when, and by whom.
public struct CaseEvent: Sendable, Hashable {
  /// 1, 2, 3... within the case, with no gap.
  public var seq: Int
  public var at: Instant
  /// The acting user; `nil` for the system (a timer).
  public var by: String?
  public var change: CaseChange
  /// The request id of the command whose first event this is, when it was given one (an
  /// `Idempotency-Key`'s, `--request-id`), and what the request asked for (`sha256:` and a hex
  /// digest): a retry finds the command in the case's history instead of running it again. A
  /// creation records its request in `CaseCreated`, not here.
  public var request: String? = nil
  public var requestDigest: String? = nil

  public init(seq: Int, at: Instant, by: String?, change: CaseChange) {
    self.seq = seq
    self.at = at
    self.by = by
    self.change = change
  }
}

/// The facts a case's history is made of. Each is decided once, by `Engine`, and applied by
/// `CaseState.evolve`, which never decides anything.
public enum CaseChange: Sendable, Hashable {
  case created(CaseCreated)
  case stageEntered(stage: String)
  case taskCreated(TaskCreated)
  case taskAssigned(task: Int, to: String)
  case taskOpened(task: Int)
  case taskReleased(task: Int)
  case taskCompleted(task: Int, outcome: String)
  /// `byTimer`: escalated by an OLA's or the SLA's timer (a breach's or a warning's actions,
  /// also one deferred while the task was open and carried out at its release), not by a
  /// user, whoever's command or tick recorded it.
  case taskEscalated(task: Int, outcome: String?, byTimer: Bool)
  case taskCancelled(task: Int)
  case taskReassigned(task: Int, target: String)
  case taskPriorityChanged(task: Int, priority: Int)
  case taskOLAChanged(task: Int, due: Instant?, warnAt: Instant?)
  /// The task left the queue until `until` (`scheduled`), released if it was assigned.
  case taskRescheduled(task: Int, until: Instant)
  /// A scheduled task came back to the queue; its OLA's and next tier's times moved by the
  /// business time it was away.
  case taskReturned(task: Int, olaDue: Instant?, olaWarnAt: Instant?, nextTierAt: Instant?)
  /// A queued push task offered to `to` until `expires` (status `offered`).
  case taskOffered(task: Int, to: String, expires: Instant)
  /// The user it was offered to accepted it: it is assigned to them.
  case offerAccepted(task: Int)
  /// The user it was offered to declined it, giving `reason`: it is queued again and not
  /// offered to them before `until`.
  case offerDeclined(task: Int, reason: String, until: Instant)
  /// The offer to `user` timed out unanswered and was withdrawn (the `offer_timeout` timer):
  /// the task is queued again.
  case offerExpired(task: Int, user: String)
  /// The offer to `user` was withdrawn before its time-out because they left `ready`
  /// (`reason`: where they went, `not_ready (break)` or `logged_off`): the task is queued
  /// again. No RONA: they did not let it time out.
  case offerWithdrawn(task: Int, user: String, reason: String)
  /// Form values changed and the tasks reclassified by them (`case update`).
  case updated(CaseUpdate)
  /// A timer fired; its actions follow as their own events.
  case timerFired(Timer)
  /// An OLA expired while its task was open: the escalation waits for a release.
  case escalationDeferred(task: Int)
  case tierExpanded(task: Int, tier: Int, nextAt: Instant?)
  case priorityChanged(Int)
  case fieldsSet([String: String])
  case statusChanged(CaseStatus)
  case pended(pausesSLA: Bool)
  case resumed(slaDue: Instant?, slaWarnAt: Instant?)
  /// A supervisor set the case's SLA (`case set --sla`): its new warning and due time.
  case slaSet(CaseSLA, due: Instant?, warnAt: Instant?)
  case closed(resolution: String)
  case cancelled
  case notificationQueued(Notification)
  case notificationDelivered(id: String)
  case attachmentAdded(Attachment)
  case interactionLinked(String)
  /// An unlinked or ambiguous case linked to a customer record by a supervisor.
  case customerLinked(String)
  /// A case moved from a merged customer record to the record it was merged into.
  case customerMoved(from: String, to: String)
}

public struct CaseCreated: Sendable, Hashable {
  public var id: String
  public var type: String
  public var bundle: String
  public var priority: Int
  public var fields: [String: String]
  public var slaDue: Instant?
  public var slaWarnAt: Instant?
  /// The `--request-id` that created the case, recorded by the store: the history, not the
  /// request index, says which request made a case.
  public var request: String? = nil
  /// What `request` asked for (`sha256:` and the hex digest of the canonical JSON of the case
  /// type and the form data as given), so a retry is told from another request reusing its id.
  public var requestDigest: String? = nil
  /// The customer record the case was linked to at its creation; `nil` for none.
  public var customer: String? = nil
  /// How it was found; `nil` in a history written before dcmc identified customers.
  public var identification: Identification? = nil
  /// The channel the case came in by, when the creating command said.
  public var channel: ContactChannel? = nil
  /// The distribution skill a creation rule set for the case's tasks (CE20); `nil`: each
  /// task's own.
  public var skill: String? = nil
}

/// An SLA a supervisor set on a case, in place of its case type's.
public struct CaseSLA: Sendable, Hashable {
  /// The duration as given, normalised (`3d`, `2d 4h`): for `{{Case_SLA}}` and the history.
  public var text: String
  /// Its length in seconds of business time on the SLA's calendar.
  public var seconds: Int

  public init(text: String, seconds: Int) {
    self.text = text
    self.seconds = seconds
  }
}

public struct TaskCreated: Sendable, Hashable {
  public var number: Int
  public var definition: String
  public var name: String
  public var stage: String
  public var target: String
  public var priority: Int
  public var olaDue: Instant?
  public var olaWarnAt: Instant?
  public var nextTierAt: Instant?
  public var level: Int
  public var escalatedFrom: Int?
}

/// A message rendered for the outbox: plain text, never executed.
public struct Notification: Sendable, Hashable {
  /// `TEC-000042/n3`: unique in the store.
  public var id: String
  public var event: String
  public var channel: String
  public var to: String
  public var template: String
  public var subject: String
  public var body: String
  /// The task number the event is about, if any.
  public var task: Int?
}
