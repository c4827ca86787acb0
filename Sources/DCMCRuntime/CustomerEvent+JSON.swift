import DCMCExpressions
import DCMCJSON

// The JSON of customer history records (`docs/store.md`, "Customer events"): the envelope of
// case events (`seq`, `at`, `by`, a dotted `type`), snake_case keys, every key of a type
// written (`null` when there is no value), times in UTC. The record's details are flat:
// `name`, `email` (as written), `phone` (E.164) and `fields`, typed JSON values.

extension CustomerEvent: JSONConvertible {
  package var json: JSONValue {
    var members: [(key: String, value: JSONValue)]
    switch change {
    case .added(let added):
      members =
        added.details.members + [
          ("customer", .string(added.id)), ("request", .string(added.request)),
          ("request_digest", .string(added.requestDigest)),
        ]
    case .updated(let details): members = details.members
    case .merged(let keep): members = [("into", .string(keep))]
    }
    members += [
      ("at", at.json), ("by", .string(by)), ("seq", seq.json),
      ("type", .string(change.kind.rawValue)),
    ]
    return .object(members)
  }

  package init(json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    let type = try fields.required("type", as: String.self)
    guard let kind = CustomerChange.Kind(rawValue: type) else {
      throw JSONShapeError("unknown event type '\(type.prefix(40))'").inside("type")
    }
    let change: CustomerChange
    switch kind {
    case .added:
      change = .added(
        CustomerAdded(
          id: try fields.required("customer"), details: try CustomerDetails(fields),
          request: try fields.optional("request"),
          requestDigest: try fields.optional("request_digest")))
    case .updated: change = .updated(try CustomerDetails(fields))
    case .merged: change = .merged(into: try fields.required("into"))
    }
    self.init(
      seq: try fields.required("seq"), at: try fields.required("at"), by: try fields.optional("by"),
      change: change)
  }
}

extension CustomerDetails {
  var members: [(key: String, value: JSONValue)] {
    [
      ("email", .string(email?.text)), ("fields", fields.json), ("name", .string(name)),
      ("phone", .string(phone?.e164)),
    ]
  }

  init(_ fields: JSONFields) throws(JSONShapeError) {
    let email: EmailAddress?
    if let text = try fields.optional("email", as: String.self) {
      guard let address = EmailAddress(text) else {
        throw JSONShapeError("not an email address").inside("email")
      }
      email = address
    } else {
      email = nil
    }
    let phone: PhoneNumber?
    if let text = try fields.optional("phone", as: String.self) {
      guard let number = PhoneNumber(e164: text) else {
        throw JSONShapeError("not an E.164 number").inside("phone")
      }
      phone = number
    } else {
      phone = nil
    }
    self.init(
      name: try fields.required("name"), email: email, phone: phone,
      fields: try fields.required("fields"))
  }
}
