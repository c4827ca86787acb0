import DCMCApplication
import DCMCCalendar
import DCMCServer
import Testing
import _DCMCTestSupport

/// What a request reads of the store before it acts.
@Suite struct APIStoreReadTests {
  /// A bearer token without a token's form is refused before any read: neither the store's
  /// versions, nor the deployment, nor the tokens.
  @Test func aMalformedTokenIsRefusedWithNoStoreRead() throws {
    let repository = CountingRepository()
    let service = try repository.referenceService()
    let tokens = CountedTokens(InMemoryTokenRepository(), version: "1")
    let alice = try TokenService(repository: tokens, clock: FixedClock(RepositoryUnderTest.monday))
      .create(for: "alice", expires: nil, entropy: Array(repeating: 3, count: TokenService.entropyBytes))
    let api = API(cases: service, tokens: CachedTokens(tokens))
    func status(_ authorization: String) -> Int {
      let request = HTTPRequest(
        method: "GET", path: "/api/v1/cases", query: [:], headers: ["Authorization": authorization], body: [],
        remoteAddress: "127.0.0.1")
      return api.respond(to: request, at: RepositoryUnderTest.monday.adding(seconds: 60)).response.status
    }
    func reads() -> Int {
      repository.versionReads.withLock { $0 } + repository.deployedReads.withLock { $0 } + tokens.readCount
        + tokens.versionReads.load(ordering: .sequentiallyConsistent)
    }
    repository.deployedReads.withLock { $0 = 0 }
    for malformed in ["Bearer not-a-token", "Bearer " + alice.token.dropLast(4), "Basic YWxpY2U6c2VjcmV0"] {
      #expect(status(malformed) == 401)
    }
    #expect(reads() == 0)
    // A token of the right form is read for.
    #expect(status("Bearer " + alice.token) == 200)
    #expect(repository.versionReads.withLock { $0 } == 1)
  }
}
