import DCMCApplication
import DCMCCalendar
import Testing
import _DCMCTestSupport

/// API tokens (SPEC section 17): the store keeps a salted hash, never the secret; a token acts
/// until it expires or is revoked, against the clock it is given.
@Suite struct TokenServiceTests {
  static let monday = RepositoryUnderTest.monday
  static let entropy = (0..<TokenService.entropyBytes).map { UInt8($0 * 3 % 256) }

  func service(_ repository: any TokenRepository, at seconds: Int) -> TokenService {
    TokenService(repository: repository, clock: FixedClock(Self.monday.adding(seconds: seconds)))
  }

  @Test(arguments: RepositoryKind.allCases) func theStoreKeepsASaltedHashAndNeverTheSecret(kind: RepositoryKind) throws {
    let (repository, cleanup) = try Self.tokens(kind)
    defer { cleanup() }
    let (token, record) = try service(repository, at: 0).create(for: "alice", expires: nil, entropy: Self.entropy)
    let secret = String(token.split(separator: "_")[2])
    #expect(token.hasPrefix("dcmc_\(record.id)_") && secret.count == 64)
    let stored = try #require(try repository.tokens().first)
    #expect(stored == record)
    #expect(!stored.hash.contains(secret) && !stored.salt.contains(secret) && stored.hash.count == 64)
    #expect(try service(repository, at: 10).authenticate(token) == "alice")
  }

  @Test(arguments: RepositoryKind.allCases) func aTokenStopsAtItsExpiryAndWhenRevoked(kind: RepositoryKind) throws {
    let (repository, cleanup) = try Self.tokens(kind)
    defer { cleanup() }
    let (token, record) = try service(repository, at: 0).create(
      for: "bob", expires: Self.monday.adding(seconds: 3600), entropy: Self.entropy)
    #expect(try service(repository, at: 3599).authenticate(token) == "bob")
    #expect(throws: TokenRefusal.expired) { try service(repository, at: 3600).authenticate(token) }
    let revoked = try service(repository, at: 60).revoke(record.id)
    #expect(revoked.revoked == Self.monday.adding(seconds: 60))
    #expect(throws: TokenRefusal.revoked) { try service(repository, at: 120).authenticate(token) }
    // Revoking again keeps the first instant; an unknown id is refused.
    #expect(try service(repository, at: 180).revoke(record.id).revoked == Self.monday.adding(seconds: 60))
    #expect(throws: ServiceError.self) { try service(repository, at: 180).revoke("0000000000000000") }
    #expect(try repository.tokens().count == 1)
  }

  @Test func aForgedOrMalformedTokenIsRefused() throws {
    let repository = InMemoryTokenRepository()
    let (token, _) = try service(repository, at: 0).create(for: "alice", expires: nil, entropy: Self.entropy)
    let forged = String(token.dropLast()) + (token.hasSuffix("0") ? "1" : "0")
    #expect(throws: TokenRefusal.unknown) { try service(repository, at: 1).authenticate(forged) }
    #expect(throws: TokenRefusal.malformed) { try service(repository, at: 1).authenticate("alice") }
    #expect(throws: TokenRefusal.malformed) { try service(repository, at: 1).authenticate(token + "0") }
    // A token cannot be made already expired, nor for a name no user can have.
    #expect(throws: ServiceError.self) {
      try service(repository, at: 0).create(for: "alice", expires: Self.monday, entropy: Self.entropy)
    }
    #expect(throws: ServiceError.self) {
      try service(repository, at: 0).create(for: "a\nb", expires: nil, entropy: Self.entropy)
    }
  }

  /// A token's user is an id by the rule of every user's (`UserID`, as `deploy --as`): token
  /// creation had a looser rule of its own, and made tokens for `a/b`, `.x` and a name with a
  /// C1 control that no `--as` took.
  @Test(arguments: [("a/b", "contains '/'"), (".x", "starts with '.'"), ("a\u{85}b", "contains a control character")])
  func aTokenIsMadeOnlyForAUserID(user: String, reason: String) throws {
    let repository = InMemoryTokenRepository()
    let refused = refusal { () throws(ServiceError) in
      _ = try service(repository, at: 0).create(for: user, expires: nil, entropy: Self.entropy)
    }
    #expect(refused == .invalidID(user, reason: "invalid id '\(UserID.printable(user))': \(reason)"))
    #expect(try repository.tokens().isEmpty)
  }

  /// A token repository of `kind`, and what removes it.
  static func tokens(_ kind: RepositoryKind) throws -> (any TokenRepository, () -> Void) {
    switch kind {
    case .memory: return (InMemoryTokenRepository(), {})
    case .files, .postgres:
      let store = try kind.make()
      guard let repository = store.repository as? any TokenRepository else {
        store.remove()
        throw NoTokens(kind: kind)
      }
      return (repository, { store.remove() })
    }
  }

  /// A store of `kind` that keeps no tokens (every adapter keeps them: a new one must too).
  struct NoTokens: Error { var kind: RepositoryKind }
}
