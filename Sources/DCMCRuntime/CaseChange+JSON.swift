import DCMCJSON

// A change is `{"<case>":{<its values>}}`, as synthesized `Codable` wrote it (see
// `JSONConvertible`): `{"taskCompleted":{"outcome":"done","task":1}}`, `{"cancelled":{}}`,
// `{"priorityChanged":{"_0":3}}`.

extension CaseChange: JSONConvertible {
  package init(json: JSONValue) throws(JSONShapeError) {
    guard case .object(let members) = json else { throw JSONShapeError(expected: "an object", found: json) }
    guard members.count == 1, let (name, value) = members.first else {
      throw JSONShapeError("expected one key, the change's name; found \(members.count)")
    }
    do throws(JSONShapeError) {
      self = try Self.read(name, JSONFields(value))
    } catch {
      throw error.inside(name)
    }
  }

  private static func read(_ name: String, _ fields: JSONFields) throws(JSONShapeError) -> CaseChange {
    switch name {
    case "created": return .created(try fields.required("_0"))
    case "stageEntered": return .stageEntered(stage: try fields.required("stage"))
    case "taskCreated": return .taskCreated(try fields.required("_0"))
    case "taskAssigned": return .taskAssigned(task: try fields.required("task"), to: try fields.required("to"))
    case "taskOpened": return .taskOpened(task: try fields.required("task"))
    case "taskReleased": return .taskReleased(task: try fields.required("task"))
    case "taskCompleted":
      return .taskCompleted(task: try fields.required("task"), outcome: try fields.required("outcome"))
    case "taskEscalated":
      return .taskEscalated(task: try fields.required("task"), outcome: try fields.optional("outcome"))
    case "taskCancelled": return .taskCancelled(task: try fields.required("task"))
    case "taskReassigned":
      return .taskReassigned(task: try fields.required("task"), target: try fields.required("target"))
    case "taskPriorityChanged":
      return .taskPriorityChanged(task: try fields.required("task"), priority: try fields.required("priority"))
    case "taskOLAChanged":
      return .taskOLAChanged(
        task: try fields.required("task"), due: try fields.optional("due"), warnAt: try fields.optional("warnAt"))
    case "timerFired": return .timerFired(try fields.required("_0"))
    case "escalationDeferred": return .escalationDeferred(task: try fields.required("task"))
    case "tierExpanded":
      return .tierExpanded(
        task: try fields.required("task"), tier: try fields.required("tier"), nextAt: try fields.optional("nextAt"))
    case "priorityChanged": return .priorityChanged(try fields.required("_0"))
    case "fieldsSet": return .fieldsSet(try fields.required("_0"))
    case "statusChanged": return .statusChanged(try fields.required("_0"))
    case "pended": return .pended(pausesSLA: try fields.required("pausesSLA"))
    case "resumed": return .resumed(slaDue: try fields.optional("slaDue"), slaWarnAt: try fields.optional("slaWarnAt"))
    case "closed": return .closed(resolution: try fields.required("resolution"))
    case "cancelled": return .cancelled
    case "notificationQueued": return .notificationQueued(try fields.required("_0"))
    case "notificationDelivered": return .notificationDelivered(id: try fields.required("id"))
    case "attachmentAdded": return .attachmentAdded(try fields.required("_0"))
    case "interactionLinked": return .interactionLinked(try fields.required("_0"))
    default: throw JSONShapeError("unknown change")
    }
  }

  package var json: JSONValue {
    switch self {
    case .created(let created): .enumCase("created", ["_0": created.json])
    case .stageEntered(let stage): .enumCase("stageEntered", ["stage": stage.json])
    case .taskCreated(let task): .enumCase("taskCreated", ["_0": task.json])
    case .taskAssigned(let task, let to): .enumCase("taskAssigned", ["task": task.json, "to": to.json])
    case .taskOpened(let task): .enumCase("taskOpened", ["task": task.json])
    case .taskReleased(let task): .enumCase("taskReleased", ["task": task.json])
    case .taskCompleted(let task, let outcome):
      .enumCase("taskCompleted", ["outcome": outcome.json, "task": task.json])
    case .taskEscalated(let task, let outcome):
      .enumCase("taskEscalated", ["outcome": outcome?.json, "task": task.json])
    case .taskCancelled(let task): .enumCase("taskCancelled", ["task": task.json])
    case .taskReassigned(let task, let target):
      .enumCase("taskReassigned", ["target": target.json, "task": task.json])
    case .taskPriorityChanged(let task, let priority):
      .enumCase("taskPriorityChanged", ["priority": priority.json, "task": task.json])
    case .taskOLAChanged(let task, let due, let warnAt):
      .enumCase("taskOLAChanged", ["due": due?.json, "task": task.json, "warnAt": warnAt?.json])
    case .timerFired(let timer): .enumCase("timerFired", ["_0": timer.json])
    case .escalationDeferred(let task): .enumCase("escalationDeferred", ["task": task.json])
    case .tierExpanded(let task, let tier, let nextAt):
      .enumCase("tierExpanded", ["nextAt": nextAt?.json, "task": task.json, "tier": tier.json])
    case .priorityChanged(let priority): .enumCase("priorityChanged", ["_0": priority.json])
    case .fieldsSet(let fields): .enumCase("fieldsSet", ["_0": fields.json])
    case .statusChanged(let status): .enumCase("statusChanged", ["_0": status.json])
    case .pended(let pausesSLA): .enumCase("pended", ["pausesSLA": pausesSLA.json])
    case .resumed(let slaDue, let slaWarnAt):
      .enumCase("resumed", ["slaDue": slaDue?.json, "slaWarnAt": slaWarnAt?.json])
    case .closed(let resolution): .enumCase("closed", ["resolution": resolution.json])
    case .cancelled: .enumCase("cancelled")
    case .notificationQueued(let notification): .enumCase("notificationQueued", ["_0": notification.json])
    case .notificationDelivered(let id): .enumCase("notificationDelivered", ["id": id.json])
    case .attachmentAdded(let attachment): .enumCase("attachmentAdded", ["_0": attachment.json])
    case .interactionLinked(let interaction): .enumCase("interactionLinked", ["_0": interaction.json])
    }
  }
}
