import DCMCApplication
import DCMCCalendar
import DCMCPostgres
import DCMCServer
import Synchronization
import Testing
import _DCMCTestSupport

/// The server's token cache (`CachedTokens`) on PostgreSQL: the rows are read again only when
/// the tokens' version (`tokensVersion`: how many there are, how many revoked) moves, so a
/// request does not read `dcmc_tokens` whole, and a token revoked by another process is
/// refused at the next request.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresTokenCacheTests {
  @Test func theRowsAreReadOnlyWhenATokenChangesAndARevokedOneIsRefusedAtTheNextRequest() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    let counted = CountedTokens(try PostgresCaseRepository.open(url: url))
    let service = TokenService(repository: CachedTokens(counted), clock: FixedClock(RepositoryUnderTest.monday))
    let entropy = { (byte: UInt8) in Array(repeating: byte, count: TokenService.entropyBytes) }
    let alice = try service.create(for: "alice", expires: nil, entropy: entropy(3))
    #expect(try service.authenticate(alice.token) == "alice")
    let reads = counted.readCount
    for _ in 0..<5 { #expect(try service.authenticate(alice.token) == "alice") }
    #expect(counted.readCount == reads, "the rows were read with no change")

    // Another process (a pool of its own) adds a token, then revokes alice's.
    let other = TokenService(
      repository: try PostgresCaseRepository.open(url: url), clock: FixedClock(RepositoryUnderTest.monday))
    let bob = try other.create(for: "bob", expires: nil, entropy: entropy(4))
    #expect(try service.authenticate(bob.token) == "bob")
    #expect(counted.readCount == reads + 1)
    _ = try other.revoke(alice.record.id)
    #expect(throws: TokenRefusal.revoked) { try service.authenticate(alice.token) }
    #expect(counted.readCount == reads + 2)
    #expect(try service.authenticate(bob.token) == "bob")
    #expect(counted.readCount == reads + 2)
  }
}
