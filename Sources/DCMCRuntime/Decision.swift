import DCMCBundle
import DCMCCalendar
import DCMCExpressions

/// One command being decided: the case as the events decided so far leave it, and those
/// events. Every change goes through `emit`, which applies it at once, so each step of a
/// command sees the effects of the steps before it.
struct Decision {
  var state: CaseState
  let caseType: BundleCaseType
  let definitions: RuntimeDefinitions
  /// Who gives the command: a claim assigns the task to them, and their skills are weighed.
  let user: String
  /// Who the history records: the user, or for a tick whoever ran it (`nil` for the clock);
  /// `nil` too while `asSystem` decides what the system does inside a user's command.
  private(set) var actor: String?
  /// The instant of the command: every event decided is stamped with it, so a history never
  /// runs backwards, and notifications render the case as it stands then.
  let now: Instant
  /// The instant new deadlines count from: `now`, except while a tick fires a timer, that
  /// timer's due time, so a late tick plans what a timely one would have (the escalation
  /// task's OLA from the breach, the next skills tier from the last).
  var plannedAt: Instant
  /// The context of the case's customer while the case is created; `nil` otherwise, and for
  /// a case without a customer, so `customer.…` operands are then missing.
  var customer: CustomerContext?
  /// The workgroup a creation rule sends the tasks created with the case to (CE20); `nil`
  /// outside a create, and when no rule matched.
  var ruleTarget: String?
  /// The template a creation rule acknowledges the case with (CE20), instead of the one of
  /// the case type's `case_created` notification; `nil` outside a create.
  var acknowledgement: String?
  /// The pauses of the case's SLA clock that ended, read from its history by the application
  /// for a command that places the SLA from the creation (`case set --sla`); `nil` otherwise.
  var pauses: [SLAPause]?
  private(set) var events: [CaseEvent] = []

  init(
    state: CaseState, caseType: BundleCaseType, definitions: RuntimeDefinitions, user: String, actor: String?,
    now: Instant
  ) {
    self.state = state
    self.caseType = caseType
    self.definitions = definitions
    self.user = user
    self.actor = actor
    self.now = now
    plannedAt = now
  }

  /// Decides a change, recorded as the actor's.
  mutating func emit(_ change: CaseChange) {
    let event = CaseEvent(seq: state.version + 1, at: now, by: actor, change: change)
    state.evolve(event)
    events.append(event)
  }

  /// Decides `body`'s changes as the system's, recorded with no author as the clock's are,
  /// inside a user's command: an OLA escalation a tick deferred while the task was open,
  /// carried out when its advisor releases it, is the breach's, not the advisor's.
  mutating func asSystem(_ body: (inout Decision) throws(Refusal) -> Void) throws(Refusal) {
    let author = actor
    actor = nil
    defer { actor = author }
    try body(&self)
  }

  /// The task `id` of this case, or a refusal that names it.
  func task(_ id: String) throws(Refusal) -> TaskState {
    guard let task = state.task(id) else { throw Refusal(.notFound, "case '\(state.id)' has no task '\(id)'") }
    return task
  }

  func definition(of task: TaskState) throws(Refusal) -> BundleTask {
    guard let definition = caseType.task(task.definition) else {
      throw Refusal(.notFound, "task '\(task.definition)' is not in case type '\(caseType.id)'")
    }
    return definition
  }

  /// Refuses any change to a closed or cancelled case.
  func requireOpenCase() throws(Refusal) {
    if state.isFinished { throw Refusal(.wrongState, "case '\(state.id)' is \(state.status.rawValue)") }
  }

  func requireActive(_ task: TaskState) throws(Refusal) {
    try requireOpenCase()
    guard task.status.isActive else {
      throw Refusal(.wrongState, "task '\(task.id)' is \(task.status.rawValue)")
    }
  }

  /// The value a condition sees for a case field, typed by the case type's field.
  func value(of field: String) -> Value? {
    guard let text = state.fields[field] else { return nil }
    guard let rule = definitions.fields[caseType.id]?[field] else { return .string(text) }
    return rule.type.value(of: text)
  }

  /// The value a condition sees for a `customer_*` node; `nil` without a customer context.
  func customerValue(of node: BundleExpression) -> Value? {
    guard let customer else { return nil }
    switch node.op {
    case .customerField: return node.field.flatMap { customer.fields[$0] }
    case .customerOpenCases: return .number(Double(customer.openCases))
    case .customerPendingCases: return .number(Double(customer.pendingCases))
    case .customerIsNew: return .boolean(customer.isNew)
    case .customerRecentCases:
      guard let seconds = node.windowSeconds else { return nil }
      return .number(
        Double(customer.recentCount(within: seconds, ofType: node.caseType, before: now)))
    default: return nil
    }
  }

  /// Whether `condition` holds on the case as it stands, with the customer's context if any.
  func holds(_ condition: BundleExpression) -> Bool {
    ConditionEvaluator.holds(condition, value, customer: customerValue)
  }

  /// The instant `percent` of `duration` after `start`, for a warning; `nil` without one.
  func warning(_ percent: Int?, of duration: BundleDuration, from start: Instant) throws(Refusal) -> Instant? {
    try Self.part(percent, of: duration).map { part throws(Refusal) in try due(part, from: start) }
  }

  /// `percent` of `duration`, the business time to its warning; `nil` without one.
  static func part(_ percent: Int?, of duration: BundleDuration) -> BundleDuration? {
    guard let percent else { return nil }
    var part = duration
    let seconds = duration.totalSeconds * percent / 100
    (part.minutes, part.seconds) = (seconds / 60, seconds % 60)
    return part
  }

  /// The instant `duration` of business time after `start` on its calendar.
  func due(_ duration: BundleDuration, from start: Instant) throws(Refusal) -> Instant {
    guard let calendar = definitions.calendar(duration.calendar) else {
      throw Refusal(.notFound, "calendar '\(duration.calendar)' is not in the bundle")
    }
    do throws(CalendarError) {
      return try calendar.due(from: start, adding: duration.totalSeconds)
    } catch {
      throw Self.uncomputable(duration.text, from: start, error)
    }
  }

  /// `days` of `calendar`'s day length and `seconds`, as a duration of business time on it
  /// (`what`: "an OLA") to count from `start`: refused when it is not positive, or longer than
  /// the years dcmc dates (or than an Int holds), which is past them from any start.
  func span(days: Int, seconds: Int, on calendar: String, of what: String, from start: Instant) throws(Refusal)
    -> BundleDuration
  {
    let text = DurationText.compact(days: days, seconds: seconds)
    let (inDays, overflow) = days.multipliedReportingOverflow(by: definitions.calendar(calendar)?.dayLength ?? 86_400)
    let (total, past) = inDays.addingReportingOverflow(seconds)
    let years = Instant.supported.upperBound.secondsSinceEpoch - Instant.supported.lowerBound.secondsSinceEpoch
    guard !overflow, !past, total <= years else { throw Self.uncomputable(text, from: start, .outOfRange) }
    guard total > 0 else { throw Refusal(.invalidInput, "\(what) must be positive") }
    return BundleDuration(minutes: total / 60, seconds: total % 60, calendar: calendar, text: text)
  }

  /// `now` plus `seconds`, for `what` (`the offer of task 'X'`): refused when that falls after
  /// the last instant dcmc keeps (a command given `--at` late in 9999), rather than
  /// recording an instant no history can hold.
  func later(by seconds: Int, for what: String) throws(Refusal) -> Instant {
    guard let later = now.keptAdding(seconds: seconds) else {
      throw Refusal(
        .invalidInput,
        quoting: "\(what) would end \(seconds) s after \(now), past \(Instant.supported.upperBound), the last instant dcmc keeps")
    }
    return later
  }

  /// The refusal of a deadline `text` (a duration as written) after `start` that `error`
  /// says cannot be computed.
  static func uncomputable(_ text: String, from start: Instant, _ error: CalendarError) -> Refusal {
    Refusal(.invalidInput, quoting: "the deadline \(text) from \(start) cannot be computed: \(error)")
  }

  /// Records the case's status when the tasks make it another: `escalated` while an
  /// escalation task is active, `in_progress` once any task has been taken, else `open`;
  /// `pending` wins while the case waits.
  mutating func refreshStatus() {
    guard !state.isFinished else { return }
    let status: CaseStatus =
      if state.pendingSince != nil {
        .pending
      } else if state.activeTasks.contains(where: { $0.level > 0 }) {
        .escalated
      } else if state.tasks.contains(where: { $0.handledBy != nil }) {
        .inProgress
      } else {
        .open
      }
    guard status != state.status else { return }
    emit(.statusChanged(status))
    notify(.caseStatusChanged, task: nil)
  }
}
