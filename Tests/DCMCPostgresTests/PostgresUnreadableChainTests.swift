import DCMCApplication
@testable import DCMCPostgres
import DCMCRuntime
import Foundation
import Testing
import _DCMCTestSupport

/// A row whose `chain` is not a chain (`PostgresCaseChain.unreadable`) is damage, found and
/// kept: `store verify` names it with the remedy of a changed history, a command on the case
/// is refused and writes nothing (before, the next append wrote `NULL` over it, and the
/// evidence was gone), and `store rebuild` refuses it unless the loss is accepted.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresUnreadableChainTests {
  @Test func aChainThatIsNotOneIsDamageThatNoWriteCovers() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    let made = try store.technical(0)
    let claimed = try store.at(60).claimNext(by: "alice").of
    let task = try #require(claimed.tasks.first { $0.holder == "alice" })
    let connection = try PostgresConnection(url: url)
    #expect(
      try connection.query("UPDATE dcmc_cases SET chain = 'crc32c:nothex!!' WHERE id = $1", [.string(made.id)])
        .affected == 1)
    let row = "SELECT version, chain, (SELECT count(*) FROM dcmc_case_events WHERE case_id = $1) FROM dcmc_cases WHERE id = $1"
    let untouched = [String(claimed.version), "crc32c:nothex!!", String(claimed.version)]
    func current() throws -> [String?] {
      let rows = try connection.query(row, [.string(made.id)])
      return (0..<3).map { rows.string(0, $0) }
    }
    #expect(try current() == untouched)

    // Verify: the case's damage, mended as a changed history is (not by a rebuild).
    let damage = "case '\(made.id)': " + PostgresCaseChain.unreadable
    let repository = try PostgresCaseRepository.open(url: url)
    let verify = try repository.verify()
    #expect(verify.problems == [damage])
    #expect(verify.refused == [damage])
    #expect(verify.unmended[damage] == .lostEvents)
    let verified = try BinaryRunner.run(["store", "verify", "--json", "--store", url])
    #expect(verified.status == 1, "\(verified.stderr)")
    let report = try #require(JSONSerialization.jsonObject(with: Data(verified.stdout.utf8)) as? [String: Any])
    #expect(report["problems"] as? [String] == [damage], "\(verified.stdout)")
    #expect(report["remedies"] as? [String] == ["lost_events"], "\(verified.stdout)")

    // A command on the case: refused as the case's damage, nothing written.
    do throws(ServiceError) {
      _ = try store.at(700).execute(
        .complete(task: task.id, outcome: "resolved", data: [:]), onCase: made.id, by: "alice")
      Issue.record("a command on the damaged case was done")
    } catch {
      guard case .repository(.damaged(let found)) = error else { throw error }
      #expect(found == CaseDamage(caseID: made.id, problem: PostgresCaseChain.unreadable))
    }
    #expect(try current() == untouched)
    let released = try BinaryRunner.run(
      ["task", "release", task.id, "--as", "alice", "--at", "2030-01-01T00:00:00Z", "--store", url])
    // Exit 2, as every command on a damaged case of either store (`DamagedStoreTests`).
    #expect(released.status == 2, "\(released.stdout)\(released.stderr)")
    #expect(released.stderr.contains(damage), "\(released.stderr)")
    #expect(try current() == untouched)
    // An append decided on the row before its chain was damaged moves nothing either.
    let memory = try RepositoryKind.memory.make()
    defer { memory.remove() }
    _ = try memory.technical(0)
    _ = try memory.at(60).claimNext(by: "alice")
    let completed = try memory.at(700).execute(
      .complete(task: task.id, outcome: "resolved", data: [:]), onCase: made.id, by: "alice")
    let events = try #require(try memory.repository.history(of: made.id)).dropFirst(claimed.version)
    let done = CaseChangeSet(before: claimed, events: Array(events), after: completed)
    #expect(try repository.append([done], tick: nil) == [.conflict(version: claimed.version)])
    #expect(try current() == untouched)

    // Rebuild: refused, as a changed history is; with the loss accepted, the chain is the
    // history's again.
    let refused = try repository.rebuild()
    #expect(refused.refused == [damage + CaseDamage.lossRefusal])
    #expect(refused.repaired == [])
    #expect(try current() == untouched)
    let accepted = try repository.rebuild(acceptingLoss: true)
    #expect(accepted.refused.isEmpty)
    #expect(accepted.problems == [damage])
    #expect(accepted.repaired == ["case '\(made.id)'"])
    let kept = try connection.query(
      "SELECT event FROM dcmc_case_events WHERE case_id = $1 ORDER BY seq", [.string(made.id)])
    #expect(try current()[1] == PostgresCaseChain.chain(of: kept, through: claimed.version).text)
    #expect(try repository.verify().problems == [])
    _ = try store.at(700).execute(
      .complete(task: task.id, outcome: "resolved", data: [:]), onCase: made.id, by: "alice")
  }
}
