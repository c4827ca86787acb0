import DCMCApplication
import DCMCCalendar
import DCMCServer
import Synchronization
import Testing
import _DCMCTestSupport

/// The server's cache of the tokens: read again only when the file's version changes, so a
/// revoke by another process acts at the next request and other requests parse nothing.
@Suite struct CachedTokensTests {
  /// Tokens in memory that count their reads, with a version the test sets.
  final class Counted: TokenRepository {
    let base = InMemoryTokenRepository()
    let reads = Atomic<Int>(0)
    let version = Mutex<String?>("1")

    func tokens() throws(RepositoryError) -> [TokenRecord] {
      reads.add(1, ordering: .sequentiallyConsistent)
      return try base.tokens()
    }
    func addToken(_ record: TokenRecord) throws(RepositoryError) { try base.addToken(record) }
    func revokeToken(_ id: String, at instant: Instant) throws(RepositoryError) -> TokenRecord? {
      try base.revokeToken(id, at: instant)
    }
    func tokensVersion() throws(RepositoryError) -> String? { version.withLock { $0 } }
  }

  @Test func theTokensAreReadAgainOnlyWhenTheirVersionChanges() throws {
    let counted = Counted()
    let cached = CachedTokens(counted)
    let service = TokenService(repository: cached, clock: FixedClock(RepositoryUnderTest.monday))
    let made = try service.create(for: "alice", expires: nil, entropy: Array(repeating: 3, count: TokenService.entropyBytes))
    for _ in 0..<5 { #expect(try service.authenticate(made.token) == "alice") }
    #expect(counted.reads.load(ordering: .sequentiallyConsistent) == 1)
    // Revoked behind the cache's back (another process): unseen until the version moves.
    _ = try counted.base.revokeToken(made.record.id, at: RepositoryUnderTest.monday)
    #expect(try service.authenticate(made.token) == "alice")
    counted.version.withLock { $0 = "2" }
    #expect(throws: TokenRefusal.revoked) { try service.authenticate(made.token) }
    // No version known: read every time.
    counted.version.withLock { $0 = nil }
    _ = try cached.tokens()
    _ = try cached.tokens()
    #expect(counted.reads.load(ordering: .sequentiallyConsistent) == 4)
  }
}
