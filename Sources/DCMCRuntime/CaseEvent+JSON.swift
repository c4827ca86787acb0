import DCMCJSON

// The JSON of history records, format 2 (`docs/store.md`, "Events"): one flat object per
// event with `seq`, `at`, `by` (`null` for the clock), `type` (`CaseChange.Kind`) and the
// change's own members (`CaseChange+JSON.swift`). Keys are snake_case, every key of a type
// is written (`null` when there is no value), times are ISO 8601 in UTC, tasks are named by
// their task id. The writer sorts the keys.

extension CaseEvent {
  /// The event's record in the history of case `caseID` (whose id its task ids start with).
  package func json(caseID: String) -> JSONValue {
    let own = change.members(in: CaseScope(caseID: caseID))
    let common: [(key: String, value: JSONValue)] = [
      ("at", at.json), ("by", .string(by)), ("seq", seq.json), ("type", .string(change.kind.rawValue)),
    ]
    // Both lists are in key order: merged, they stay so and the writer sorts nothing. (The keys
    // are ASCII, whose `<` is their bytes' order; were they not in order, the writer would sort.)
    var members: [(key: String, value: JSONValue)] = []
    members.reserveCapacity(own.count + common.count)
    var (next, nextCommon) = (0, 0)
    while next < own.count || nextCommon < common.count {
      if nextCommon == common.count || (next < own.count && own[next].key < common[nextCommon].key) {
        members.append(own[next])
        next += 1
      } else {
        members.append(common[nextCommon])
        nextCommon += 1
      }
    }
    return .object(members)
  }

  /// A record of case `caseID`'s history: format 2, or format 1 (`CaseEvent+LegacyJSON.swift`),
  /// recognised by its `change` key. Keys nobody reads are ignored.
  package init(json: JSONValue, caseID: String) throws(JSONShapeError) {
    if json["change"] != nil {
      try self.init(legacy: json)
      return
    }
    let fields = try JSONFields(json)
    let type = try fields.required("type", as: String.self)
    guard let kind = CaseChange.Kind(rawValue: type) else {
      throw JSONShapeError("unknown event type '\(type.prefix(40))'").inside("type")
    }
    self.init(
      seq: try fields.required("seq"), at: try fields.required("at"), by: try fields.optional("by"),
      change: try CaseChange(kind, fields, in: CaseScope(caseID: caseID)))
  }
}
