import DCMCJSON

// The members each type of event adds to `seq`, `at`, `by` and `type` (see
// `CaseEvent+JSON.swift`). Values are nested only where they are values of their own: the
// form data of `case.created` and `case.fields_set`.

extension CaseChange {
  /// The change's own members, sorted by key.
  func members(in scope: CaseScope) -> [(key: String, value: JSONValue)] {
    switch self {
    case .created(let created):
      [
        ("bundle", .string(created.bundle)), ("case", .string(created.id)), ("case_type", .string(created.type)),
        ("channel", .string(created.channel?.rawValue)), ("customer", .string(created.customer)),
        ("fields", created.fields.json), ("identification", .string(created.identification?.rawValue)),
        ("priority", created.priority.json), ("request", .string(created.request)),
        ("request_digest", .string(created.requestDigest)),
      ] + (created.skill.map { [("skill", .string($0))] } ?? [])
        + [("sla_due", .time(created.slaDue)), ("sla_warn_at", .time(created.slaWarnAt))]
    case .stageEntered(let stage): [("stage", .string(stage))]
    case .taskCreated(let task):
      [
        ("definition", .string(task.definition)), ("escalated_from", scope.task(task.escalatedFrom)),
        ("level", task.level.json), ("name", .string(task.name)), ("next_tier_at", .time(task.nextTierAt)),
        ("ola_due", .time(task.olaDue)), ("ola_warn_at", .time(task.olaWarnAt)), ("priority", task.priority.json),
        ("stage", .string(task.stage)), ("target", .string(task.target)), ("task", scope.task(task.number)),
      ]
    case .taskAssigned(let task, let user): [("task", scope.task(task)), ("to", .string(user))]
    case .taskOpened(let task), .taskReleased(let task), .taskCancelled(let task), .escalationDeferred(let task):
      [("task", scope.task(task))]
    case .taskCompleted(let task, let outcome): [("outcome", .string(outcome)), ("task", scope.task(task))]
    case .taskEscalated(let task, let outcome): [("outcome", .string(outcome)), ("task", scope.task(task))]
    case .taskReassigned(let task, let target): [("target", .string(target)), ("task", scope.task(task))]
    case .taskPriorityChanged(let task, let priority): [("priority", priority.json), ("task", scope.task(task))]
    case .taskOLAChanged(let task, let due, let warnAt):
      [("ola_due", .time(due)), ("ola_warn_at", .time(warnAt)), ("task", scope.task(task))]
    case .taskRescheduled(let task, let until): [("task", scope.task(task)), ("until", until.json)]
    case .taskReturned(let task, let olaDue, let olaWarnAt, let nextTierAt):
      [
        ("next_tier_at", .time(nextTierAt)), ("ola_due", .time(olaDue)), ("ola_warn_at", .time(olaWarnAt)),
        ("task", scope.task(task)),
      ]
    case .taskOffered(let task, let user, let expires):
      [("expires", expires.json), ("task", scope.task(task)), ("to", .string(user))]
    case .offerAccepted(let task): [("task", scope.task(task))]
    case .offerDeclined(let task, let reason, let until):
      [("reason", .string(reason)), ("task", scope.task(task)), ("until", until.json)]
    case .offerExpired(let task, let user): [("task", scope.task(task)), ("user", .string(user))]
    case .updated(let update): update.members(in: scope)
    case .timerFired(let timer):
      [("due", timer.due.json), ("task", scope.task(timer.task)), ("timer", timer.kind.json)]
    case .tierExpanded(let task, let tier, let nextAt):
      [("next_tier_at", .time(nextAt)), ("task", scope.task(task)), ("tier", tier.json)]
    case .priorityChanged(let priority): [("priority", priority.json)]
    case .fieldsSet(let fields): [("fields", fields.json)]
    case .statusChanged(let status): [("status", status.json)]
    case .pended(let pausesSLA): [("pauses_sla", pausesSLA.json)]
    case .resumed(let slaDue, let slaWarnAt): [("sla_due", .time(slaDue)), ("sla_warn_at", .time(slaWarnAt))]
    case .closed(let resolution): [("resolution", .string(resolution))]
    case .cancelled: []
    case .notificationQueued(let notification): notification.members(in: scope)
    case .notificationDelivered(let id): [("notification", .string(id))]
    case .attachmentAdded(let attachment): attachment.members
    case .interactionLinked(let interaction): [("interaction", .string(interaction))]
    case .customerLinked(let customer): [("customer", .string(customer))]
    case .customerMoved(let from, let to): [("from", .string(from)), ("to", .string(to))]
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
      self = .taskEscalated(task: try scope.task(fields, "task"), outcome: try fields.optional("outcome"))
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
  /// The members of `notification.queued` and of an outbox entry: `notification` is the
  /// notification's id, `event` its trigger (`case_created`), `task` the task id or `null`.
  func members(in scope: CaseScope) -> [(key: String, value: JSONValue)] {
    [
      ("body", .string(body)), ("channel", .string(channel)), ("event", .string(event)), ("notification", .string(id)),
      ("subject", .string(subject)), ("task", scope.task(task)), ("template", .string(template)), ("to", .string(to)),
    ]
  }

  init(_ fields: JSONFields, in scope: CaseScope) throws(JSONShapeError) {
    self.init(
      id: try fields.required("notification"), event: try fields.required("event"),
      channel: try fields.required("channel"), to: try fields.required("to"), template: try fields.required("template"),
      subject: try fields.required("subject"), body: try fields.required("body"),
      task: try scope.optionalTask(fields, "task"))
  }
}
