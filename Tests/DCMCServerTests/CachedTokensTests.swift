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
    for _ in 0..<3 { #expect(try service.authenticate(made.token, tokensVersion: "7") == "alice") }
    #expect(counted.readCount == 1)
    _ = try counted.base.revokeToken(made.record.id, at: RepositoryUnderTest.monday)
    #expect(try service.authenticate(made.token, tokensVersion: "7") == "alice")
    #expect(throws: TokenRefusal.revoked) { try service.authenticate(made.token, tokensVersion: "8") }
    #expect(counted.readCount == 2)
    #expect(counted.versionReads.load(ordering: .sequentiallyConsistent) == 0)
  }
}
