public import DCMCCalendar

/// One fact the reports read (SPEC section 16, `docs/reports.md`, "The report facts"): a row
/// of one wide table, so that a period's facts are one scan and the same rows export as CSV
/// for another engine (SQLite) to compute the same figures.
///
/// Each fact is dated by `at`, the instant it happened (for an interval, its end), and keyed
/// by `subject`, `seq` and `kind` with `task`: the history (a case, or a user's presence)
/// and the event that produced it, so writing a command's facts again (after a crash) is
/// recognised. The other columns are kind's; a column a kind does not use is `nil`.
public struct ReportFact: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// A case was created: `type`, `due` its SLA's due time.
    case opened
    /// A case was closed (`state` its resolution) or cancelled (`state` nil): `user` who
    /// closed it, `since` when it was opened, `due` its SLA's due time then, `met` whether it
    /// was closed by then (`nil` without an SLA).
    case closed
    case cancelled
    /// A case left `state` (a case status) entered at `since`.
    case caseStatus = "case_status"
    /// Task `task` escalated: `user` who escalated it by hand, `nil` for an OLA breach;
    /// `state` the outcome that escalated it.
    case escalated
    /// Task `task` (`definition`, in workbin `target`) ended in `state` (completed, escalated,
    /// cancelled) with outcome `reason`: `user` who last had it, `since` when it was last queued
    /// (`TaskState.waitingSince`: its creation, unless it came back from being scheduled), `due`
    /// its OLA's due time, `met` whether it ended by then (`nil` without an OLA).
    case taskEnded = "task_ended"
    /// Task `task` left `state` (a task status) entered at `since`; `user` its assignee.
    case taskStatus = "task_status"
    /// Task `task` was taken (assigned) for the first time, by `user`; `since` when it was
    /// last queued, as for `taskEnded`.
    case taken
    /// `user` declined the offer of task `task`, giving `reason`.
    case declined
    /// The offer of task `task` to `user` timed out unanswered (RONA).
    case rona
    /// `subject` (a user) left presence `state` with `reason`, entered at `since`; `user` who
    /// changed it (`nil` for the system).
    case presence
  }

  public var kind: Kind
  public var at: Instant
  /// The case id, or the user for `presence`.
  public var subject: String
  /// The sequence number of the event that produced the fact in `subject`'s history.
  public var seq: Int
  /// The case type (`nil` for `presence`).
  public var type: String?
  public var task: Int?
  public var definition: String?
  public var target: String?
  public var user: String?
  public var state: String?
  public var reason: String?
  public var since: Instant?
  public var due: Instant?
  public var met: Bool?

  public init(
    _ kind: Kind, at: Instant, subject: String, seq: Int, type: String? = nil, task: Int? = nil,
    definition: String? = nil, target: String? = nil, user: String? = nil, state: String? = nil,
    reason: String? = nil, since: Instant? = nil, due: Instant? = nil, met: Bool? = nil
  ) {
    self.kind = kind
    self.at = at
    self.subject = subject
    self.seq = seq
    self.type = type
    self.task = task
    self.definition = definition
    self.target = target
    self.user = user
    self.state = state
    self.reason = reason
    self.since = since
    self.due = due
    self.met = met
  }

  /// Wall-clock seconds from `since` to `at` (a closure time, a time in a status); `nil`
  /// when the fact has no `since`.
  public var seconds: Int? { since.map { at.secondsSinceEpoch - $0.secondsSinceEpoch } }
}

extension ReportFact {
  /// The day an instant falls on, in UTC: days since 1970-01-01.
  public static func day(of instant: Instant) -> Int {
    let seconds = instant.secondsSinceEpoch
    return seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
  }

  /// The UTC days a period touches; empty for an empty period.
  public static func days(of period: Range<Instant>) -> ClosedRange<Int>? {
    guard !period.isEmpty else { return nil }
    return day(of: period.lowerBound)...day(of: Instant(secondsSinceEpoch: period.upperBound.secondsSinceEpoch - 1))
  }
}
