import DCMCApplication
import DCMCPostgres
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// A pull's request in `dcmc_requests`, written in the claim's transaction: a row missing (a
/// store written before dcmc indexed commands' requests) is no damage to verify, and rebuild
/// writes it; a row naming another case is damage, which rebuild mends. Either way the retry
/// then finds the claim after its task was completed.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresRequestIndexTests {
  @Test func aPullsMissingOrWrongRowIsRebuiltFromTheHistory() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let repository = try #require(store.repository as? PostgresCaseRepository)
    let made = try store.technical(0)
    let other = try store.technical(1)
    let request = CommandRequest(id: "idempotency-next", digest: "sha256:dd")
    let first = try store.at(60).claimNext(by: "alice", request: request)
    #expect(first.of.id == made.id)
    _ = try store.at(120).execute(
      .complete(task: first.task.id, outcome: "resolved", data: [:]), onCase: made.id, by: "alice")
    let connection = try PostgresConnection(url: try #require(store.databaseURL))
    func row() throws -> String? {
      try connection.query("SELECT case_id FROM dcmc_requests WHERE request = $1", [.string(request.id)]).string(0, 0)
    }
    #expect(try row() == made.id)
    #expect(try repository.verify().problems.isEmpty)
    try connection.query("DELETE FROM dcmc_requests WHERE request = $1", [.string(request.id)])
    #expect(try repository.verify().problems.isEmpty)
    #expect(try repository.rebuild().repaired == ["request '\(request.id)' of case '\(made.id)'"])
    #expect(try row() == made.id)
    try connection.query("UPDATE dcmc_requests SET case_id = $2 WHERE request = $1", [.string(request.id), .string(other.id)])
    #expect(
      try repository.verify().problems == [
        "case '\(made.id)': its request '\(request.id)' in 'dcmc_requests' names case '\(other.id)'"
      ])
    #expect(try repository.rebuild().repaired == ["request '\(request.id)' of case '\(made.id)'"])
    #expect(try repository.verify().problems.isEmpty)
    let again = try store.at(180).claimNext(by: "alice", request: request)
    #expect(again.task.id == first.task.id && again.task.status == .completed)
  }
}
