import DCMCApplication
import DCMCCalendar
@testable import DCMCPostgres
import DCMCServer
import Foundation
import Synchronization
import Testing
import _DCMCTestSupport

/// The fence of `serve`'s writes on PostgreSQL (migration 9, issue 20): a case write is
/// decided on the store's versions (tokens, deployment) the server read last, without reading
/// them first, and the round's transaction checks them (`dcmc_fence`): a token revoked or a
/// bundle deployed by another process before the round's commit counts for every write of
/// the round, which is refused whole and decided again on the store's versions.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresFenceTests {
  /// An API over a PostgreSQL store as `serve` builds it (a group commit, cached tokens), its
  /// case store counting the reads of the versions.
  struct Served {
    let store: RepositoryUnderTest
    let url: String
    let postgres: PostgresCaseRepository
    let counting: CountingRepository<PostgresCaseRepository>
    let committer: GroupCommit
    let api: API

    init() throws {
      store = try RepositoryKind.postgres.make()
      url = try #require(store.databaseURL)
      postgres = try PostgresCaseRepository.open(url: url)
      counting = CountingRepository(postgres)
      committer = GroupCommit(repository: counting)
      let definitions = DefinitionsLoader(repository: counting, zone: TimeZoneDatabase.rules(named:))
      var service = CaseService(
        repository: counting, queries: postgres, definitions: definitions, directory: DeployedDirectory(definitions),
        clock: FixedClock(RepositoryUnderTest.monday))
      service.customers = postgres
      service.presence = postgres
      service.committer = committer
      api = API(cases: service, tokens: CachedTokens(postgres))
    }

    /// A token of `user`'s, added by this process.
    func token(for user: String, _ byte: UInt8) throws -> (token: String, id: String) {
      let made = try TokenService(repository: postgres, clock: FixedClock(RepositoryUnderTest.monday))
        .create(for: user, expires: nil, entropy: Array(repeating: byte, count: TokenService.entropyBytes))
      return (made.token, made.record.id)
    }

    /// The status of a create by `token` for a customer of `email`, and whether its case
    /// started on bundle `hash`.
    func create(_ token: String, email: String = "jane@example.com", on hash: String = "") -> (status: Int, on: Bool) {
      let form = """
        {"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "\(email)",
         "Product": "internet", "Problem_Description": "no signal"}}
        """
      let request = HTTPRequest(
        method: "POST", path: "/api/v1/cases", query: [:],
        headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
        body: Array(form.utf8), remoteAddress: "127.0.0.1")
      let response = api.respond(to: request, at: RepositoryUnderTest.monday.adding(seconds: 60)).response
      return (response.status, String(decoding: response.body, as: UTF8.self).contains(hash))
    }

    var versionReads: Int { counting.versionReads.withLock { $0 } }

    /// Another process: a pool of its own.
    func other() throws -> PostgresCaseRepository { try PostgresCaseRepository.open(url: url) }

    func revoke(_ id: String) throws {
      _ = try TokenService(repository: try other(), clock: FixedClock(RepositoryUnderTest.monday)).revoke(id)
    }

    /// How many cases are written.
    func cases() throws -> Int? { try PostgresConnection(url: url).query("SELECT count(*) FROM dcmc_cases").int(0, 0) }
  }

  @Test func aCreateOnTheVersionsKeptReadsNoVersion() throws {
    let served = try Served()
    defer { served.store.remove() }
    let alice = try served.token(for: "alice", 3)
    // The first request reads the versions; the next creates are decided on them.
    #expect(served.create(alice.token).status == 201)
    #expect(served.versionReads == 1)
    for _ in 0..<3 { #expect(served.create(alice.token).status == 201) }
    #expect(served.versionReads == 1)
    #expect(try served.cases() == 4)
    // A read reads them, as before.
    let read = HTTPRequest(
      method: "GET", path: "/api/v1/cases", query: [:], headers: ["Authorization": "Bearer \(alice.token)"], body: [],
      remoteAddress: "127.0.0.1")
    #expect(served.api.respond(to: read, at: RepositoryUnderTest.monday.adding(seconds: 60)).response.status == 200)
    #expect(served.versionReads == 2)
  }

  /// A token revoked by another process after the server kept the versions (so after the
  /// request was authorised on them) and before the round's commit: the write is refused
  /// whole, the request decided again and answered 401, nothing of it written: neither the
  /// customer record a create adds (its own transaction, fenced too) nor the case.
  @Test func aTokenRevokedBeforeTheCommitRefusesTheWriteWhole() throws {
    let served = try Served()
    defer { served.store.remove() }
    let (alice, bob, carol) = (try served.token(for: "alice", 3), try served.token(for: "bob", 4), try served.token(for: "alice", 5))
    #expect(served.create(bob.token).status == 201)
    let customers = try served.postgres.lastCustomerSequence()
    try served.revoke(alice.id)
    // A new customer's email: the record's add is refused first.
    let rounds = served.committer.rounds
    #expect(served.create(alice.token, email: "new@example.com").status == 401)
    #expect(try served.postgres.lastCustomerSequence() == customers)
    #expect(served.committer.rounds == rounds)
    // A known customer: the round is refused.
    try served.revoke(carol.id)
    #expect(served.create(carol.token).status == 401)
    #expect(served.committer.rounds == rounds + 1)
    #expect(try served.cases() == 1)
    // Each refusal cost one read of the versions.
    #expect(served.versionReads == 3)
    #expect(served.create(bob.token).status == 201)
    #expect(served.versionReads == 3)
  }

  /// A bundle deployed by another process after the versions were kept: the round decided on
  /// the old one is refused and run again once, on the new bundle.
  @Test func aBundleDeployedBeforeTheCommitIsTheOneTheCaseStartsOn() throws {
    let served = try Served()
    defer { served.store.remove() }
    let alice = try served.token(for: "alice", 3)
    #expect(served.create(alice.token, on: ReferenceBundle.compiled.bundle.hash) == (201, true))
    let bundle = PostgresRequestVersionsTests.otherBundle
    _ = try served.other().deploy(bundle.bundle, bytes: bundle.bytes)
    let (rounds, reads) = (served.committer.rounds, served.versionReads)
    #expect(served.create(alice.token, on: bundle.bundle.hash) == (201, true))
    #expect(served.committer.rounds == rounds + 2)
    #expect(served.versionReads == reads + 1)
    #expect(try served.cases() == 2)
  }

  /// The revocation is committed while the round waits for the version row (a second
  /// connection holds it, as the revoking transaction does until its commit): the round reads
  /// the row once the revocation committed, and is refused.
  @Test func aRevocationCommittedWhileTheRoundWaitsCountsForIt() throws {
    let served = try Served()
    defer { served.store.remove() }
    let (alice, bob) = (try served.token(for: "alice", 3), try served.token(for: "bob", 4))
    #expect(served.create(bob.token).status == 201)
    let holder = try PostgresConnection(url: served.url)
    let observer = try PostgresConnection(url: served.url)
    try holder.query("BEGIN")
    try holder.query(
      "UPDATE dcmc_tokens SET revoked = $2 WHERE id = $1",
      [.string(alice.id), .int(RepositoryUnderTest.monday.secondsSinceEpoch)])
    let status = Mutex<Int?>(nil)
    let done = DispatchGroup()
    done.enter()
    let create: @Sendable () -> Int = { served.create(alice.token).status }
    Thread.detachNewThread {
      defer { done.leave() }
      let answer = create()
      status.withLock { $0 = answer }
    }
    // The round waits for the version row's lock.
    for _ in 0..<1_000_000 {
      if try !observer.query("SELECT 1 FROM pg_locks WHERE NOT granted").rows.isEmpty { break }
      sched_yield()
    }
    #expect(try !observer.query("SELECT 1 FROM pg_locks WHERE NOT granted").rows.isEmpty)
    try holder.query("COMMIT")
    done.wait()
    #expect(status.withLock { $0 } == 401)
    #expect(try served.cases() == 1)
  }

  /// Writes decided on versions that keep moving are refused at most `API.fencedTries`
  /// times, then answered 503 with `Retry-After`; nothing written.
  @Test func versionsThatKeepMovingAreAnswered503() throws {
    let served = try Served()
    defer { served.store.remove() }
    let alice = try served.token(for: "alice", 3)
    #expect(served.create(alice.token).status == 201)
    // Every transaction that checks the fence moves the version row first.
    let connection = try PostgresConnection(url: served.url)
    try connection.query(
      """
      CREATE OR REPLACE FUNCTION dcmc_fence(p_expected bigint) RETURNS bigint LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'moved' USING ERRCODE = '\(PostgresError.versionsMovedState)';
      END
      $$
      """)
    let rounds = served.committer.rounds
    let request = HTTPRequest(
      method: "POST", path: "/api/v1/cases", query: [:],
      headers: ["Authorization": "Bearer \(alice.token)", "Content-Type": "application/json"],
      body: Array(PostgresRequestVersionsTests.form.utf8), remoteAddress: "127.0.0.1")
    let response = served.api.respond(to: request, at: RepositoryUnderTest.monday.adding(seconds: 60)).response
    #expect(response.status == 503)
    #expect(response.headers.contains { $0.name == "Retry-After" })
    #expect(served.committer.rounds == rounds + 3)
    #expect(try served.cases() == 1)
  }
}
