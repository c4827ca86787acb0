import DCMCPatterns

/// A case type with every default applied and every reference resolved.
public struct BundleCaseType: Sendable, Hashable, Encodable {
  public var id: String
  public var name: String
  public var description: String?
  public var source: BundleSource
  /// The case reference pattern (`TEC-{seq:6}`), the default applied.
  public var reference: String
  /// The default calendar of the SLA and OLAs.
  public var calendar: String
  /// The initial priority, 0...100.
  public var priority: Int
  public var sla: BundleServiceLevel?
  public var fields: [BundleField]
  /// In the order written: every rule whose condition holds applies, in order.
  public var rules: [BundleRule]
  /// The escalation levels in order; empty when the case type declares no escalation.
  public var escalation: [BundleEscalationLevel]
  /// In order: the case moves to the next stage when a stage completes.
  public var stages: [BundleStage]
  public var notifications: [BundleNotification]
  /// `customer:`: the fields that identify the customer; `nil` when not written.
  public var customer: BundleCustomerMapping?
  /// `customer_status:`: the words written for some statuses and resolutions, by status or
  /// resolution; `nil` when not written. `customerWords(for:)` and
  /// `customerWords(forClosedWith:)` give the effective words, the defaults applied.
  public var customerStatus: [String: String]?
  /// `customer_next_step:`: what the customer can do about a case in some statuses or closed
  /// with some resolutions (how to send the documents a pending case waits for); `nil` when not
  /// written. `customerNextStep(for:resolution:)` gives the one a case reads.
  public var customerNextStep: [String: String]?

  private enum CodingKeys: String, CodingKey {
    case id, name, description, source, reference, calendar, priority, sla, fields, rules, escalation, stages
    case notifications, customer
    case customerStatus = "customer_status"
    case customerNextStep = "customer_next_step"
  }

  public init(
    id: String, name: String, description: String?, source: BundleSource, reference: String,
    calendar: String,
    priority: Int, sla: BundleServiceLevel?, fields: [BundleField], rules: [BundleRule],
    escalation: [BundleEscalationLevel], stages: [BundleStage], notifications: [BundleNotification]
  ) {
    self.id = id
    self.name = name
    self.description = description
    self.source = source
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

  /// Every task of every stage, in order.
  public var tasks: [BundleTask] { stages.flatMap(\.tasks) }

  /// The task with this id, in any stage.
  public func task(_ id: String) -> BundleTask? { tasks.first { $0.id == id } }

  /// The words a customer reads for a case of this type in `status` (`pending`): the case
  /// type's own, else the default (`CustomerStatusWords.defaults`); `nil` for no status.
  public func customerWords(for status: String) -> String? {
    customerStatus?[status] ?? CustomerStatusWords.defaults[status]
  }

  /// The words a customer reads for a case of this type closed with `resolution`: the case
  /// type's words for that resolution, else those of `closed`.
  public func customerWords(forClosedWith resolution: String) -> String? {
    customerStatus?[resolution] ?? customerWords(for: "closed")
  }

  /// The words a customer reads for a case of this type in `status` (`pending`), with
  /// `resolution` read only when the status is `closed`: the status page's words, which the
  /// templates' `{{Customer_Status}}` shows too. A status with no words (none of a case's)
  /// reads as itself.
  public func customerWords(status: String, resolution: String?) -> String {
    (status == "closed" ? resolution.flatMap { customerWords(forClosedWith: $0) } : nil)
      ?? customerWords(for: status) ?? status
  }

  /// What a customer can do about a case of this type in `status`, with `resolution` read
  /// only when the status is `closed`: the next step written for the resolution, else for the
  /// status; `nil` when the case type gives none (there is no default).
  public func customerNextStep(for status: String, resolution: String?) -> String? {
    (status == "closed" ? resolution.flatMap { customerNextStep?[$0] } : nil) ?? customerNextStep?[status]
  }

  /// The resolutions a case of this type can close with: those its outcomes' `close:` name,
  /// and `completed`, which a case closes with when its last stage completes.
  public var resolutions: Set<String> {
    Set(tasks.flatMap { $0.outcomes.compactMap(\.close) }).union(["completed"])
  }
}

/// A case type's `customer:`: which of its fields give the customer's name, email and phone.
public struct BundleCustomerMapping: Sendable, Hashable, Encodable {
  /// A string or text field of the case type.
  public var name: String?
  /// An email field of the case type.
  public var email: String?
  /// A phone field of the case type.
  public var phone: String?

  public init(name: String?, email: String?, phone: String?) {
    self.name = name
    self.email = email
    self.phone = phone
  }

  /// The field given for `key` (`name`, `email`, `phone`).
  public func field(for key: String) -> String? {
    switch key {
    case "name": name
    case "email": email
    case "phone": phone
    default: nil
    }
  }
}

/// A creation rule.
public struct BundleRule: Sendable, Hashable, Encodable {
  public var when: BundleCondition
  public var priority: Int?
  /// In the order written.
  public var set: [BundleAssignment]
  /// The workgroup the tasks created with the case go to instead of their own target.
  public var target: String?
  /// The distribution skill of the case's tasks distributed by skill.
  public var skill: String?
  /// The template of the case type's `case_created` notification instead of its own.
  public var acknowledge: String?

  public init(
    when: BundleCondition, priority: Int?, set: [BundleAssignment], target: String? = nil, skill: String? = nil,
    acknowledge: String? = nil
  ) {
    self.when = when
    self.priority = priority
    self.set = set
    self.target = target
    self.skill = skill
    self.acknowledge = acknowledge
  }
}

/// A condition's tree and its canonical source text (for messages).
public struct BundleCondition: Sendable, Hashable, Encodable {
  public var text: String
  public var expression: BundleExpression

  public init(text: String, expression: BundleExpression) {
    self.text = text
    self.expression = expression
  }
}

/// `Field: value`, the value as text already checked against the field's type.
public struct BundleAssignment: Sendable, Hashable, Encodable {
  public var field: String
  public var value: String

  public init(field: String, value: String) {
    self.field = field
    self.value = value
  }
}

/// One escalation level: where escalated work goes and the task created there.
public struct BundleEscalationLevel: Sendable, Hashable, Encodable {
  public var target: String
  public var task: String

  public init(target: String, task: String) {
    self.target = target
    self.task = task
  }
}

public struct BundleStage: Sendable, Hashable, Encodable {
  public var id: String
  public var name: String
  /// The tasks created on entering the stage: those marked `start`, else the first.
  public var startTasks: [String]
  public var tasks: [BundleTask]

  private enum CodingKeys: String, CodingKey {
    case id, name, tasks
    case startTasks = "start_tasks"
  }

  public init(id: String, name: String, startTasks: [String], tasks: [BundleTask]) {
    self.id = id
    self.name = name
    self.startTasks = startTasks
    self.tasks = tasks
  }
}

/// A notification rule: on an event, render a template to a recipient on a channel.
public struct BundleNotification: Sendable, Hashable, Encodable {
  public enum Event: String, Sendable, Hashable, Encodable, CaseIterable {
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

  public enum Channel: String, Sendable, Hashable, Encodable, CaseIterable {
    case email, sms, mobile
  }

  public var on: Event
  public var channel: Channel
  public var to: [BundleTextPart]
  public var template: String

  public init(on: Event, channel: Channel, to: [BundleTextPart], template: String) {
    self.on = on
    self.channel = channel
    self.to = to
    self.template = template
  }
}
