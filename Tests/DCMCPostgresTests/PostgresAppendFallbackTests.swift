import DCMCApplication
import DCMCPostgres
import DCMCRuntime
import Foundation
import Synchronization
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The fallback of a batch append on PostgreSQL (docs/postgres.md, "Group commit"): a batch
/// whose transaction fails on one change is rolled back and written one change per
/// transaction, so the good changes are written and acknowledged, the bad one refused, and
/// nothing else is changed.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresAppendFallbackTests {
  /// Four new technical cases made in memory, each as one change of its whole history (as
  /// `store copy` appends them): TEC-000001 to TEC-000004, with their numbers and requests.
  static func changes() throws -> [CaseChangeSet] {
    let memory = try RepositoryKind.memory.make()
    defer { memory.remove() }
    return try (1...4).map { number in
      let made = try memory.at(60 * number).create(
        type: "technical", fields: PostgresGroupCommitTests.form, request: "r\(number)", by: "alice")
      let events = try #require(try memory.repository.history(of: made.id))
      return CaseChangeSet(before: nil, events: events, after: made, sequence: number, request: "r\(number)")
    }
  }

  /// `change` made bad: its events twice, so the second of each number breaks the history's key.
  static func broken(_ change: CaseChangeSet) -> CaseChangeSet {
    var bad = change
    bad.events += change.events
    return bad
  }

  /// The case ids, the event count and the request ids in the database.
  static func contents(_ url: String) throws -> (cases: [String], events: Int, requests: [String]) {
    let connection = try PostgresConnection(url: url)
    let cases = try connection.query("SELECT id FROM dcmc_cases ORDER BY id")
    let requests = try connection.query("SELECT request FROM dcmc_requests ORDER BY request")
    return (
      cases.rows.indices.compactMap { cases.string($0, 0) },
      try connection.query("SELECT count(*) FROM dcmc_case_events").int(0, 0) ?? -1,
      requests.rows.indices.compactMap { requests.string($0, 0) }
    )
  }

  @Test func aBatchWithOneBadChangeWritesTheOthersEachInItsOwnTransaction() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    let changes = try Self.changes()
    let batch = [changes[0], Self.broken(changes[1]), changes[2]]
    var partial: PartialAppend?
    do throws(RepositoryError) {
      _ = try store.repository.append(batch, tick: nil)
    } catch {
      if case .unavailable(let reason) = error { partial = reason as? PartialAppend }
    }
    let found = try #require(partial, "the batch did not fail on its bad change")
    #expect(found.outcomes == [.appended, nil, .appended])
    #expect("\(found)".contains("duplicate key"), "\(found)")
    let contents = try Self.contents(url)
    #expect(contents.cases == ["TEC-000001", "TEC-000003"])
    #expect(contents.events == changes[0].events.count + changes[2].events.count)
    #expect(contents.requests == ["r1", "r3"])
    #expect(try store.repository.history(of: "TEC-000003") == changes[2].events)
    try BinaryRunner.verify(store: url)
  }

  /// Through `GroupCommit` as `dcmc serve` appends: the first request holds a round on the
  /// number's row (locked by the test) until the other three have joined the queue; their
  /// round fails on the bad one, which alone is refused: the two good ones are answered.
  @Test func aRoundWithOneBadRequestAcknowledgesTheOthersAndRefusesOnlyIt() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    let changes = try Self.changes()
    #expect(try store.repository.append([changes[0]], tick: nil) == [.appended])
    let committer = GroupCommit(repository: store.repository)
    let gate = try PostgresConnection(url: url)
    let observer = try PostgresConnection(url: url)
    try gate.query("BEGIN")
    try gate.query("SELECT last FROM dcmc_sequences WHERE case_type = 'technical' FOR UPDATE")

    let requests = [changes[1], Self.broken(changes[2]), changes[3]]
    let answers = Mutex<[String: Result<[AppendOutcome], RepositoryError>]>([:])
    let done = DispatchGroup()
    for (number, change) in requests.enumerated() {
      done.enter()
      Thread.detachNewThread {
        defer { done.leave() }
        let answer: Result<[AppendOutcome], RepositoryError>
        do throws(RepositoryError) { answer = .success(try committer.append([change])) } catch { answer = .failure(error) }
        answers.withLock { $0[change.after.id] = answer }
      }
      if number == 0 {
        while try observer.query("SELECT 1 FROM pg_locks WHERE NOT granted").rows.isEmpty { sched_yield() }
      }
    }
    while committer.submitted < requests.count { sched_yield() }
    try gate.query("COMMIT")
    done.wait()

    #expect(committer.rounds == 2)
    let answered = answers.withLock { $0 }
    #expect((try? answered["TEC-000002"]?.get()) == [.appended])
    #expect((try? answered["TEC-000004"]?.get()) == [.appended])
    guard case .failure(let refusal)? = answered["TEC-000003"] else {
      Issue.record("the bad request was acknowledged")
      return
    }
    #expect("\(refusal)".contains("duplicate key"), "\(refusal)")
    let contents = try Self.contents(url)
    #expect(contents.cases == ["TEC-000001", "TEC-000002", "TEC-000004"])
    #expect(contents.events == [0, 1, 3].map { changes[$0].events.count }.reduce(0, +))
    #expect(contents.requests == ["r1", "r2", "r4"])
    try BinaryRunner.verify(store: url)
  }
}
