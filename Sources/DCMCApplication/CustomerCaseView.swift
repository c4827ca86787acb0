public import DCMCCalendar
package import DCMCJSON
public import DCMCRuntime

/// A case as its customer sees it (SPEC section 14, `docs/customers.md`): the reference, the
/// case type's name, the customer-facing words of its status, when it was opened and last
/// updated, when it is expected to be resolved, and its resolution once closed. `customer cases`
/// prints it, and the customer's status page will serve it.
///
/// Nothing internal is in it: no assignee, workbin, task, priority, skill, escalation or form
/// value. Escalated, open and in-progress cases read alike ("We are working on it"), so the raw
/// status is left out too. Built from the case and the bundle it runs on alone.
public struct CustomerCaseView: Sendable, Equatable {
  /// When the case is expected to be resolved.
  public enum ExpectedBy: Sendable, Equatable {
    /// The SLA's due time, read in the zone of the calendar that governs the SLA.
    case due(Instant, ZonedTime)
    /// The case waits for the customer and its SLA clock stands still.
    case paused
  }

  /// The case's reference, `TEC-000042`.
  public var id: String
  /// The case type's name.
  public var caseType: String
  /// The words of the case's status: the case type's `customer_status:`, else the defaults.
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

  /// The view of `state` on `definitions`, those of the bundle the case runs on. A state read
  /// from a cache that predates `updatedAt` counts as updated when it was opened.
  public init(_ state: CaseState, definitions: RuntimeDefinitions) {
    self.init(CaseSummary(state), definitions: definitions)
  }

  /// The view of the case `summary` sums up, on the definitions of the bundle it runs on.
  public init(_ summary: CaseSummary, definitions: RuntimeDefinitions) {
    let caseType = definitions.caseType(summary.type)
    id = summary.id
    self.caseType = caseType?.name ?? summary.type
    status = caseType?.customerWords(for: summary.status.rawValue) ?? summary.status.rawValue
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
      expectedBy = summary.slaDue.map { .due($0, ZonedTime($0, in: slaZone)) }
    }
    resolution = summary.status == .closed ? summary.resolution : nil
  }

  /// What `customer cases` prints for the expected time: the due time in words, or `paused`.
  public var expectedByText: String? {
    switch expectedBy {
    case .due(_, let time): time.description
    case .paused: "paused"
    case nil: nil
    }
  }

  package var json: JSONValue {
    let due: Instant? = if case .due(let instant, _) = expectedBy { instant } else { nil }
    return .object([
      ("case_type", .string(caseType)), ("expected_by", .time(due)), ("expected_by_text", .string(expectedByText)),
      ("id", .string(id)), ("opened_at", openedAt.json), ("opened_text", .string(opened.description)),
      ("resolution", .string(resolution)), ("status", .string(status)), ("updated_at", updatedAt.json),
      ("updated_text", .string(updated.description)),
    ])
  }
}
