package import DCMCCalendar
package import DCMCJSON

/// What an API token (`TokenRecord`) and a customer's status page link (`StatusLinkRecord`)
/// have in common as a store keeps them: both are a secret handed out once and kept only as a
/// salted hash, found by a public id of 16 lowercase hex digits, made at one instant and
/// revoked at another. Each adds whom it acts for (a user, a customer record), and a token when
/// it expires. One JSON object of strings each, whose shared members this reads and writes.
package struct StoredSecret: Sendable, Equatable {
  package var id: String
  /// 32 lowercase hex digits, hashed before the secret.
  package var salt: String
  /// SHA-256 of the salt then the secret, 64 lowercase hex digits.
  package var hash: String
  package var created: Instant
  package var revoked: Instant?

  package init(id: String, salt: String, hash: String, created: Instant, revoked: Instant?) {
    (self.id, self.salt, self.hash, self.created, self.revoked) = (id, salt, hash, created, revoked)
  }

  /// The stored object with the shared members and `more` (each record's own, `nil` left out).
  package func storedJSON(adding more: [(String, JSONValue?)]) -> JSONValue {
    let shared: [(String, JSONValue?)] = [
      ("created", .string(created.description)), ("hash", .string(hash)), ("id", .string(id)),
      ("revoked", revoked.map { .string($0.description) }), ("salt", .string(salt)),
    ]
    return .object((shared + more).compactMap { key, value in value.map { (key, $0) } }.sorted { $0.0 < $1.0 })
  }

  /// The shared members of a stored object and its other string members (`strings`); `nil`
  /// when it is not an object, its id is not one, or a shared member is missing or not a time
  /// where it must be.
  package init?(stored value: JSONValue, strings: inout [String: String]) {
    guard case .object(let members) = value else { return nil }
    for (key, member) in members {
      if case .string(let text) = member { strings[key] = text }
    }
    guard let id = strings["id"], Self.isID(id), let salt = strings["salt"], let hash = strings["hash"],
      let created = strings["created"].flatMap(Self.instant), case .some(let revoked) = Self.optionalInstant(strings["revoked"])
    else { return nil }
    self.init(id: id, salt: salt, hash: hash, created: created, revoked: revoked)
  }

  /// The instant `text` writes: `.some(nil)` when there is no text, `nil` when it is not a time.
  package static func optionalInstant(_ text: String?) -> Instant?? {
    guard let text else { return .some(nil) }
    return instant(text).map { .some($0) }
  }

  private static func instant(_ text: String) -> Instant? { Timestamp(text)?.instant }

  /// Whether `text` can be a public id: 16 lowercase hex digits.
  package static func isID(_ text: String) -> Bool {
    text.utf8.count == 16 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }
}
