import DCMCApplication
public import DCMCCalendar
public import DCMCRuntime

/// What a report is asked for (`dcmc report NAME --from --to --type --target --zone`): the
/// period, the filters, the instant its "now" figures stand at, and the deployed definitions
/// that name the rows and give the business calendars.
public struct ReportScope: Sendable {
  public var period: ReportPeriod
  /// Only these case types; `nil`: every type.
  public var types: Set<String>?
  /// Only the tasks in these workbins; `nil`: every workbin. Case figures ignore it.
  public var targets: Set<String>?
  /// The instant of the command (`--at`): "open now", ages and breaches are read at it.
  public var now: Instant
  /// The deployed definitions; `nil` before the first deployment.
  public var definitions: RuntimeDefinitions?

  public init(
    period: ReportPeriod, types: Set<String>? = nil, targets: Set<String>? = nil, now: Instant,
    definitions: RuntimeDefinitions?
  ) {
    self.period = period
    self.types = types
    self.targets = targets
    self.now = now
    self.definitions = definitions
  }

  /// Whether a group's facts pass the filters: their case type is one asked for and, for a
  /// task's facts, their workbin is one asked for. Presence facts have neither and always pass.
  func admits(_ group: FactsRollup.Group) -> Bool {
    if let types, let type = group.type, !types.contains(type) { return false }
    if let targets, group.isTask, !targets.contains(group.target ?? "") { return false }
    return true
  }

  func admits(type: String) -> Bool { types?.contains(type) ?? true }

  func admits(target: String) -> Bool { targets?.contains(target) ?? true }

  /// The case types a per-type table lists: those asked for, else every deployed type and
  /// any other seen in the period, by id; so an empty period still lists every type at zero.
  func rowTypes(seen: some Sequence<String>) -> [String] {
    if let types { return types.sorted() }
    return Set(seen).union(definitions?.bundle.caseTypes.map(\.id) ?? []).sorted()
  }

  /// The workbins a per-workbin table lists, by the same rule as `rowTypes`.
  func rowTargets(seen: some Sequence<String>) -> [String] {
    if let targets { return targets.sorted() }
    return Set(seen).union(definitions?.bundle.workgroups.map(\.id) ?? []).sorted()
  }

  /// The calendar of `type`'s SLA (else the case type's calendar) in the deployed
  /// definitions, on which its business time is counted; `nil` for a type they do not have.
  func businessCalendar(type: String) -> BusinessCalendar? {
    guard let caseType = definitions?.caseType(type) else { return nil }
    return definitions?.calendar(caseType.sla?.within.calendar ?? caseType.calendar)
  }
}
