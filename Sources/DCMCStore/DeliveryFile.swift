import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCRuntime

/// The format of `outbox.json`, the store's delivery records (`DeliveryLedger`): the lease a
/// delivery run holds on each pending notification it is delivering and the attempts that
/// failed, which no history records. One line of JSON, keys sorted:
/// `{"notifications":{"TEC-000001/n1":{"case":"TEC-000001","failures":1,"last_failure":"...","lease":{"expires":"2026-03-02T09:05:00Z","owner":"..."}}}}`
/// (`lease` and `last_failure` are `null` when there is none).
package enum DeliveryFile {
  package static func encode(_ ledger: DeliveryLedger) -> [UInt8] {
    let notifications = ledger.records.map { id, record in (id, record.storedJSON) }
    return JSONValue.object([("notifications", .object(notifications))]).compact() + [10]
  }

  /// The records `bytes` hold; why not, when they are not such a file.
  package static func decode(_ bytes: [UInt8]) throws(JSONShapeError) -> DeliveryLedger {
    let read = try records(bytes)
    if let refused = read.refused.first { throw refused.why.inside(refused.id).inside("notifications") }
    return read.ledger
  }

  /// The records of `bytes` that read, and each one that does not with why (`store verify`
  /// names those, `store rebuild` drops them); throws when `bytes` are not such a file at all
  /// (not JSON, a key twice, no `notifications` object).
  package static func records(_ bytes: [UInt8]) throws(JSONShapeError) -> (
    ledger: DeliveryLedger, refused: [(id: String, why: JSONShapeError)]
  ) {
    let json: JSONValue
    do { json = try JSONValue.parse(bytes, limits: .store) } catch {
      throw JSONShapeError("not JSON: \(error.message) at byte \(error.offset)")
    }
    guard case .object(let entries) = json["notifications"] else {
      throw JSONShapeError("expected an object").inside("notifications")
    }
    var ledger = DeliveryLedger()
    var refused: [(id: String, why: JSONShapeError)] = []
    for (id, value) in entries {
      do throws(JSONShapeError) {
        let fields = try JSONFields(value)
        var lease: NotificationLease?
        switch value["lease"] {
        case nil, .null?: break
        case let json?:
          let members = try JSONFields(json)
          lease = NotificationLease(owner: try members.required("owner"), expires: try members.required("expires"))
        }
        ledger.records[id] = DeliveryRecord(
          caseID: try fields.required("case"), lease: lease, failures: try fields.required("failures", in: 0...Int.max),
          lastFailure: try fields.optional("last_failure"))
      } catch {
        refused.append((id, error))
      }
    }
    return (ledger, refused)
  }
}
