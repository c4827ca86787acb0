import DCMCCalendar
import DCMCJSON

// Format 1 of the store (`store.json` version 1, before the explicit event schema): events as
// the synthesized `Codable` wrote them, read only. An event is
// `{"at":{"secondsSinceEpoch":N},"by":"alice","change":{"taskCompleted":{"outcome":"resolved","task":1}},"seq":7}`:
// the change is `{"<enum case>":{<its values>}}` (`_0` for an unlabelled value, `{}` for none),
// keys are camelCase, tasks are numbers, `by` is missing for the clock. Acknowledged records
// stay in the histories as they were written (`docs/store.md`, "Upgrading from format 1"), so
// this reader stays as long as such histories may exist.

/// A value read from its format-1 JSON.
protocol LegacyReadable {
  init(legacy json: JSONValue) throws(JSONShapeError)
}

/// A format-1 value read through `JSONFields`: `fields.required("at", as: Legacy<Instant>.self)`.
struct Legacy<Value: LegacyReadable>: JSONReadable {
  let value: Value

  init(json: JSONValue) throws(JSONShapeError) { value = try Value(legacy: json) }
}

extension JSONFields {
  func legacy<Value: LegacyReadable>(_ key: String, as type: Value.Type = Value.self) throws(JSONShapeError) -> Value {
    try required(key, as: Legacy<Value>.self).value
  }

  func optionalLegacy<Value: LegacyReadable>(_ key: String, as type: Value.Type = Value.self) throws(JSONShapeError)
    -> Value?
  {
    try optional(key, as: Legacy<Value>.self)?.value
  }
}

extension Instant: LegacyReadable {
  /// `{"secondsSinceEpoch":N}`, within the instants dcmc computes with.
  init(legacy json: JSONValue) throws(JSONShapeError) {
    let seconds = try JSONFields(json).required("secondsSinceEpoch", as: Int.self)
    self.init(secondsSinceEpoch: seconds)
    guard Instant.supported.contains(self) else {
      throw JSONShapeError("the time \(seconds) is out of range").inside("secondsSinceEpoch")
    }
  }
}

extension CaseEvent: LegacyReadable {
  init(legacy json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(
      seq: try fields.required("seq"), at: try fields.legacy("at"), by: try fields.optional("by"),
      change: try fields.legacy("change"))
  }
}

extension CaseChange: LegacyReadable {
  init(legacy json: JSONValue) throws(JSONShapeError) {
    guard case .object(let members) = json else { throw JSONShapeError(expected: "an object", found: json) }
    guard members.count == 1, let (name, value) = members.first else {
      throw JSONShapeError("expected one key, the change's name; found \(members.count)")
    }
    do throws(JSONShapeError) {
      self = try Self.legacy(name, JSONFields(value))
    } catch {
      throw error.inside(name)
    }
  }

  private static func legacy(_ name: String, _ fields: JSONFields) throws(JSONShapeError) -> CaseChange {
    switch name {
    case "created": return .created(try fields.legacy("_0"))
    case "stageEntered": return .stageEntered(stage: try fields.required("stage"))
    case "taskCreated": return .taskCreated(try fields.legacy("_0"))
    case "taskAssigned": return .taskAssigned(task: try fields.required("task"), to: try fields.required("to"))
    case "taskOpened": return .taskOpened(task: try fields.required("task"))
    case "taskReleased": return .taskReleased(task: try fields.required("task"))
    case "taskCompleted":
      return .taskCompleted(task: try fields.required("task"), outcome: try fields.required("outcome"))
    case "taskEscalated":
      return .taskEscalated(task: try fields.required("task"), outcome: try fields.optional("outcome"), byTimer: false)
    case "taskCancelled": return .taskCancelled(task: try fields.required("task"))
    case "taskReassigned":
      return .taskReassigned(task: try fields.required("task"), target: try fields.required("target"))
    case "taskPriorityChanged":
      return .taskPriorityChanged(task: try fields.required("task"), priority: try fields.required("priority"))
    case "taskOLAChanged":
      return .taskOLAChanged(
        task: try fields.required("task"), due: try fields.optionalLegacy("due"),
        warnAt: try fields.optionalLegacy("warnAt"))
    case "timerFired": return .timerFired(try fields.legacy("_0"))
    case "escalationDeferred": return .escalationDeferred(task: try fields.required("task"))
    case "tierExpanded":
      return .tierExpanded(
        task: try fields.required("task"), tier: try fields.required("tier"),
        nextAt: try fields.optionalLegacy("nextAt"))
    case "priorityChanged": return .priorityChanged(try fields.required("_0"))
    case "fieldsSet": return .fieldsSet(try fields.required("_0"))
    case "statusChanged": return .statusChanged(try fields.required("_0"))
    case "pended": return .pended(pausesSLA: try fields.required("pausesSLA"))
    case "resumed":
      return .resumed(slaDue: try fields.optionalLegacy("slaDue"), slaWarnAt: try fields.optionalLegacy("slaWarnAt"))
    case "closed": return .closed(resolution: try fields.required("resolution"))
    case "cancelled": return .cancelled
    case "notificationQueued": return .notificationQueued(try fields.legacy("_0"))
    case "notificationDelivered": return .notificationDelivered(id: try fields.required("id"))
    // An attachment's format-1 object is its format-2 one.
    case "attachmentAdded": return .attachmentAdded(try fields.required("_0"))
    case "interactionLinked": return .interactionLinked(try fields.required("_0"))
    default: throw JSONShapeError("unknown change")
    }
  }
}

extension CaseCreated: LegacyReadable {
  init(legacy json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(
      id: try fields.required("id"), type: try fields.required("type"), bundle: try fields.required("bundle"),
      priority: try fields.required("priority"), fields: try fields.required("fields"),
      slaDue: try fields.optionalLegacy("slaDue"), slaWarnAt: try fields.optionalLegacy("slaWarnAt"),
      request: try fields.optional("request"))
  }
}

extension TaskCreated: LegacyReadable {
  init(legacy json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(
      number: try fields.required("number"), definition: try fields.required("definition"),
      name: try fields.required("name"), stage: try fields.required("stage"), target: try fields.required("target"),
      priority: try fields.required("priority"), olaDue: try fields.optionalLegacy("olaDue"),
      olaWarnAt: try fields.optionalLegacy("olaWarnAt"), nextTierAt: try fields.optionalLegacy("nextTierAt"),
      level: try fields.required("level"), escalatedFrom: try fields.optional("escalatedFrom"))
  }
}

extension Notification: LegacyReadable {
  init(legacy json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(
      id: try fields.required("id"), event: try fields.required("event"), channel: try fields.required("channel"),
      to: try fields.required("to"), template: try fields.required("template"),
      subject: try fields.required("subject"), body: try fields.required("body"), task: try fields.optional("task"))
  }
}

extension Timer: LegacyReadable {
  init(legacy json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(kind: try fields.required("kind"), task: try fields.optional("task"), due: try fields.legacy("due"))
  }
}
