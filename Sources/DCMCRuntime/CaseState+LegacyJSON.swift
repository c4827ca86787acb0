import DCMCJSON

// Format 1 of the state cache (see `CaseEvent+LegacyJSON.swift`): the state as the synthesized
// `Codable` wrote it, camelCase keys, `{"secondsSinceEpoch":N}` times, task numbers, optional
// values left out, an outbox entry `{"delivered":false,"notification":{...}}`. Read only: a
// cache is derived, and the first write of this dcmc rewrites it in format 2.

extension CaseState: LegacyReadable {
  init(legacy json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(
      id: try fields.required("id"), type: try fields.required("type"), bundle: try fields.required("bundle"),
      status: try fields.required("status"), resolution: try fields.optional("resolution"),
      priority: try fields.required("priority"), fields: try fields.required("fields"),
      createdAt: try fields.legacy("createdAt"), createdBy: try fields.optional("createdBy"),
      stage: try fields.optional("stage"), slaDue: try fields.optionalLegacy("slaDue"),
      slaWarnAt: try fields.optionalLegacy("slaWarnAt"), slaWarned: try fields.required("slaWarned"),
      slaBreached: try fields.required("slaBreached"), pendingSince: try fields.optionalLegacy("pendingSince"),
      slaPaused: try fields.required("slaPaused"), closedAt: try fields.optionalLegacy("closedAt"),
      tasks: try fields.legacy("tasks"), outbox: try fields.legacy("outbox"),
      // An attachment's format-1 object is its format-2 one.
      attachments: try fields.required("attachments"), interactions: try fields.required("interactions"),
      version: try fields.required("version"), updatedAt: nil)
  }
}

extension Array: LegacyReadable where Element: LegacyReadable {
  init(legacy json: JSONValue) throws(JSONShapeError) {
    self = try [Legacy<Element>](json: json).map(\.value)
  }
}

extension TaskState: LegacyReadable {
  init(legacy json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(
      id: try fields.required("id"), number: try fields.required("number"),
      definition: try fields.required("definition"), name: try fields.required("name"),
      stage: try fields.required("stage"), status: try fields.required("status"),
      target: try fields.required("target"), assignee: try fields.optional("assignee"),
      priority: try fields.required("priority"), createdAt: try fields.legacy("createdAt"),
      olaDue: try fields.optionalLegacy("olaDue"), olaWarnAt: try fields.optionalLegacy("olaWarnAt"),
      olaWarned: try fields.required("olaWarned"), olaBreached: try fields.required("olaBreached"),
      escalationDeferred: try fields.required("escalationDeferred"), tier: try fields.required("tier"),
      nextTierAt: try fields.optionalLegacy("nextTierAt"), level: try fields.required("level"),
      escalatedFrom: try fields.optional("escalatedFrom"), handledBy: try fields.optional("handledBy"),
      outcome: try fields.optional("outcome"), endedAt: try fields.optionalLegacy("endedAt"))
  }
}

extension OutboxEntry: LegacyReadable {
  init(legacy json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(notification: try fields.legacy("notification"), delivered: try fields.required("delivered"))
  }
}
