import DCMCJSON

// The JSON of history records (see `JSONConvertible`). Members are written sorted by key.

extension CaseEvent: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(
      seq: try fields.required("seq"), at: try fields.required("at"), by: try fields.optional("by"),
      change: try fields.required("change"))
  }

  package var json: JSONValue {
    .members(["at": at.json, "by": by?.json, "change": change.json, "seq": seq.json])
  }
}

extension CaseCreated: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(
      id: try fields.required("id"), type: try fields.required("type"), bundle: try fields.required("bundle"),
      priority: try fields.required("priority"), fields: try fields.required("fields"),
      slaDue: try fields.optional("slaDue"),
      slaWarnAt: try fields.optional("slaWarnAt"), request: try fields.optional("request"))
  }

  package var json: JSONValue {
    .members([
      "bundle": bundle.json, "fields": fields.json, "id": id.json,
      "priority": priority.json, "request": request?.json, "slaDue": slaDue?.json, "slaWarnAt": slaWarnAt?.json,
      "type": type.json,
    ])
  }
}

extension TaskCreated: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(
      number: try fields.required("number"), definition: try fields.required("definition"),
      name: try fields.required("name"), stage: try fields.required("stage"), target: try fields.required("target"),
      priority: try fields.required("priority"), olaDue: try fields.optional("olaDue"),
      olaWarnAt: try fields.optional("olaWarnAt"), nextTierAt: try fields.optional("nextTierAt"),
      level: try fields.required("level"), escalatedFrom: try fields.optional("escalatedFrom"))
  }

  package var json: JSONValue {
    .members([
      "definition": definition.json, "escalatedFrom": escalatedFrom?.json, "level": level.json, "name": name.json,
      "nextTierAt": nextTierAt?.json, "number": number.json, "olaDue": olaDue?.json, "olaWarnAt": olaWarnAt?.json,
      "priority": priority.json, "stage": stage.json, "target": target.json,
    ])
  }
}

extension Notification: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(
      id: try fields.required("id"), event: try fields.required("event"), channel: try fields.required("channel"),
      to: try fields.required("to"), template: try fields.required("template"),
      subject: try fields.required("subject"), body: try fields.required("body"), task: try fields.optional("task"))
  }

  package var json: JSONValue {
    .members([
      "body": body.json, "channel": channel.json, "event": event.json, "id": id.json, "subject": subject.json,
      "task": task?.json, "template": template.json, "to": to.json,
    ])
  }
}

extension Timer: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(kind: try fields.required("kind"), task: try fields.optional("task"), due: try fields.required("due"))
  }

  package var json: JSONValue { .members(["due": due.json, "kind": kind.json, "task": task?.json]) }
}

extension Timer.Kind: JSONConvertible {}
