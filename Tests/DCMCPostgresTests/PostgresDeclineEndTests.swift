import DCMCApplication
import DCMCPostgres
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// audit33 finding 1 on PostgreSQL: the row's `next_timer` (what `tick` selects on) is a
/// queued task's decline's end (`decline_end`) when that comes first. A row written before dcmc
/// timed declines' ends holds the next other timer: verify calls that no damage, rebuild
/// writes the decline's end; any other wrong `next_timer` is damage still. (The tick through
/// the index is `DeclineEndOfferTests`, which runs on this store too.)
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresDeclineEndTests {
  @Test func anOlderRowsNextTimerIsNoDamageAndRebuildWritesTheDeclinesEnd() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let repository = try #require(store.repository as? PostgresCaseRepository)
    let created = try store.at(10).create(
      type: "finance",
      fields: [
        "Customer_Name": "Els Janssens", "Customer_Email": "els@example.com", "Customer_Phone": "+32470998877",
        "Request_Type": "refund", "Invoice_Number": "INV-204311",
      ], request: nil, by: "fiona")
    let task = created.id + ".1"
    _ = try store.at(15).execute(.offer(task: task, to: "gary"), onCase: created.id, by: nil)
    let declined = try store.at(20).execute(.declineOffer(task: task, reason: "busy"), onCase: created.id, by: "gary")
    let end = RepositoryUnderTest.monday.adding(seconds: 65)
    #expect(declined.timers.first == DCMCRuntime.Timer(kind: .declineEnd, task: 1, due: end))
    let connection = try PostgresConnection(url: try #require(store.databaseURL))
    func nextTimer() throws -> String? {
      try connection.query("SELECT next_timer FROM dcmc_cases WHERE id = $1", [.string(created.id)]).string(0, 0)
    }
    #expect(try nextTimer() == String(end.secondsSinceEpoch))
    #expect(try repository.verify().problems.isEmpty)
    let older = try #require(declined.nextTimerBeforeDeclineEnds).due.secondsSinceEpoch
    func file(_ seconds: Int) throws {
      try connection.query("UPDATE dcmc_cases SET next_timer = $2 WHERE id = $1", [.string(created.id), .int(seconds)])
    }
    try file(older + 60)
    #expect(try repository.verify().problems == ["case '\(created.id)': its row in 'dcmc_cases' differs from its history in 'next_timer'"])
    try file(older)
    #expect(try repository.verify().problems.isEmpty)
    #expect(try repository.rebuild().repaired == ["case '\(created.id)'"])
    #expect(try nextTimer() == String(end.secondsSinceEpoch))
  }

  /// Stop 35: a decline that has ended when its task is queued again goes then. A row a dcmc
  /// before wrote keeps it in its state, with `next_timer` at its end: verify calls that no
  /// damage (it keeps nobody out); rebuild writes the row the history gives.
  @Test func aRowKeepingADeclineEndedAtItsTasksReleaseIsNoDamage() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let repository = try #require(store.repository as? PostgresCaseRepository)
    let created = try store.at(10).create(
      type: "finance",
      fields: [
        "Customer_Name": "Els Janssens", "Customer_Email": "els@example.com", "Customer_Phone": "+32470998877",
        "Request_Type": "refund", "Invoice_Number": "INV-204311",
      ], request: nil, by: "fiona")
    let task = created.id + ".1"
    _ = try store.at(15).execute(.offer(task: task, to: "gary"), onCase: created.id, by: nil)
    _ = try store.at(20).execute(.declineOffer(task: task, reason: "busy"), onCase: created.id, by: "gary")
    _ = try store.at(30).execute(.assign(task: task, to: "fiona"), onCase: created.id, by: "tina")
    let released = try store.at(100).execute(.release(task: task), onCase: created.id, by: "fiona")
    #expect(released.task(task)?.declines.isEmpty == true)
    #expect(try repository.verify().problems.isEmpty)
    let end = RepositoryUnderTest.monday.adding(seconds: 65)
    var older = released
    older.tasks[0].declines = [TaskDecline(user: "gary", until: end)]
    let connection = try PostgresConnection(url: try #require(store.databaseURL))
    try connection.query(
      "UPDATE dcmc_cases SET state = $2, next_timer = $3 WHERE id = $1",
      [.string(created.id), .string(String(decoding: older.compactJSON(), as: UTF8.self)), .int(end.secondsSinceEpoch)])
    #expect(try repository.verify().problems.isEmpty)
    // Any other difference is damage still.
    var other = older
    other.tasks[0].declines = [TaskDecline(user: "gary", until: end.adding(seconds: 3600))]
    try connection.query(
      "UPDATE dcmc_cases SET state = $2 WHERE id = $1",
      [.string(created.id), .string(String(decoding: other.compactJSON(), as: UTF8.self))])
    #expect(try repository.verify().problems.isEmpty == false)
    #expect(try repository.rebuild().repaired == ["case '\(created.id)'"])
    #expect(try repository.verify().problems.isEmpty)
  }
}
