import DCMCJSON

// The members each type of event adds to `seq`, `at`, `by` and `type` (see
// `CaseEvent+JSON.swift`). Values are nested only where they are values of their own: the
// form data of `case.created` and `case.fields_set`.

extension CaseChange {
  /// The change's own members, in key order.
  func writeMembers<Sink: JSONSink>(to sink: inout Sink, in scope: CaseScope) {
    switch self {
    case .created(let created):
      sink.member("bundle", created.bundle)
      sink.member("case", created.id)
      sink.member("case_type", created.type)
      sink.member("channel", created.channel?.rawValue)
      sink.member("customer", created.customer)
      sink.key("fields")
      sink.object(created.fields)
      sink.member("identification", created.identification?.rawValue)
      sink.member("priority", created.priority)
      sink.member("request", created.request)
      sink.member("request_digest", created.requestDigest)
      if let skill = created.skill { sink.member("skill", skill) }
      sink.member("sla_due", created.slaDue)
      sink.member("sla_warn_at", created.slaWarnAt)
    case .stageEntered(let stage): sink.member("stage", stage)
    case .taskCreated(let task):
      sink.member("definition", task.definition)
      sink.member("escalated_from", scope.taskID(task.escalatedFrom))
      sink.member("level", task.level)
      sink.member("name", task.name)
      sink.member("next_tier_at", task.nextTierAt)
      sink.member("ola_due", task.olaDue)
      sink.member("ola_warn_at", task.olaWarnAt)
      sink.member("priority", task.priority)
      sink.member("stage", task.stage)
      sink.member("target", task.target)
      sink.member("task", scope.taskID(task.number))
    case .taskAssigned(let task, let user):
      sink.member("task", scope.taskID(task))
      sink.member("to", user)
    case .taskOpened(let task), .taskReleased(let task), .taskCancelled(let task), .escalationDeferred(let task),
      .offerAccepted(let task):
      sink.member("task", scope.taskID(task))
    case .taskCompleted(let task, let outcome):
      sink.member("outcome", outcome)
      sink.member("task", scope.taskID(task))
    case .taskEscalated(let task, let outcome, let byTimer):
      // Written only when true, so the records written before it stay as they were.
      if byTimer { sink.member("by_timer", true) }
      sink.member("outcome", outcome)
      sink.member("task", scope.taskID(task))
    case .taskReassigned(let task, let target):
      sink.member("target", target)
      sink.member("task", scope.taskID(task))
    case .taskPriorityChanged(let task, let priority):
      sink.member("priority", priority)
      sink.member("task", scope.taskID(task))
    case .taskOLAChanged(let task, let due, let warnAt):
      sink.member("ola_due", due)
      sink.member("ola_warn_at", warnAt)
      sink.member("task", scope.taskID(task))
    case .taskRescheduled(let task, let until):
      sink.member("task", scope.taskID(task))
      sink.member("until", until)
    case .taskReturned(let task, let olaDue, let olaWarnAt, let nextTierAt):
      sink.member("next_tier_at", nextTierAt)
      sink.member("ola_due", olaDue)
      sink.member("ola_warn_at", olaWarnAt)
      sink.member("task", scope.taskID(task))
    case .taskOffered(let task, let user, let expires):
      sink.member("expires", expires)
      sink.member("task", scope.taskID(task))
      sink.member("to", user)
    case .offerDeclined(let task, let reason, let until):
      sink.member("reason", reason)
      sink.member("task", scope.taskID(task))
      sink.member("until", until)
    case .offerExpired(let task, let user):
      sink.member("task", scope.taskID(task))
      sink.member("user", user)
    case .offerWithdrawn(let task, let user, let reason):
      sink.member("reason", reason)
      sink.member("task", scope.taskID(task))
      sink.member("user", user)
    case .updated(let update): update.writeMembers(to: &sink, in: scope)
    case .timerFired(let timer):
      sink.member("due", timer.due)
      sink.member("task", scope.taskID(timer.task))
      sink.member("timer", timer.kind.rawValue)
    case .tierExpanded(let task, let tier, let nextAt):
      sink.member("next_tier_at", nextAt)
      sink.member("task", scope.taskID(task))
      sink.member("tier", tier)
    case .priorityChanged(let priority): sink.member("priority", priority)
    case .fieldsSet(let fields):
      sink.key("fields")
      sink.object(fields)
    case .statusChanged(let status): sink.member("status", status.rawValue)
    case .pended(let pausesSLA): sink.member("pauses_sla", pausesSLA)
    case .resumed(let slaDue, let slaWarnAt):
      sink.member("sla_due", slaDue)
      sink.member("sla_warn_at", slaWarnAt)
    case .slaSet(let sla, let due, let warnAt):
      sink.member("sla", sla.text)
      sink.member("sla_due", due)
      sink.member("sla_seconds", sla.seconds)
      sink.member("sla_warn_at", warnAt)
    case .closed(let resolution): sink.member("resolution", resolution)
    case .cancelled: break
    case .notificationQueued(let notification): notification.writeMembers(to: &sink, in: scope)
    case .notificationDelivered(let id): sink.member("notification", id)
    case .attachmentAdded(let attachment): attachment.writeMembers(to: &sink)
    case .interactionLinked(let interaction): sink.member("interaction", interaction)
    case .customerLinked(let customer): sink.member("customer", customer)
    case .customerMoved(let from, let to):
      sink.member("from", from)
      sink.member("to", to)
    }
  }

  /// The change of type `kind` whose members are `fields`.
  init(_ kind: Kind, _ fields: JSONFields, in scope: CaseScope) throws(JSONShapeError) {
    switch kind {
    case .caseCreated:
      self = .created(
        CaseCreated(
          id: try fields.required("case"), type: try fields.required("case_type"),
          bundle: try fields.required("bundle"), priority: try fields.required("priority"),
          fields: try fields.required("fields"), slaDue: try fields.optional("sla_due"),
          slaWarnAt: try fields.optional("sla_warn_at"), request: try fields.optional("request"),
          requestDigest: try fields.optional("request_digest"), customer: try fields.optional("customer"),
          identification: try fields.optional("identification"), channel: try fields.optional("channel"),
          skill: try fields.optional("skill")))
    case .stageEntered: self = .stageEntered(stage: try fields.required("stage"))
    case .taskCreated:
      self = .taskCreated(
        TaskCreated(
          number: try scope.task(fields, "task"), definition: try fields.required("definition"),
          name: try fields.required("name"), stage: try fields.required("stage"),
          target: try fields.required("target"), priority: try fields.required("priority"),
          olaDue: try fields.optional("ola_due"), olaWarnAt: try fields.optional("ola_warn_at"),
          nextTierAt: try fields.optional("next_tier_at"), level: try fields.required("level"),
          escalatedFrom: try scope.optionalTask(fields, "escalated_from")))
    case .taskAssigned: self = .taskAssigned(task: try scope.task(fields, "task"), to: try fields.required("to"))
    case .taskOpened: self = .taskOpened(task: try scope.task(fields, "task"))
    case .taskReleased: self = .taskReleased(task: try scope.task(fields, "task"))
    case .taskCompleted:
      self = .taskCompleted(task: try scope.task(fields, "task"), outcome: try fields.required("outcome"))
    case .taskEscalated:
      self = .taskEscalated(
        task: try scope.task(fields, "task"), outcome: try fields.optional("outcome"),
        byTimer: try fields.optional("by_timer") ?? false)
    case .taskCancelled: self = .taskCancelled(task: try scope.task(fields, "task"))
    case .taskReassigned:
      self = .taskReassigned(task: try scope.task(fields, "task"), target: try fields.required("target"))
    case .taskPriorityChanged:
      self = .taskPriorityChanged(task: try scope.task(fields, "task"), priority: try fields.required("priority"))
    case .taskOLAChanged:
      self = .taskOLAChanged(
        task: try scope.task(fields, "task"), due: try fields.optional("ola_due"),
        warnAt: try fields.optional("ola_warn_at"))
    case .taskRescheduled:
      self = .taskRescheduled(task: try scope.task(fields, "task"), until: try fields.required("until"))
    case .taskReturned:
      self = .taskReturned(
        task: try scope.task(fields, "task"), olaDue: try fields.optional("ola_due"),
        olaWarnAt: try fields.optional("ola_warn_at"), nextTierAt: try fields.optional("next_tier_at"))
    case .taskOffered:
      self = .taskOffered(
        task: try scope.task(fields, "task"), to: try fields.required("to"), expires: try fields.required("expires"))
    case .offerAccepted: self = .offerAccepted(task: try scope.task(fields, "task"))
    case .offerDeclined:
      self = .offerDeclined(
        task: try scope.task(fields, "task"), reason: try fields.required("reason"),
        until: try fields.required("until"))
    case .offerExpired: self = .offerExpired(task: try scope.task(fields, "task"), user: try fields.required("user"))
    case .offerWithdrawn:
      self = .offerWithdrawn(
        task: try scope.task(fields, "task"), user: try fields.required("user"), reason: try fields.required("reason"))
    case .updated: self = .updated(try CaseUpdate(fields, in: scope))
    case .timerFired:
      self = .timerFired(
        Timer(
          kind: try fields.required("timer"), task: try scope.optionalTask(fields, "task"),
          due: try fields.required("due")))
    case .escalationDeferred: self = .escalationDeferred(task: try scope.task(fields, "task"))
    case .tierExpanded:
      self = .tierExpanded(
        task: try scope.task(fields, "task"), tier: try fields.required("tier"),
        nextAt: try fields.optional("next_tier_at"))
    case .priorityChanged: self = .priorityChanged(try fields.required("priority"))
    case .fieldsSet: self = .fieldsSet(try fields.required("fields"))
    case .statusChanged: self = .statusChanged(try fields.required("status"))
    case .pended: self = .pended(pausesSLA: try fields.required("pauses_sla"))
    case .resumed:
      self = .resumed(slaDue: try fields.optional("sla_due"), slaWarnAt: try fields.optional("sla_warn_at"))
    case .slaSet:
      self = .slaSet(
        CaseSLA(text: try fields.required("sla"), seconds: try fields.required("sla_seconds")),
        due: try fields.optional("sla_due"), warnAt: try fields.optional("sla_warn_at"))
    case .closed: self = .closed(resolution: try fields.required("resolution"))
    case .cancelled: self = .cancelled
    case .notificationQueued: self = .notificationQueued(try Notification(fields, in: scope))
    case .notificationDelivered: self = .notificationDelivered(id: try fields.required("notification"))
    case .attachmentAdded: self = .attachmentAdded(try Attachment(fields))
    case .interactionLinked: self = .interactionLinked(try fields.required("interaction"))
    case .customerLinked: self = .customerLinked(try fields.required("customer"))
    case .customerMoved: self = .customerMoved(from: try fields.required("from"), to: try fields.required("to"))
    }
  }
}

extension Timer.Kind: JSONConvertible {}
extension Identification: JSONConvertible {}
extension ContactChannel: JSONConvertible {}

extension Notification {
  /// The members of `notification.queued`, and of an outbox entry with its `delivered`:
  /// `notification` is the notification's id, `event` its trigger (`case_created`), `task` the
  /// task id or `null`.
  func writeMembers<Sink: JSONSink>(to sink: inout Sink, in scope: CaseScope, delivered: Bool? = nil) {
    sink.member("body", body)
    sink.member("channel", channel)
    if let delivered { sink.member("delivered", delivered) }
    sink.member("event", event)
    sink.member("notification", id)
    sink.member("subject", subject)
    sink.member("task", scope.taskID(task))
    sink.member("template", template)
    sink.member("to", to)
  }

  init(_ fields: JSONFields, in scope: CaseScope) throws(JSONShapeError) {
    self.init(
      id: try fields.required("notification"), event: try fields.required("event"),
      channel: try fields.required("channel"), to: try fields.required("to"), template: try fields.required("template"),
      subject: try fields.required("subject"), body: try fields.required("body"),
      task: try scope.optionalTask(fields, "task"))
  }
}
