import DCMCJSON

// The JSON of the state cache, format 2 (`docs/store.md`, "The state cache"): as the events,
// snake_case keys, every key written (`null` when there is no value), ISO 8601 times in UTC,
// tasks named by their task id. Members are given sorted by key. Format 1 is read by
// `CaseState+LegacyJSON.swift`.

extension CaseState: JSONConvertible {
  /// A state in format 2, or in format 1 (recognised by its `createdAt` key).
  package init(json: JSONValue) throws(JSONShapeError) {
    if json["createdAt"] != nil {
      try self.init(legacy: json)
      return
    }
    let fields = try JSONFields(json)
    let id = try fields.required("id", as: String.self)
    let scope = CaseScope(caseID: id)
    self.init(
      id: id, type: try fields.required("type"), bundle: try fields.required("bundle"),
      status: try fields.required("status"), resolution: try fields.optional("resolution"),
      priority: try fields.required("priority"), fields: try fields.required("fields"),
      createdAt: try fields.required("created_at"), createdBy: try fields.optional("created_by"),
      stage: try fields.optional("stage"), slaDue: try fields.optional("sla_due"),
      slaWarnAt: try fields.optional("sla_warn_at"), slaWarned: try fields.required("sla_warned"),
      slaBreached: try fields.required("sla_breached"), pendingSince: try fields.optional("pending_since"),
      slaPaused: try fields.required("sla_paused"), closedAt: try fields.optional("closed_at"),
      tasks: try Self.list(json, "tasks") { json throws(JSONShapeError) in try TaskState(json: json, in: scope) },
      outbox: try Self.list(json, "outbox") { json throws(JSONShapeError) in try OutboxEntry(json: json, in: scope) },
      attachments: try fields.required("attachments"), interactions: try fields.required("interactions"),
      version: try fields.required("version"), updatedAt: try fields.optional("updated_at"),
      customer: try fields.optional("customer"), identification: try fields.optional("identification"),
      channel: try fields.optional("channel"), skill: try fields.optional("skill"),
      statusSince: try fields.optional("status_since"))
  }

  package var json: JSONValue {
    let scope = CaseScope(caseID: id)
    // In key order, so that the writer need not sort them; `skill` and `status_since` only when set.
    return .members([
      "attachments": attachments.json, "bundle": .string(bundle), "channel": .string(channel?.rawValue),
      "closed_at": .time(closedAt), "created_at": createdAt.json, "created_by": .string(createdBy),
      "customer": .string(customer), "fields": fields.json, "id": .string(id),
      "identification": .string(identification?.rawValue), "interactions": interactions.json,
      "outbox": .array(outbox.map { $0.json(in: scope) }), "pending_since": .time(pendingSince),
      "priority": priority.json, "resolution": .string(resolution), "skill": skill.map { .string($0) },
      "sla_breached": slaBreached.json, "sla_due": .time(slaDue), "sla_paused": slaPaused.json,
      "sla_warn_at": .time(slaWarnAt), "sla_warned": slaWarned.json, "stage": .string(stage),
      "status": status.json, "status_since": statusSince?.json, "tasks": .array(tasks.map { $0.json(in: scope) }),
      "type": .string(type), "updated_at": .time(updatedAt), "version": version.json,
    ])
  }

  /// The array at `key` of `object`, each element read by `read`; an error names the
  /// element's index.
  private static func list<Element>(
    _ object: JSONValue, _ key: String, _ read: (JSONValue) throws(JSONShapeError) -> Element
  ) throws(JSONShapeError) -> [Element] {
    guard let json = object[key] else { throw .missing(key) }
    guard case .array(let items) = json else { throw JSONShapeError(expected: "an array", found: json).inside(key) }
    var elements: [Element] = []
    elements.reserveCapacity(items.count)
    for (index, item) in items.enumerated() {
      do throws(JSONShapeError) { elements.append(try read(item)) } catch {
        throw error.inside(String(index)).inside(key)
      }
    }
    return elements
  }
}

extension CaseStatus: JSONConvertible {}

extension TaskState {
  /// `number` is not written: the task id holds it.
  func json(in scope: CaseScope) -> JSONValue {
    // In key order, so that the writer need not sort them. `queued_since` and `status_since`
    // only when set. `scheduled_since` and `scheduled_until` only while the task is scheduled:
    // a state of a case that never scheduled a task is written as before they existed.
    // `offered_to` and `offer_expires` only while the task is offered, `declines` while
    // someone's decline stands: a state of a case that never pushed a task is written as
    // before offers existed, and a cache written before them reads unchanged.
    let scheduled = scheduledSince != nil || scheduledUntil != nil
    return .members([
      "assignee": .string(assignee), "created_at": createdAt.json, "declines": declines.isEmpty ? nil : declines.json,
      "definition": .string(definition), "ended_at": .time(endedAt), "escalated_from": scope.task(escalatedFrom),
      "escalation_deferred": escalationDeferred.json, "handled_by": .string(handledBy), "id": .string(id),
      "level": level.json, "name": .string(name), "next_tier_at": .time(nextTierAt),
      "offer_expires": offer?.expires.json, "offered_to": offer.map { .string($0.to) },
      "ola_breached": olaBreached.json, "ola_due": .time(olaDue), "ola_warn_at": .time(olaWarnAt),
      "ola_warned": olaWarned.json, "outcome": .string(outcome), "priority": priority.json,
      "queued_since": queuedSince?.json, "scheduled_since": scheduled ? .time(scheduledSince) : nil,
      "scheduled_until": scheduled ? .time(scheduledUntil) : nil, "stage": .string(stage), "status": status.json,
      "status_since": statusSince?.json, "target": .string(target), "tier": tier.json,
    ])
  }

  init(json: JSONValue, in scope: CaseScope) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    let id = try fields.required("id", as: String.self)
    let number: Int
    do throws(JSONShapeError) { number = try scope.number(ofTask: id) } catch { throw error.inside("id") }
    self.init(
      id: id, number: number, definition: try fields.required("definition"), name: try fields.required("name"),
      stage: try fields.required("stage"), status: try fields.required("status"),
      target: try fields.required("target"), assignee: try fields.optional("assignee"),
      priority: try fields.required("priority"), createdAt: try fields.required("created_at"),
      olaDue: try fields.optional("ola_due"), olaWarnAt: try fields.optional("ola_warn_at"),
      olaWarned: try fields.required("ola_warned"), olaBreached: try fields.required("ola_breached"),
      escalationDeferred: try fields.required("escalation_deferred"), tier: try fields.required("tier"),
      nextTierAt: try fields.optional("next_tier_at"), level: try fields.required("level"),
      escalatedFrom: try scope.optionalTask(fields, "escalated_from"), handledBy: try fields.optional("handled_by"),
      outcome: try fields.optional("outcome"), endedAt: try fields.optional("ended_at"),
      scheduledSince: try fields.optional("scheduled_since"), scheduledUntil: try fields.optional("scheduled_until"))
    if let to: String = try fields.optional("offered_to") {
      offer = TaskOffer(to: to, expires: try fields.required("offer_expires"))
    } else if status == .offered {
      throw .missing("offered_to")
    }
    declines = try fields.optional("declines") ?? []
    statusSince = try fields.optional("status_since")
    queuedSince = try fields.optional("queued_since")
  }
}

extension TaskStatus: JSONConvertible {}

extension TaskDecline: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(user: try fields.required("user"), until: try fields.required("until"))
  }

  package var json: JSONValue { .object([("until", until.json), ("user", .string(user))]) }
}

extension OutboxEntry {
  /// The members of the notification's `notification.queued` event, and `delivered`.
  func json(in scope: CaseScope) -> JSONValue {
    var members = notification.members(in: scope)
    members.insert(("delivered", delivered.json), at: 2)
    return .object(members)
  }

  init(json: JSONValue, in scope: CaseScope) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(notification: try Notification(fields, in: scope), delivered: try fields.required("delivered"))
  }
}

extension Attachment: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) { try self.init(JSONFields(json)) }

  package var json: JSONValue { .object(members) }

  /// `name` as given, `size` in bytes, `stored`: the copy's path in the store.
  var members: [(key: String, value: JSONValue)] {
    [("name", .string(name)), ("size", size.json), ("stored", .string(stored))]
  }

  init(_ fields: JSONFields) throws(JSONShapeError) {
    self.init(
      name: try fields.required("name"), size: try fields.required("size"), stored: try fields.required("stored"))
  }
}
