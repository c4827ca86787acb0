import DCMCApplication
import DCMCCalendar
import DCMCPostgres
import DCMCServer
import Testing
import _DCMCTestSupport

/// What a request of `dcmc serve` reads before it acts, on PostgreSQL: the tokens' version and
/// the deployed bundle in one statement (`storeVersions`), where a create read them in two
/// (`tokensVersion`, then `deployedBundle`), each a round trip and a transaction on the
/// server. A token revoked and a bundle deployed by another process before the request count
/// for it, as before.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresRequestVersionsTests {
  static func entropy(_ byte: UInt8) -> [UInt8] { Array(repeating: byte, count: TokenService.entropyBytes) }

  @Test func oneStatementAnswersTheTokensVersionAndTheDeployedBundle() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let repository = try PostgresCaseRepository.open(url: try #require(store.databaseURL))
    func expectSame() throws {
      let versions = try #require(try repository.storeVersions())
      let apart = StoreVersions(
        tokens: try repository.tokensVersion(), deployed: try repository.deployedBundle(), fence: versions.fence)
      #expect(versions == apart)
    }
    try expectSame()
    let tokens = TokenService(repository: repository, clock: FixedClock(RepositoryUnderTest.monday))
    let before = try repository.storeVersions()
    let alice = try tokens.create(for: "alice", expires: nil, entropy: Self.entropy(3))
    let added = try repository.storeVersions()
    _ = try tokens.revoke(alice.record.id)
    let revoked = try repository.storeVersions()
    #expect(Set([before?.tokens, added?.tokens, revoked?.tokens]).count == 3)
    try expectSame()
    let other = Self.otherBundle
    _ = try repository.deploy(other.bundle, bytes: other.bytes)
    #expect(try repository.storeVersions()?.deployed == other.bundle.hash)
    try expectSame()
  }

  /// The API reads the tokens' version only with the deployment (never on its own), and a
  /// revocation or a deployment by another process before a request counts for it.
  @Test func aRequestSeesWhatWasCommittedBeforeItWithOneRead() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    let counted = CountedTokens(try PostgresCaseRepository.open(url: url))
    let api = API(cases: store.service, tokens: CachedTokens(counted))
    let tokens = TokenService(repository: counted, clock: FixedClock(RepositoryUnderTest.monday))
    let alice = try tokens.create(for: "alice", expires: nil, entropy: Self.entropy(3))
    let bob = try tokens.create(for: "bob", expires: nil, entropy: Self.entropy(4))
    // The status of a create by `token`, and whether the case started on bundle `hash`.
    func create(_ token: String, on hash: String = "") -> (status: Int, on: Bool) {
      let request = HTTPRequest(
        method: "POST", path: "/api/v1/cases", query: [:],
        headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
        body: Array(Self.form.utf8), remoteAddress: "127.0.0.1")
      let response = api.respond(to: request, at: RepositoryUnderTest.monday.adding(seconds: 60)).response
      return (response.status, String(decoding: response.body, as: UTF8.self).contains(hash))
    }
    #expect(create(alice.token, on: ReferenceBundle.compiled.bundle.hash) == (201, true))

    // Another process (a pool of its own) deploys a bundle, then revokes alice's token.
    let other = try PostgresCaseRepository.open(url: url)
    let bundle = Self.otherBundle
    _ = try other.deploy(bundle.bundle, bytes: bundle.bytes)
    #expect(create(alice.token, on: bundle.bundle.hash) == (201, true))
    _ = try TokenService(repository: other, clock: FixedClock(RepositoryUnderTest.monday)).revoke(alice.record.id)
    #expect(create(alice.token).status == 401)
    #expect(create(bob.token, on: bundle.bundle.hash) == (201, true))
    #expect(counted.versionReads.load(ordering: .sequentiallyConsistent) == 0)
  }

  static let form = """
    {"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com",
     "Product": "internet", "Problem_Description": "no signal"}}
    """

  /// The reference definitions with the technical case type renamed: another bundle.
  static let otherBundle = ReferenceBundle.variant { name, text in
    name == "technical.yaml" ? text.replacing("\nname: Technical\n", with: "\nname: Technical v2\n") : text
  }
}
