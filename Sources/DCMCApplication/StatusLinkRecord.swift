public import DCMCCalendar
package import DCMCJSON

/// A customer's status page link as a store keeps it (SPEC section 17, `docs/server.md`,
/// "Pages"): the customer record it shows and a salted hash of its secret, never the secret,
/// as an API token is kept. The link's path is `/status/<id>-<secret>`.
public struct StatusLinkRecord: Sendable, Equatable {
  /// The public part: 16 lowercase hex digits, what finds the record.
  public var id: String
  /// The customer record whose cases the page shows (its id when the link was made).
  public var customer: String
  /// 32 lowercase hex digits, hashed before the secret.
  public var salt: String
  /// SHA-256 of the salt's text then the secret's, 64 lowercase hex digits.
  public var hash: String
  public var created: Instant
  /// When it was revoked; `nil` while it shows the page.
  public var revoked: Instant?

  public init(id: String, customer: String, salt: String, hash: String, created: Instant, revoked: Instant?) {
    self.id = id
    self.customer = customer
    self.salt = salt
    self.hash = hash
    self.created = created
    self.revoked = revoked
  }

  /// The record as a store keeps it.
  package var storedJSON: JSONValue {
    .members([
      "id": .string(id), "customer": .string(customer), "salt": .string(salt), "hash": .string(hash),
      "created": .string(created.description), "revoked": revoked.map { .string($0.description) },
    ])
  }

  /// A record read back from `storedJSON`; `nil` when it is not one.
  package init?(stored value: JSONValue) {
    guard case .object(let members) = value else { return nil }
    var strings: [String: String] = [:]
    for (key, member) in members {
      if case .string(let text) = member { strings[key] = text }
    }
    guard let id = strings["id"], TokenRecord.isID(id), let customer = strings["customer"],
      let salt = strings["salt"], let hash = strings["hash"], let created = strings["created"].flatMap(Timestamp.init)
    else { return nil }
    let revoked = strings["revoked"].flatMap(Timestamp.init)
    guard (strings["revoked"] == nil) == (revoked == nil) else { return nil }
    self.init(id: id, customer: customer, salt: salt, hash: hash, created: created.instant, revoked: revoked?.instant)
  }
}
