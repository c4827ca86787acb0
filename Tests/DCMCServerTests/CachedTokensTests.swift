import DCMCApplication
import DCMCCalendar
import DCMCServer
import Synchronization
import Testing
import _DCMCTestSupport

/// The server's cache of the tokens: read again only when the file's version changes, so a
/// revoke by another process acts at the next request and other requests parse nothing.
@Suite struct CachedTokensTests {
  @Test func theTokensAreReadAgainOnlyWhenTheirVersionChanges() throws {
    let counted = CountedTokens(InMemoryTokenRepository(), version: "1")
    let cached = CachedTokens(counted)
    let service = TokenService(repository: cached, clock: FixedClock(RepositoryUnderTest.monday))
    let made = try service.create(for: "alice", expires: nil, entropy: Array(repeating: 3, count: TokenService.entropyBytes))
    for _ in 0..<5 { #expect(try service.authenticate(made.token) == "alice") }
    #expect(counted.readCount == 1)
    // Revoked behind the cache's back (another process): unseen until the version moves.
    _ = try counted.base.revokeToken(made.record.id, at: RepositoryUnderTest.monday)
    #expect(try service.authenticate(made.token) == "alice")
    counted.version.withLock { $0 = "2" }
    #expect(throws: TokenRefusal.revoked) { try service.authenticate(made.token) }
    // No version known: read every time.
    counted.version.withLock { $0 = nil }
    _ = try cached.tokens()
    _ = try cached.tokens()
    #expect(counted.readCount == 4)
  }

  /// A request that read the tokens' version with the deployment (`StoreVersions`, one
  /// statement on PostgreSQL) is checked at that version: the cache does not read it again,
  /// and a version that moved reads the rows, so a revocation before the read counts.
  @Test func aVersionTheRequestReadIsNotReadAgain() throws {
    let counted = CountedTokens(InMemoryTokenRepository(), version: "1")
    let service = TokenService(repository: CachedTokens(counted), clock: FixedClock(RepositoryUnderTest.monday))
    let entropy = Array(repeating: UInt8(3), count: TokenService.entropyBytes)
    let made = try service.create(for: "alice", expires: nil, entropy: entropy)
    let cached = try #require(service.repository as? CachedTokens)
    // As `API` checks a request's token: at the version the request read.
    func acting(_ token: String, at version: String) throws(TokenRefusal) -> String {
      try service.acting(
        cached.verifiedRecord(of: token, atVersion: version) { token throws(TokenRefusal) in
          try service.record(of: token, tokensVersion: version)
        })
    }
    for _ in 0..<3 { #expect(try acting(made.token, at: "7") == "alice") }
    #expect(counted.readCount == 1)
    _ = try counted.base.revokeToken(made.record.id, at: RepositoryUnderTest.monday)
    #expect(try acting(made.token, at: "7") == "alice")
    #expect(throws: TokenRefusal.revoked) { try acting(made.token, at: "8") }
    #expect(counted.readCount == 2)
    #expect(counted.versionReads.load(ordering: .sequentiallyConsistent) == 0)
  }

  /// A bearer token's secret is checked once for each version of the tokens, then found by
  /// its text; a wrong one is checked every time and never kept; whether it acts (revoked,
  /// expired) is decided at each request's instant.
  @Test func aTokenIsCheckedOnceForEachVersionOfTheTokens() throws {
    let counted = CountedTokens(InMemoryTokenRepository(), version: "1")
    let cached = CachedTokens(counted)
    let monday = RepositoryUnderTest.monday
    let service = TokenService(repository: cached, clock: FixedClock(monday))
    let made = try service.create(
      for: "alice", expires: Instant(secondsSinceEpoch: monday.secondsSinceEpoch + 3600),
      entropy: Array(repeating: 3, count: TokenService.entropyBytes))
    var checks = 0
    func verified(_ token: String) throws(TokenRefusal) -> TokenRecord {
      try cached.verifiedRecord(of: token) { token throws(TokenRefusal) in
        checks += 1
        return try service.record(of: token)
      }
    }
    for _ in 0..<5 { #expect(try service.acting(verified(made.token)) == "alice") }
    #expect(checks == 1)
    let wrong = String(made.token.dropLast()) + (made.token.hasSuffix("0") ? "1" : "0")
    for _ in 0..<2 { #expect(throws: TokenRefusal.unknown) { try verified(wrong) } }
    #expect(checks == 3)
    // Kept, but past its expiry it does not act.
    let later = TokenService(repository: cached, clock: FixedClock(Instant(secondsSinceEpoch: monday.secondsSinceEpoch + 3600)))
    #expect(throws: TokenRefusal.expired) { try later.acting(verified(made.token)) }
    #expect(checks == 3)
    // Revoked by another process: the version moves, the token is checked again and refused.
    _ = try counted.base.revokeToken(made.record.id, at: monday)
    counted.version.withLock { $0 = "2" }
    #expect(throws: TokenRefusal.revoked) { try service.acting(verified(made.token)) }
    #expect(checks == 4)
    // No version known: checked every time.
    counted.version.withLock { $0 = nil }
    for _ in 0..<2 { _ = try verified(made.token) }
    #expect(checks == 6)
  }
}
