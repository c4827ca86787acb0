public import DCMCCalendar
package import DCMCJSON

/// An API token as a store keeps it: who it acts as, and a salted hash of its secret, never
/// the secret itself (SPEC section 17). The token a client sends is `dcmc_<id>_<secret>`.
public struct TokenRecord: Sendable, Equatable {
  /// The public part of the token: 16 lowercase hex digits, what `token list` and
  /// `token revoke` name.
  public var id: String
  /// The user the token acts as, exactly as `--as USER`.
  public var user: String
  /// The salt, 32 lowercase hex digits, hashed before the secret.
  public var salt: String
  /// SHA-256 of the salt's bytes then the secret's text, 64 lowercase hex digits.
  public var hash: String
  public var created: Instant
  /// When the token stops working; `nil` for never.
  public var expires: Instant?
  /// When it was revoked; `nil` while it is not.
  public var revoked: Instant?

  public init(
    id: String, user: String, salt: String, hash: String, created: Instant, expires: Instant?, revoked: Instant?
  ) {
    self.id = id
    self.user = user
    self.salt = salt
    self.hash = hash
    self.created = created
    self.expires = expires
    self.revoked = revoked
  }

  /// The record as a store keeps it: the shape of a status link's (`StoredSecret`), with the
  /// user and when it expires.
  package var storedJSON: JSONValue {
    StoredSecret(id: id, salt: salt, hash: hash, created: created, revoked: revoked)
      .storedJSON(adding: [("expires", expires.map { .string($0.description) }), ("user", .string(user))])
  }

  /// What `token list --json` shows: everything but the salt and the hash.
  package var json: JSONValue {
    .object([
      ("id", .string(id)), ("user", .string(user)), ("created", .string(created.description)),
      ("expires", .string(expires?.description)), ("revoked", .string(revoked?.description)),
    ])
  }

  /// A record read back from `storedJSON`; `nil` when it is not one.
  package init?(stored value: JSONValue) {
    var strings: [String: String] = [:]
    guard let secret = StoredSecret(stored: value, strings: &strings), let user = strings["user"],
      case .some(let expires) = StoredSecret.optionalInstant(strings["expires"])
    else { return nil }
    self.init(
      id: secret.id, user: user, salt: secret.salt, hash: secret.hash, created: secret.created, expires: expires,
      revoked: secret.revoked)
  }

  /// Whether `text` can be a token id: 16 lowercase hex digits.
  public static func isID(_ text: String) -> Bool { StoredSecret.isID(text) }
}
