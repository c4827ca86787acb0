import DCMCJSON

// The JSON of the state cache (see `JSONConvertible`). Members are written sorted by key.

extension CaseState: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(
      id: try fields.required("id"), type: try fields.required("type"), bundle: try fields.required("bundle"),
      status: try fields.required("status"), resolution: try fields.optional("resolution"),
      priority: try fields.required("priority"), fields: try fields.required("fields"),
      createdAt: try fields.required("createdAt"),
      createdBy: try fields.optional("createdBy"), stage: try fields.optional("stage"),
      slaDue: try fields.optional("slaDue"), slaWarnAt: try fields.optional("slaWarnAt"),
      slaWarned: try fields.required("slaWarned"), slaBreached: try fields.required("slaBreached"),
      pendingSince: try fields.optional("pendingSince"), slaPaused: try fields.required("slaPaused"),
      closedAt: try fields.optional("closedAt"), tasks: try fields.required("tasks"),
      outbox: try fields.required("outbox"), attachments: try fields.required("attachments"),
      interactions: try fields.required("interactions"), version: try fields.required("version"))
  }

  package var json: JSONValue {
    .members([
      "attachments": attachments.json, "bundle": bundle.json, "closedAt": closedAt?.json,
      "createdAt": createdAt.json, "createdBy": createdBy?.json, "fields": fields.json,
      "id": id.json, "interactions": interactions.json, "outbox": outbox.json, "pendingSince": pendingSince?.json,
      "priority": priority.json, "resolution": resolution?.json, "slaBreached": slaBreached.json,
      "slaDue": slaDue?.json, "slaPaused": slaPaused.json, "slaWarnAt": slaWarnAt?.json,
      "slaWarned": slaWarned.json, "stage": stage?.json, "status": status.json, "tasks": tasks.json,
      "type": type.json, "version": version.json,
    ])
  }
}

extension CaseStatus: JSONConvertible {}

extension TaskState: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(
      id: try fields.required("id"), number: try fields.required("number"),
      definition: try fields.required("definition"), name: try fields.required("name"),
      stage: try fields.required("stage"), status: try fields.required("status"),
      target: try fields.required("target"), assignee: try fields.optional("assignee"),
      priority: try fields.required("priority"), createdAt: try fields.required("createdAt"),
      olaDue: try fields.optional("olaDue"), olaWarnAt: try fields.optional("olaWarnAt"),
      olaWarned: try fields.required("olaWarned"), olaBreached: try fields.required("olaBreached"),
      escalationDeferred: try fields.required("escalationDeferred"), tier: try fields.required("tier"),
      nextTierAt: try fields.optional("nextTierAt"), level: try fields.required("level"),
      escalatedFrom: try fields.optional("escalatedFrom"), handledBy: try fields.optional("handledBy"),
      outcome: try fields.optional("outcome"), endedAt: try fields.optional("endedAt"))
  }

  package var json: JSONValue {
    .members([
      "assignee": assignee?.json, "createdAt": createdAt.json, "definition": definition.json,
      "endedAt": endedAt?.json, "escalatedFrom": escalatedFrom?.json, "escalationDeferred": escalationDeferred.json,
      "handledBy": handledBy?.json, "id": id.json, "level": level.json, "name": name.json,
      "nextTierAt": nextTierAt?.json, "number": number.json, "olaBreached": olaBreached.json,
      "olaDue": olaDue?.json, "olaWarnAt": olaWarnAt?.json, "olaWarned": olaWarned.json,
      "outcome": outcome?.json, "priority": priority.json, "stage": stage.json, "status": status.json,
      "target": target.json, "tier": tier.json,
    ])
  }
}

extension TaskStatus: JSONConvertible {}

extension OutboxEntry: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(notification: try fields.required("notification"), delivered: try fields.required("delivered"))
  }

  package var json: JSONValue { .members(["delivered": delivered.json, "notification": notification.json]) }
}

extension Attachment: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(
      name: try fields.required("name"), size: try fields.required("size"), stored: try fields.required("stored"))
  }

  package var json: JSONValue { .members(["name": name.json, "size": size.json, "stored": stored.json]) }
}
