public import DCMCDiagnostics
public import DCMCExpressions

/// A case type: its form, rules, service levels, stages with tasks, escalation and
/// notifications.
public struct CaseType: Sendable {
  public var header: DefinitionHeader
  public var reference: Located<String>?
  /// The calendar of the SLA and OLAs unless they name another; `24x7` by default.
  public var calendar: Located<String>
  public var priority: Priority
  public var sla: ServiceLevel?
  public var fields: [FieldDefinition]
  public var rules: [Rule]
  public var escalation: Escalation?
  public var stages: [Stage]
  public var notifications: [NotificationRule]
  /// `customer:`: the fields that identify the customer; `nil` when not written.
  public var customer: CustomerMapping?
  /// `customer_status:`: the words overridden, in the order written; empty when not written.
  public var customerStatus: [CustomerStatusOverride] = []
  /// `customer_next_step:`: what the customer can do, by status or resolution, in the order
  /// written; empty when not written.
  public var customerNextStep: [CustomerStatusOverride] = []
  /// Whether a stage failed its shape check and was left out of `stages`, so that the flow
  /// as read is not the flow as written (the flow checks then stay silent).
  public var isPartial = false

  public init(
    header: DefinitionHeader, reference: Located<String>?, calendar: Located<String>, priority: Priority,
    sla: ServiceLevel?, fields: [FieldDefinition], rules: [Rule], escalation: Escalation?, stages: [Stage],
    notifications: [NotificationRule]
  ) {
    self.header = header
    self.reference = reference
    self.calendar = calendar
    self.priority = priority
    self.sla = sla
    self.fields = fields
    self.rules = rules
    self.escalation = escalation
    self.stages = stages
    self.notifications = notifications
  }

  /// The format of case references: `reference`, or the id in capitals with a six-digit
  /// sequence (`TECHNICAL-{seq:6}`).
  public var referenceFormat: String {
    reference?.value ?? header.id.value.uppercased() + "-{seq:6}"
  }

  /// Every task of every stage, in order.
  public var tasks: [TaskDefinition] { stages.flatMap(\.tasks) }
}

/// A `when:` condition: its text and, when it parsed, its tree.
public struct Condition: Sendable {
  public var text: Located<String>
  public var expression: Expression?

  public init(text: Located<String>, expression: Expression?) {
    self.text = text
    self.expression = expression
  }
}

/// A creation rule: when the condition holds at creation, its changes apply.
public struct Rule: Sendable {
  public var when: Condition
  public var priority: Priority?
  public var set: [FieldAssignment]
  /// `target:`: the workgroup the tasks created with the case go to instead of their own.
  public var target: Located<String>?
  /// `skill:`: the distribution skill of the case's tasks distributed by skill.
  public var skill: Located<String>?
  /// `acknowledge:`: the template of the case type's `case_created` notification instead of its own.
  public var acknowledge: Located<String>?

  public init(
    when: Condition, priority: Priority?, set: [FieldAssignment], target: Located<String>? = nil,
    skill: Located<String>? = nil, acknowledge: Located<String>? = nil
  ) {
    self.when = when
    self.priority = priority
    self.set = set
    self.target = target
    self.skill = skill
    self.acknowledge = acknowledge
  }
}

/// An SLA or OLA: a deadline on a calendar, an optional warning, and breach actions.
public struct ServiceLevel: Sendable {
  public var within: Located<Duration>
  /// `nil`: the case type's calendar.
  public var calendar: Located<String>?
  public var warn: Located<Percent>?
  public var pauseWhenPending: Bool
  public var onWarn: [BreachAction]
  /// `nil` when not written (the default applies: escalate for an OLA, nothing for an SLA).
  public var onBreach: [BreachAction]?

  public init(
    within: Located<Duration>, calendar: Located<String>?, warn: Located<Percent>?, pauseWhenPending: Bool,
    onWarn: [BreachAction], onBreach: [BreachAction]?
  ) {
    self.within = within
    self.calendar = calendar
    self.warn = warn
    self.pauseWhenPending = pauseWhenPending
    self.onWarn = onWarn
    self.onBreach = onBreach
  }
}

/// What happens when a deadline is at risk or breached.
public enum BreachAction: Sendable {
  case escalate(SourceRange)
  case raisePriority(Located<Int>)
  case reassign(Located<String>)
  case notify(template: Located<String>, to: TemplateText?)
}

/// Where escalated work goes: one level, or several in order.
public struct Escalation: Sendable {
  public var levels: [Level]

  public init(levels: [Level]) { self.levels = levels }

  public struct Level: Sendable {
    public var target: Located<String>
    public var task: Located<String>

    public init(target: Located<String>, task: Located<String>) {
      self.target = target
      self.task = task
    }
  }
}

public struct Stage: Sendable {
  public var id: Located<String>
  public var name: String
  public var tasks: [TaskDefinition]
  /// Whether a task failed its shape check, and was left out of `tasks` or is partial
  /// itself, so that the stage's start tasks and where they lead are not known.
  public var isPartial = false

  public init(id: Located<String>, name: String?, tasks: [TaskDefinition]) {
    self.id = id
    self.name = name ?? id.value
    self.tasks = tasks
  }

  /// The tasks created on entering the stage: those marked `start`, else the first.
  public var startTasks: [TaskDefinition] {
    let marked = tasks.filter(\.isStart)
    return marked.isEmpty ? Array(tasks.prefix(1)) : marked
  }
}

/// The events a notification can subscribe to.
public enum NotificationEvent: String, Sendable, Hashable, CaseIterable {
  case caseCreated = "case_created"
  case caseClosed = "case_closed"
  case caseStatusChanged = "case_status_changed"
  case taskCreated = "task_created"
  case taskAssigned = "task_assigned"
  case taskEscalated = "task_escalated"
  case olaAtRisk = "ola_at_risk"
  case olaBreached = "ola_breached"
  case slaAtRisk = "sla_at_risk"
  case slaBreached = "sla_breached"
}

public enum Channel: String, Sendable, Hashable, CaseIterable {
  case email, sms, mobile
}

public struct NotificationRule: Sendable {
  public var event: Located<NotificationEvent>
  public var channel: Located<Channel>
  public var to: TemplateText
  public var template: Located<String>

  public init(event: Located<NotificationEvent>, channel: Located<Channel>, to: TemplateText, template: Located<String>)
  {
    self.event = event
    self.channel = channel
    self.to = to
    self.template = template
  }
}
