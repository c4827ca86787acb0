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

  /// The record as a store keeps it.
  package var storedJSON: JSONValue {
    .members([
      "id": .string(id), "user": .string(user), "salt": .string(salt), "hash": .string(hash),
      "created": .string(created.description), "expires": expires.map { .string($0.description) },
      "revoked": revoked.map { .string($0.description) },
    ])
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
    guard case .object(let members) = value else { return nil }
    var strings: [String: String] = [:]
    for (key, member) in members {
      if case .string(let text) = member { strings[key] = text }
    }
    guard let id = strings["id"], Self.isID(id), let user = strings["user"], let salt = strings["salt"],
      let hash = strings["hash"], let created = strings["created"].flatMap(Self.instant)
    else { return nil }
    let expires = strings["expires"].flatMap(Self.instant)
    let revoked = strings["revoked"].flatMap(Self.instant)
    guard (strings["expires"] == nil) == (expires == nil), (strings["revoked"] == nil) == (revoked == nil) else {
      return nil
    }
    self.init(id: id, user: user, salt: salt, hash: hash, created: created, expires: expires, revoked: revoked)
  }

  private static func instant(_ text: String) -> Instant? { Timestamp(text)?.instant }

  /// Whether `text` can be a token id: 16 lowercase hex digits.
  public static func isID(_ text: String) -> Bool {
    text.utf8.count == 16 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }
}
