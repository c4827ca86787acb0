public import DCMCCalendar

/// A case as it stands after its history: the state `CaseState.evolve` rebuilds, event by
/// event, from nothing.
public struct CaseState: Sendable, Hashable {
  /// The human-readable reference, `TEC-000042`: the case's id.
  public var id: String
  /// The case type's id.
  public var type: String
  /// The content hash of the bundle the case started with; it stays on it.
  public var bundle: String
  public var status: CaseStatus
  public var resolution: String?
  public var priority: Int
  /// The form data, as text, typed by the case type's fields when read.
  public var fields: [String: String]
  public var createdAt: Instant
  public var createdBy: String?
  /// The stage the case is in; `nil` once closed after its last stage.
  public var stage: String?
  public var slaDue: Instant?
  /// When the SLA is at risk (its `warn` percentage elapsed).
  public var slaWarnAt: Instant?
  /// Which SLA timers have fired.
  public var slaWarned: Bool
  public var slaBreached: Bool
  /// When the case went pending, while it is.
  public var pendingSince: Instant?
  /// Whether the SLA clock stands still while the case is pending.
  public var slaPaused: Bool
  /// Whether the SLA clock stands still now: the case is pending and its type pauses it.
  public var slaStandsStill: Bool { pendingSince != nil && slaPaused }
  public var closedAt: Instant?
  public var tasks: [TaskState]
  /// The notifications the case has queued, and whether each has been delivered.
  public var outbox: [OutboxEntry]
  public var attachments: [Attachment]
  public var interactions: [String]
  /// The sequence number of the last event applied.
  public var version: Int
  /// The latest instant of the events applied: no command may be dated before it, so a
  /// history never runs backwards. `nil` in a cache written before dcmc recorded it.
  public var updatedAt: Instant?
  /// The customer record the case is linked to; `nil` while it is linked to none.
  public var customer: String? = nil
  /// How the case came by its customer; `nil` for a case created before dcmc identified them.
  public var identification: Identification? = nil
  /// The channel the case came in by, when its creation said.
  public var channel: ContactChannel? = nil
  /// The distribution skill a creation rule set: the case's tasks distributed by skill are
  /// offered by it instead of their own; `nil` for none.
  public var skill: String? = nil
  /// When the case went into its `status`: the start of the interval the report facts time
  /// (`docs/reports.md`); `nil` in a cache written before dcmc recorded it.
  public var statusSince: Instant? = nil
  /// The SLA a supervisor set (`case set --sla`); `nil`: the case type's (`slaDue` and `slaWarnAt` are
  /// its plan either way).
  public var sla: CaseSLA? = nil

  public var activeTasks: [TaskState] { tasks.filter { $0.status.isActive } }

  /// The task with this id (`TEC-000042.3`) or number.
  public func task(_ id: String) -> TaskState? { tasks.first { $0.id == id } }

  public var isFinished: Bool { status == .closed || status == .cancelled }
}

public enum CaseStatus: String, Sendable, Hashable, CaseIterable {
  case open
  case inProgress = "in_progress"
  case pending
  case escalated
  case closed
  case cancelled
}

/// One task of a case.
public struct TaskState: Sendable, Hashable {
  /// `TEC-000042.3`: the case's id and the task's number in it.
  public var id: String
  public var number: Int
  /// The task definition's id.
  public var definition: String
  public var name: String
  public var stage: String
  public var status: TaskStatus
  /// The workgroup whose workbin holds it.
  public var target: String
  public var assignee: String?
  public var priority: Int
  public var createdAt: Instant
  public var olaDue: Instant?
  /// When the OLA is at risk (its `warn` percentage elapsed).
  public var olaWarnAt: Instant?
  /// Which OLA timers have fired.
  public var olaWarned: Bool
  public var olaBreached: Bool
  /// The OLA expired while the task was open: it escalates when released.
  public var escalationDeferred: Bool
  /// The skills tier offered now (an index into the distribution's tiers), and when the
  /// next, wider tier opens while the task stays unassigned.
  public var tier: Int
  public var nextTierAt: Instant?
  /// 0 for a task of the flow; `k` for a task created by escalating to level `k`.
  public var level: Int
  /// The number of the task whose escalation created this one.
  public var escalatedFrom: Int?
  /// Who last had the task: its assignee when it ended, for `assign: original`.
  public var handledBy: String?
  public var outcome: String?
  public var endedAt: Instant?
  /// While the task is `scheduled`: since when (its OLA clock stopped then) and until when
  /// (it comes back to the queue then); `nil` otherwise.
  public var scheduledSince: Instant? = nil
  public var scheduledUntil: Instant? = nil
  /// While the task is `offered`: to whom and until when; `nil` otherwise.
  public var offer: TaskOffer? = nil
  /// Who declined an offer of the task and until when they are not offered it again; a
  /// decline whose time is past is dropped at the next offer or decline, when the task is
  /// queued again, or by the `decline_end` timer of the queued task.
  public var declines: [TaskDecline] = []
  /// When the task went into its `status`; `nil` in a cache written before dcmc recorded it.
  public var statusSince: Instant? = nil
  /// When the task was last put back in its workbin's queue after being scheduled (`task
  /// reschedule`); `nil` while it has waited there since its creation (and in a cache written
  /// before dcmc recorded it). Offers, declines and RONAs do not move it: the task stays
  /// waiting in the queue while it is offered. Where a service level's wait starts.
  public var queuedSince: Instant? = nil

  /// When the task's wait in its workbin's queue began: `queuedSince`, else its creation.
  public var waitingSince: Instant { queuedSince ?? createdAt }

  /// Whether the task is in its assignee's hands: assigned or in progress. It counts against
  /// their capacity, and an assignment to them changes nothing (a scheduled task is out of the
  /// queue and out of everyone's hands until it returns; an offered one is not theirs yet).
  public var isInHand: Bool { status == .assigned || status == .working }

  /// How the task is in hand, as a person reads it, `name` writing the user: "assigned to
  /// alice", "being worked on by alice"; `nil` when it is not in anyone's hands.
  public func inHand(_ name: (String) -> String = { $0 }) -> String? {
    guard isInHand, let assignee else { return nil }
    return status == .working ? "being worked on by \(name(assignee))" : "assigned to \(name(assignee))"
  }

  public static func id(case caseID: String, number: Int) -> String { "\(caseID).\(number)" }

  /// `task 'X' is scheduled until T`: why a scheduled task, which nobody holds until it
  /// returns, is not claimed, assigned, opened or released.
  public var scheduledReason: String { scheduledWords.text }

  /// `scheduledReason`, with the instant it quotes.
  public var scheduledWords: Refusal.Words {
    guard let scheduledUntil else { return "task '\(id)' is scheduled until later" }
    return "task '\(id)' is scheduled until \(scheduledUntil)"
  }
}

public enum TaskStatus: String, Sendable, Hashable, CaseIterable {
  case queued, assigned, working, completed, escalated, cancelled
  /// Out of the queue until a set time (`task reschedule`): still to be done, but offered to
  /// nobody, and its OLA clock stands still.
  case scheduled
  /// A push task offered to one user (`TaskState.offer`), who may accept or decline it until
  /// the offer times out; nobody else is offered it meanwhile, and its OLA clock runs.
  case offered

  /// Queued, offered, assigned, working or scheduled: still to be done.
  public var isActive: Bool {
    self == .queued || self == .offered || self == .assigned || self == .working || self == .scheduled
  }
}

/// A notification in the outbox.
public struct OutboxEntry: Sendable, Hashable {
  public var notification: Notification
  public var delivered: Bool
}

/// A file attached to a case: its name as given and where the store keeps the copy.
public struct Attachment: Sendable, Hashable {
  public var name: String
  public var size: Int
  public var stored: String

  public init(name: String, size: Int, stored: String) {
    self.name = name
    self.size = size
    self.stored = stored
  }
}
