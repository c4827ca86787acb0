public import DCMCCalendar
import DCMCBundle

/// The API tokens' use cases (SPEC section 17): create one for a user (its secret shown once,
/// only a salted hash kept), list, revoke, and authenticate a bearer token at the clock's
/// instant. A token acts exactly as `--as USER`: what it may do is checked by the other
/// services, as for the CLI.
public struct TokenService: Sendable {
  public let repository: any TokenRepository
  public let clock: any Clock

  public init(repository: any TokenRepository, clock: any Clock) {
    self.repository = repository
    self.clock = clock
  }

  /// The bytes of randomness `create` takes: 8 for the id, 16 for the salt, 32 for the secret.
  public static let entropyBytes = 56

  /// A new token acting as `user`, valid until `expires` (`nil`: until revoked); `entropy`
  /// is `entropyBytes` random bytes the shell drew. Returns the token's text, shown once.
  /// `user` is an id by the rule every user's is (`UserID`, as `deploy --as`); a token kept
  /// for a name an older, looser rule let through still acts as it (`authenticate` checks the
  /// secret, not the name).
  public func create(for user: String, expires: Instant?, entropy: [UInt8]) throws(ServiceError)
    -> (token: String, record: TokenRecord)
  {
    precondition(entropy.count == Self.entropyBytes, "a token is made of \(Self.entropyBytes) random bytes")
    let user = try UserID.checked(user)
    let now = clock.now()
    // An expiry past the instants dcmc reads back would make tokens.json unreadable, and every
    // token with it.
    if let expires, expires <= now || !Instant.supported.contains(expires) {
      throw .refused(.tokenExpiry(expires))
    }
    let id = SHA256.hex(entropy[0..<8])
    let salt = SHA256.hex(entropy[8..<24])
    let secret = SHA256.hex(entropy[24...])
    let record = TokenRecord(
      id: id, user: user, salt: salt, hash: Self.digest(salt: salt, secret: secret), created: now, expires: expires,
      revoked: nil)
    try ServiceError.wrap { () throws(RepositoryError) in try repository.addToken(record) }
    return ("dcmc_\(id)_\(secret)", record)
  }

  /// Every token, oldest first.
  public func list() throws(ServiceError) -> [TokenRecord] {
    try ServiceError.wrap { () throws(RepositoryError) in try repository.tokens() }
  }

  /// Revokes token `id` now; revoking it again changes nothing.
  public func revoke(_ id: String) throws(ServiceError) -> TokenRecord {
    guard TokenRecord.isID(id) else { throw .refused(.noSuchToken(id)) }
    let now = clock.now()
    guard let record = try ServiceError.wrap({ () throws(RepositoryError) in try repository.revokeToken(id, at: now) })
    else { throw .refused(.noSuchToken(id)) }
    return record
  }

  /// The user a bearer token acts as at the clock's instant, or why it does not act.
  public func authenticate(_ token: String) throws(TokenRefusal) -> String { try acting(try record(of: token)) }

  /// The record of the token whose secret `token` carries, revoked or expired or not. With
  /// `tokensVersion` (read with the request's other reads, `StoreVersions`), among the records
  /// at that version (`TokenRepository.tokens(atVersion:)`).
  public func record(of token: String, tokensVersion: String? = nil) throws(TokenRefusal) -> TokenRecord {
    guard let parts = Self.parts(of: token) else { throw .malformed }
    let records: [TokenRecord]
    do {
      if let tokensVersion {
        records = try repository.tokens(atVersion: tokensVersion)
      } else {
        records = try repository.tokens()
      }
    } catch { throw .unavailable("\(error)") }
    guard let record = records.first(where: { $0.id == parts.id }) else { throw .unknown }
    guard Self.equal(Self.digest(salt: record.salt, secret: parts.secret), record.hash) else { throw .unknown }
    return record
  }

  /// The user the token of `record` acts as at the clock's instant, unless it was revoked or
  /// has expired.
  public func acting(_ record: TokenRecord) throws(TokenRefusal) -> String {
    if record.revoked != nil { throw .revoked }
    if let expires = record.expires, expires <= clock.now() { throw .expired }
    return record.user
  }

  /// Whether `token` has a token's form, `dcmc_ID_SECRET` (a 64-character secret): one that
  /// has not is refused without reading the store.
  public static func isWellFormed(_ token: String) -> Bool { parts(of: token) != nil }

  /// The id and the secret of a token of the form `dcmc_ID_SECRET`; `nil` for any other text.
  /// Every request's bearer token passes here: an ASCII token (what `create` hands out) is
  /// read as bytes, whose split is its characters' ("_" joins no other ASCII character);
  /// any other text by its characters (`characterParts`).
  static func parts(of token: String) -> (id: String, secret: String)? {
    let prefix = "dcmc_".utf8.count
    let idEnd = prefix + 16
    guard token.utf8.allSatisfy({ $0 < 0x80 }) else { return characterParts(of: token) }
    let bytes = Array(token.utf8)
    let underscore = UInt8(ascii: "_")
    guard bytes.count == idEnd + 1 + 64, bytes.starts(with: "dcmc_".utf8), bytes[idEnd] == underscore,
      !bytes[(idEnd + 1)...].contains(underscore)
    else { return nil }
    let id = String(decoding: bytes[prefix..<idEnd], as: UTF8.self)
    guard TokenRecord.isID(id) else { return nil }
    return (id, String(decoding: bytes[(idEnd + 1)...], as: UTF8.self))
  }

  /// `parts(of:)` read by characters: the form's definition, for text that is not ASCII.
  static func characterParts(of token: String) -> (id: String, secret: String)? {
    let parts = token.split(separator: "_", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0] == "dcmc", TokenRecord.isID(String(parts[1])), parts[2].utf8.count == 64 else {
      return nil
    }
    return (String(parts[1]), String(parts[2]))
  }

  /// SHA-256 of the salt's text, then the secret's text, in hex.
  static func digest(salt: String, secret: String) -> String { SHA256.hexDigest(of: Array(salt.utf8) + secret.utf8) }

  /// Compares two digests in time that depends on their length only, not on where they differ.
  static func equal(_ left: String, _ right: String) -> Bool {
    let (a, b) = (Array(left.utf8), Array(right.utf8))
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
  }
}

/// Why a bearer token does not act (the server answers 401 to each).
public enum TokenRefusal: Error, Sendable, Equatable, CustomStringConvertible {
  case missing
  case malformed
  /// No token has that id, or its secret does not match.
  case unknown
  case revoked
  case expired
  /// The tokens could not be read: the store's failure, with its paths (for the server's log,
  /// never for the client).
  case unavailable(String)

  public var description: String {
    switch self {
    case .missing: "no bearer token"
    case .malformed: "the bearer token is not a dcmc token"
    case .unknown: "the bearer token is not known"
    case .revoked: "the bearer token was revoked"
    case .expired: "the bearer token has expired"
    case .unavailable: "the tokens cannot be read"
    }
  }
}
