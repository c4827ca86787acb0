public import DCMCCalendar
package import DCMCJSON
public import DCMCRuntime

/// A case as its customer sees it (SPEC section 14, `docs/customers.md`): the reference, the
/// case type's name, the customer-facing words of its status, when it was opened and last
/// updated, when it is expected to be resolved, its resolution once closed, and what the
/// customer can do about it when the case type says (`customer_next_step:`). `customer cases`
/// prints it, and the customer's status page will serve it.
///
/// Nothing internal is in it: no assignee, workbin, task, priority, skill, escalation or form
/// value. Escalated, open and in-progress cases read alike ("We are working on it"), so the raw
/// status is left out too. Built from the case, the bundle it runs on and the instant it is
/// shown at (a due time before it is late).
public struct CustomerCaseView: Sendable, Equatable {
  /// When the case is expected to be resolved.
  public enum ExpectedBy: Sendable, Equatable {
    /// The SLA's due time, read in the zone of the calendar that governs the SLA.
    case due(Instant, ZonedTime)
    /// The same, when it has passed at the instant the case is shown: the case is late.
    case late(Instant, ZonedTime)
    /// The case waits for the customer and its SLA clock stands still.
    case paused
  }

  /// The case's reference, `TEC-000042`.
  public var id: String
  /// The case type's name.
  public var caseType: String
  /// The words of the case's status: the case type's `customer_status:`, else the defaults; a
  /// closed case's those of its resolution when the case type words it.
  /// (A case whose bundle lacks its type, which only a damaged store holds, shows the type's
  /// id and the status as stored.)
  public var status: String
  /// When the case was opened and when its last event happened, read in the zone of the case
  /// type's calendar.
  public var opened: ZonedTime
  public var openedAt: Instant
  public var updated: ZonedTime
  public var updatedAt: Instant
  /// `nil` for a closed or cancelled case and for a case type without an SLA.
  public var expectedBy: ExpectedBy?
  /// The resolution the case closed with (the definition's `close:`); `nil` unless closed.
  public var resolution: String?
  /// What the customer can do about the case: the case type's `customer_next_step:` for its
  /// resolution, else for its status (how to send the documents a pending case waits for);
  /// `nil` when it gives none.
  public var nextStep: String?

  /// The view of `state` on `definitions`, those of the bundle the case runs on, shown at `now`.
  /// A state read from a cache that predates `updatedAt` counts as updated when it was opened.
  public init(_ state: CaseState, definitions: RuntimeDefinitions, at now: Instant) {
    self.init(CaseSummary(state), definitions: definitions, at: now)
  }

  /// The view of the case `summary` sums up, on the definitions of the bundle it runs on,
  /// shown at `now`: a due time before `now` is `.late`.
  public init(_ summary: CaseSummary, definitions: RuntimeDefinitions, at now: Instant) {
    let caseType = definitions.caseType(summary.type)
    id = summary.id
    self.caseType = caseType?.name ?? summary.type
    let resolution = summary.status == .closed ? summary.resolution : nil
    status =
      caseType?.customerWords(status: summary.status.rawValue, resolution: resolution) ?? summary.status.rawValue
    let zone = definitions.caseTypeCalendar(ofType: summary.type).zone
    openedAt = summary.createdAt
    opened = ZonedTime(summary.createdAt, in: zone)
    updatedAt = summary.updatedAt ?? summary.createdAt
    updated = ZonedTime(updatedAt, in: zone)
    if summary.isFinished {
      expectedBy = nil
    } else if summary.pendingSince != nil && summary.slaPaused {
      expectedBy = .paused
    } else {
      let slaZone = definitions.slaCalendar(ofType: summary.type).zone
      expectedBy = summary.slaDue.map { due in
        due < now ? .late(due, ZonedTime(due, in: slaZone)) : .due(due, ZonedTime(due, in: slaZone))
      }
    }
    self.resolution = resolution
    nextStep = caseType?.customerNextStep(for: summary.status.rawValue, resolution: resolution)
  }

  /// What `customer cases` and the status page show for the expected time: the due time in
  /// words, with a word that it is late once passed, or that the case waits for the customer.
  public var expectedByText: String? {
    switch expectedBy {
    case .due(_, let time): time.description
    case .late(_, let time): "\(time.description); it is taking longer than we expected"
    case .paused: "On hold until we hear from you"
    case nil: nil
    }
  }

  /// Whether the case's due time had passed when it was shown.
  public var isLate: Bool {
    if case .late = expectedBy { true } else { false }
  }

  /// What `customer cases` and the status page show for the resolution: its id in words, the
  /// underscores spaces and the first letter a capital (`not_covered`: "Not covered").
  public var resolutionText: String? {
    resolution.map { id in
      let words = id.replacing("_", with: " ")
      return words.prefix(1).uppercased() + words.dropFirst()
    }
  }

  package var json: JSONValue {
    let due: Instant? =
      switch expectedBy {
      case .due(let instant, _), .late(let instant, _): instant
      case .paused, nil: nil
      }
    return .object([
      ("case_type", .string(caseType)), ("expected_by", .time(due)), ("expected_by_text", .string(expectedByText)),
      ("id", .string(id)), ("next_step", .string(nextStep)), ("opened_at", openedAt.json),
      ("opened_text", .string(opened.description)), ("resolution", .string(resolution)), ("status", .string(status)), ("updated_at", updatedAt.json),
      ("updated_text", .string(updated.description)),
    ])
  }
}
