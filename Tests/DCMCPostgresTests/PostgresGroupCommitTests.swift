import DCMCApplication
import DCMCPostgres
import Foundation
import Synchronization
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Group commit on PostgreSQL (`GroupCommit` over `PostgresCaseRepository`, as `dcmc serve`
/// composes them): the changes of a round are one transaction, so concurrent creates share
/// commits, and each is answered only once the commit that covers it is visible to every
/// other connection.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresGroupCommitTests {
  static let requests = 16
  static let form = [
    "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
    "Problem_Description": "no signal",
  ]

  /// The first round is held on the technical number's row (which every create updates),
  /// locked by the test's own transaction, until every other create has joined the queue:
  /// they all share the second round.
  @Test func concurrentCreatesShareOneTransactionAndEachIsVisibleWhenAnswered() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    // Without a committer, made first, so that the creates need no customer record of their own.
    let first = try store.at(60).create(type: "technical", fields: Self.form, request: nil, by: "alice")
    let committer = GroupCommit(repository: store.repository)
    var service = store.at(120)
    service.committer = committer
    let committing = service

    let gate = try PostgresConnection(url: url)
    let observer = try PostgresConnection(url: url)
    try gate.query("BEGIN")
    try gate.query("SELECT last FROM dcmc_sequences WHERE case_type = 'technical' FOR UPDATE")

    let answers = Mutex<[String: Int]>([:])
    let seenByOthers = Mutex<[String]>([])
    let done = DispatchGroup()
    for number in 0..<Self.requests {
      done.enter()
      Thread.detachNewThread {
        defer { done.leave() }
        guard
          let state = try? committing.create(
            type: "technical", fields: Self.form, request: "g\(number)", customer: first.customer, by: "alice")
        else { return }
        // Answered: another connection sees the whole change already.
        let reader = try? PostgresConnection(url: url)
        let events = try? reader?.query("SELECT count(*) FROM dcmc_case_events WHERE case_id = $1", [.string(state.id)])
        if events?.int(0, 0) == state.version { seenByOthers.withLock { $0.append(state.id) } }
        answers.withLock { $0[state.id] = state.version }
      }
      // The first create leads a round alone, waiting for the number's row.
      if number == 0 {
        while try observer.query("SELECT 1 FROM pg_locks WHERE NOT granted").rows.isEmpty { sched_yield() }
      }
    }
    while committer.submitted < Self.requests { sched_yield() }
    try gate.query("COMMIT")
    done.wait()

    let acknowledged = answers.withLock { $0 }
    #expect(acknowledged.count == Self.requests, "a create failed")
    #expect(committer.rounds == 2)
    #expect(Set(seenByOthers.withLock { $0 }) == Set(acknowledged.keys), "a create was answered before its commit")
    // Rows written by one transaction carry its id: two rounds, two transactions.
    let transactions = try observer.query(
      "SELECT count(DISTINCT xmin::text) FROM dcmc_cases WHERE id <> $1", [.string(first.id)])
    #expect(transactions.int(0, 0) == 2, "the creates of a round were not one transaction")
    try BinaryRunner.verify(store: url)
  }
}
