import DCMCCalendar
import DCMCJSON

// The JSON of presence history records (`docs/store.md`, "Presence events"): the envelope of
// case events (`seq`, `at`, `by`, `type`), then `user`, `state`, `reason` (not-ready only) and
// `until` (wrap-up only), `null` when there is no value; times in UTC. `request` and
// `request_digest` only on an event that records a request, so older records keep their bytes.

extension PresenceEvent: JSONConvertible {
  package var json: JSONValue {
    let request: [(String, JSONValue)] =
      request.map { [("request", .string($0)), ("request_digest", .string(requestDigest))] } ?? []
    return .object(
      [("at", at.json), ("by", .string(by)), ("reason", .string(status.reason))] + request + [
        ("seq", seq.json), ("state", .string(status.name)), ("type", .string(Self.type)),
        ("until", status.until?.json ?? .null), ("user", .string(user)),
      ])
  }

  package init(json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    let type = try fields.required("type", as: String.self)
    guard type == Self.type else { throw JSONShapeError("unknown event type '\(type.prefix(40))'").inside("type") }
    let name = try fields.required("state", as: String.self)
    let reason = try fields.optional("reason", as: String.self)
    let until = try fields.optional("until", as: Instant.self)
    let status: PresenceStatus
    switch (name, reason, until) {
    case ("logged_off", nil, nil): status = .loggedOff
    case ("ready", nil, nil): status = .ready
    case ("not_ready", _, nil): status = .notReady(reason: reason)
    case ("wrap_up", nil, let end?): status = .wrapUp(until: end)
    default:
      throw JSONShapeError("'\(name.prefix(40))' is no presence state with this reason and end").inside("state")
    }
    self.init(
      seq: try fields.required("seq"), at: try fields.required("at"), by: try fields.optional("by"),
      user: try fields.required("user"), status: status)
    request = try fields.optional("request")
    requestDigest = try fields.optional("request_digest")
  }
}
