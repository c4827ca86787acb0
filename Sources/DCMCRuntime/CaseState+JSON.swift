import DCMCJSON

// The JSON of the state cache, format 2 (`docs/store.md`, "The state cache"): as the events,
// snake_case keys, every key written (`null` when there is no value), ISO 8601 times in UTC,
// tasks named by their task id. Members are written in key order, to a `JSONSink`: as bytes
// for the store (`compactJSON`), as a tree for readers (`json`). Format 1 is read by
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
    if let text: String = try fields.optional("sla") {
      sla = CaseSLA(text: text, seconds: try fields.required("sla_seconds"))
    }
  }

  package var json: JSONValue { JSONTree.written { write(to: &$0) }.value }

  /// `json.compact()`, written without building the tree, with `merging` (in key order) among
  /// the state's members: what the store writes for every state.
  package func compactJSON(merging members: [(key: String, value: JSONValue)] = []) -> [UInt8] {
    JSONBytes.written { write(to: &$0, merging: members) }.bytes
  }

  /// `compactJSON(merging:)` of only the members whose keys are `kept`, and `merging`.
  package func compactJSON(keeping kept: Set<String>, merging members: [(key: String, value: JSONValue)]) -> [UInt8] {
    var sink = KeptMembers<JSONBytes>(keeping: kept)
    write(to: &sink, merging: members)
    return sink.base.bytes
  }

  /// The members in key order; `skill`, `status_since`, `sla` and `sla_seconds` only when
  /// set: a state of a case whose SLA no supervisor set is written as before they existed.
  func write<Sink: JSONSink>(to sink: inout Sink, merging members: [(key: String, value: JSONValue)] = []) {
    let scope = CaseScope(caseID: id)
    sink.openObject(merging: members)
    sink.key("attachments")
    sink.array(attachments) { $1.write(to: &$0) }
    sink.member("bundle", bundle)
    sink.member("channel", channel?.rawValue)
    sink.member("closed_at", closedAt)
    sink.member("created_at", createdAt)
    sink.member("created_by", createdBy)
    sink.member("customer", customer)
    sink.key("fields")
    sink.object(fields)
    sink.member("id", id)
    sink.member("identification", identification?.rawValue)
    sink.key("interactions")
    sink.array(interactions)
    sink.key("outbox")
    sink.array(outbox) { $1.write(to: &$0, in: scope) }
    sink.member("pending_since", pendingSince)
    sink.member("priority", priority)
    sink.member("resolution", resolution)
    if let skill { sink.member("skill", skill) }
    if let sla { sink.member("sla", sla.text) }
    sink.member("sla_breached", slaBreached)
    sink.member("sla_due", slaDue)
    sink.member("sla_paused", slaPaused)
    if let sla { sink.member("sla_seconds", sla.seconds) }
    sink.member("sla_warn_at", slaWarnAt)
    sink.member("sla_warned", slaWarned)
    sink.member("stage", stage)
    sink.member("status", status.rawValue)
    if let statusSince { sink.member("status_since", statusSince) }
    sink.key("tasks")
    sink.array(tasks) { $1.write(to: &$0, in: scope) }
    sink.member("type", type)
    sink.member("updated_at", updatedAt)
    sink.member("version", version)
    sink.closeObject()
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
  /// The members in key order; `number` is not written: the task id holds it.
  /// `queued_since` and `status_since` only when set. `scheduled_since` and `scheduled_until`
  /// only while the task is scheduled: a state of a case that never scheduled a task is
  /// written as before they existed. `offered_to` and `offer_expires` only while the task is
  /// offered, `declines` while someone's decline stands: a state of a case that never pushed a
  /// task is written as before offers existed, and a cache written before them reads unchanged.
  func write<Sink: JSONSink>(to sink: inout Sink, in scope: CaseScope) {
    sink.openObject()
    sink.member("assignee", assignee)
    sink.member("created_at", createdAt)
    if !declines.isEmpty {
      sink.key("declines")
      sink.array(declines) { $1.write(to: &$0) }
    }
    sink.member("definition", definition)
    sink.member("ended_at", endedAt)
    sink.member("escalated_from", scope.taskID(escalatedFrom))
    sink.member("escalation_deferred", escalationDeferred)
    sink.member("handled_by", handledBy)
    sink.member("id", id)
    sink.member("level", level)
    sink.member("name", name)
    sink.member("next_tier_at", nextTierAt)
    if let offer {
      sink.member("offer_expires", offer.expires)
      sink.member("offered_to", offer.to)
    }
    sink.member("ola_breached", olaBreached)
    sink.member("ola_due", olaDue)
    sink.member("ola_warn_at", olaWarnAt)
    sink.member("ola_warned", olaWarned)
    sink.member("outcome", outcome)
    sink.member("priority", priority)
    if let queuedSince { sink.member("queued_since", queuedSince) }
    if scheduledSince != nil || scheduledUntil != nil {
      sink.member("scheduled_since", scheduledSince)
      sink.member("scheduled_until", scheduledUntil)
    }
    sink.member("stage", stage)
    sink.member("status", status.rawValue)
    if let statusSince { sink.member("status_since", statusSince) }
    sink.member("target", target)
    sink.member("tier", tier)
    sink.closeObject()
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

  package var json: JSONValue { JSONTree.written { write(to: &$0) }.value }

  func write<Sink: JSONSink>(to sink: inout Sink) {
    sink.openObject()
    sink.member("until", until)
    sink.member("user", user)
    sink.closeObject()
  }
}

extension OutboxEntry {
  /// The members of the notification's `notification.queued` event, and `delivered`.
  func write<Sink: JSONSink>(to sink: inout Sink, in scope: CaseScope) {
    sink.openObject()
    notification.writeMembers(to: &sink, in: scope, delivered: delivered)
    sink.closeObject()
  }

  init(json: JSONValue, in scope: CaseScope) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(notification: try Notification(fields, in: scope), delivered: try fields.required("delivered"))
  }
}

extension Attachment: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) { try self.init(JSONFields(json)) }

  package var json: JSONValue { JSONTree.written { write(to: &$0) }.value }

  func write<Sink: JSONSink>(to sink: inout Sink) {
    sink.openObject()
    writeMembers(to: &sink)
    sink.closeObject()
  }

  /// `name` as given, `size` in bytes, `stored`: the copy's path in the store.
  func writeMembers<Sink: JSONSink>(to sink: inout Sink) {
    sink.member("name", name)
    sink.member("size", size)
    sink.member("stored", stored)
  }

  init(_ fields: JSONFields) throws(JSONShapeError) {
    self.init(
      name: try fields.required("name"), size: try fields.required("size"), stored: try fields.required("stored"))
  }
}
