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

  /// The record as a store keeps it: the shape of an API token's (`StoredSecret`), with the
  /// customer record.
  package var storedJSON: JSONValue {
    StoredSecret(id: id, salt: salt, hash: hash, created: created, revoked: revoked)
      .storedJSON(adding: [("customer", .string(customer))])
  }

  /// A record read back from `storedJSON`; `nil` when it is not one.
  package init?(stored value: JSONValue) {
    var strings: [String: String] = [:]
    guard let secret = StoredSecret(stored: value, strings: &strings), let customer = strings["customer"] else {
      return nil
    }
    self.init(
      id: secret.id, customer: customer, salt: secret.salt, hash: secret.hash, created: secret.created,
      revoked: secret.revoked)
  }
}
