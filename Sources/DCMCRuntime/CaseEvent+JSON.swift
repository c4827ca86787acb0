import DCMCJSON

// The JSON of history records, format 2 (`docs/store.md`, "Events"): one flat object per
// event with `seq`, `at`, `by` (`null` for the clock), `type` (`CaseChange.Kind`) and the
// change's own members (`CaseChange+JSON.swift`). Keys are snake_case, every key of a type
// is written (`null` when there is no value), times are ISO 8601 in UTC, tasks are named by
// their task id. Members are written in key order, to a `JSONSink` (`JSONSink+Members.swift`).

extension CaseEvent {
  /// The event's record in the history of case `caseID` (whose id its task ids start with).
  package func json(caseID: String) -> JSONValue { JSONTree.written { write(to: &$0, caseID: caseID) }.value }

  /// `json(caseID:).compact()`, written without building the tree: what the store writes for
  /// every event.
  package func compactJSON(caseID: String) -> [UInt8] {
    JSONBytes.written { write(to: &$0, caseID: caseID) }.bytes
  }

  /// The change's own members (in key order), with `at`, `by`, `seq` and `type` merged in
  /// their places.
  func write<Sink: JSONSink>(to sink: inout Sink, caseID: String) {
    // A command's request, written only when it has one, so older records keep their bytes.
    let request: [(key: String, value: JSONValue)] =
      request.map { [("request", .string($0)), ("request_digest", .string(requestDigest))] } ?? []
    sink.openObject(merging: [("at", at.json), ("by", .string(by))] + request + [
      ("seq", .int(seq)), ("type", .string(change.kind.rawValue)),
    ])
    change.writeMembers(to: &sink, in: CaseScope(caseID: caseID))
    sink.closeObject()
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
    // A creation's `request` is its own member (`CaseCreated`).
    if kind != .caseCreated {
      request = try fields.optional("request")
      requestDigest = try fields.optional("request_digest")
    }
  }
}
