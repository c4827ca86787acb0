import DCMCApplication
@testable import DCMCPostgres
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Each case row records the chain of its history (`dcmc_cases.chain`, schema version 12), so
/// an event changed or removed in `dcmc_case_events` is a changed history that `store verify`
/// names and `store rebuild` refuses without `--accept-loss`, as on the file store (audit36
/// H3: verify blamed the derived row, and rebuild made the changed history true).
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresHistoryChainTests {
  /// audit36's reproduction (`pg4.sh`): the claim's events changed in place to name `mallory`,
  /// who is in no workgroup. Before, verify said the row differed from its history and rebuild
  /// rewrote the row, exit 0, the task then held by mallory.
  @Test func anEventChangedInPlaceIsAChangedHistoryThatRebuildRefuses() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    let made = try store.technical(0)
    let claimed = try store.at(60).claimNext(by: "alice").of
    let connection = try PostgresConnection(url: url)
    let edited = try connection.query(
      "UPDATE dcmc_case_events SET event = replace(event, '\"alice\"', '\"mallory\"') WHERE case_id = $1 AND seq > $2",
      [.string(made.id), .int(made.version)]
    ).affected
    #expect(edited > 0)
    let repository = try PostgresCaseRepository.open(url: url)
    let changed =
      "case '\(made.id)': its history in 'dcmc_case_events' differs from the history its row in 'dcmc_cases' "
      + "recorded: events 1-\(claimed.version) do not match"
    let verify = try repository.verify()
    #expect(verify.refused == [changed])
    #expect(verify.problems == [changed])

    // Refused, the case's row, task rows and facts stay as they are (before, the rebuild also
    // wrote its facts from the changed history beside the ones kept).
    let facts = "SELECT string_agg(line, ',' ORDER BY number) FROM dcmc_facts"
    let factsBefore = try connection.query(facts).string(0, 0)
    let refused = try repository.rebuild()
    #expect(refused.refused == [changed + CaseDamage.lossRefusal])
    #expect(refused.repaired == [])
    #expect(try repository.load(made.id) == claimed)
    #expect(try connection.query(facts).string(0, 0) == factsBefore)
    let binary = try BinaryRunner.run(["store", "rebuild", "--store", url])
    #expect(binary.status == 1)
    #expect(binary.stderr.hasPrefix("dcmc: not rebuilt: \(changed)\(CaseDamage.lossRefusal)\n"), "\(binary.stderr)")

    // Accepted, the history as it is now is the case's: the task is mallory's.
    let accepted = try repository.rebuild(acceptingLoss: true)
    #expect(accepted.refused.isEmpty)
    #expect(accepted.problems.contains(changed))
    #expect(accepted.repaired.contains("case '\(made.id)'"))
    #expect(try repository.load(made.id)?.tasks.first?.holder == "mallory")
    #expect(try repository.verify().problems == [])
  }

  /// An event removed from the middle and the later ones renumbered (rows and JSON), the row's
  /// version lowered to match: the history replays, and before, verify said only that the row
  /// differed from it, which rebuild then rewrote, the event gone for good.
  @Test func anEventRemovedFromTheMiddleIsAChangedHistory() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    let made = try store.technical(0)
    _ = try store.at(30).claimNext(by: "alice")
    let first = try store.at(60).update(made.id, fields: ["Problem_Description": "no signal at all"], by: "alice").after
    let last = try store.at(120).update(made.id, fields: ["Problem_Description": "no signal now"], by: "alice").after
    #expect(last.version == first.version + 1)
    let connection = try PostgresConnection(url: url)
    let later = try connection.query(
      "SELECT seq, event FROM dcmc_case_events WHERE case_id = $1 AND seq > $2 ORDER BY seq",
      [.string(made.id), .int(first.version)])
    try connection.query(
      "DELETE FROM dcmc_case_events WHERE case_id = $1 AND seq >= $2", [.string(made.id), .int(first.version)])
    for row in later.rows.indices {
      let seq = try #require(later.int(row, 0))
      let event = try #require(later.string(row, 1))
      #expect(event.contains("\"seq\":\(seq)"))
      try connection.query(
        "INSERT INTO dcmc_case_events (case_id, seq, event) VALUES ($1, $2, $3)",
        [.string(made.id), .int(seq - 1), .string(event.replacing("\"seq\":\(seq)", with: "\"seq\":\(seq - 1)"))])
    }
    try connection.query("UPDATE dcmc_cases SET version = version - 1 WHERE id = $1", [.string(made.id)])
    let repository = try PostgresCaseRepository.open(url: url)
    #expect(try repository.history(of: made.id)?.count == last.version - 1)

    let changed =
      "case '\(made.id)': its history in 'dcmc_case_events' differs from the history its row in 'dcmc_cases' "
      + "recorded: events 1-\(last.version - 1) do not match"
    #expect(try repository.verify().refused == [changed])
    #expect(try repository.rebuild().refused == [changed + CaseDamage.lossRefusal])
    #expect(try repository.verify().refused == [changed])

    // Without the renumbering, the gap itself is the damage, as before.
    try connection.query(
      "DELETE FROM dcmc_case_events WHERE case_id = $1 AND seq = $2", [.string(made.id), .int(first.version - 1)])
    #expect(
      try repository.verify().refused == ["case '\(made.id)': 'dcmc_case_events' lacks event \(first.version - 1)"])
  }

  /// A store written on (creations, then a round of one case's creation and its claim, whose
  /// claim's chain is made from the creation's in the same call, then a command through the
  /// service) records each row's chain as the chain of its events, and verify finds nothing.
  @Test func anUntouchedStoreRecordsEachHistorysChainAndVerifiesClean() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    let repository = try PostgresCaseRepository.open(url: url)
    let memory = try RepositoryKind.memory.make()
    defer { memory.remove() }
    let made = try memory.technical(0)
    let created = try #require(try memory.repository.history(of: made.id))
    let claimed = try memory.at(60).claimNext(by: "alice").of
    #expect(claimed.id == made.id)
    let all = try #require(try memory.repository.history(of: made.id))
    let changes = try (2...4).map { number in
      let other = try memory.technical(60 * number)
      let events = try #require(try memory.repository.history(of: other.id))
      return CaseChangeSet(before: nil, events: events, after: other, sequence: number)
    }
    #expect(try repository.append(changes, tick: nil) == Array(repeating: .appended, count: changes.count))
    let round = [
      CaseChangeSet(before: nil, events: created, after: made, sequence: 1),
      CaseChangeSet(before: made, events: Array(all.dropFirst(created.count)), after: claimed),
    ]
    #expect(try repository.append(round, tick: nil) == [.appended, .appended])
    let task = try #require(claimed.tasks.first { $0.holder == "alice" })
    _ = try store.at(700).execute(
      .complete(task: task.id, outcome: "resolved", data: [:]), onCase: made.id, by: "alice")

    let connection = try PostgresConnection(url: url)
    let rows = try connection.query("SELECT id, version, chain FROM dcmc_cases ORDER BY id")
    #expect(rows.rows.count == changes.count + 1)
    for row in rows.rows.indices {
      let id = try #require(rows.string(row, 0))
      let events = try connection.query(
        "SELECT event FROM dcmc_case_events WHERE case_id = $1 ORDER BY seq", [.string(id)])
      #expect(events.rows.count == rows.int(row, 1))
      let chain = PostgresCaseChain.chain(of: events, through: events.rows.count)
      #expect(chain.sequence == rows.int(row, 1))
      #expect(rows.string(row, 2) == chain.text, "\(id)")
    }
    #expect(try repository.verify().problems == [])
  }

  /// A row written before schema version 12 (by schema 11's call) has no chain: verify has
  /// nothing to compare, an append keeps it without one, and `store rebuild` writes it; from
  /// then on an event changed in place is found.
  @Test func aRowWrittenBeforeTheChainHasNoneUntilRebuildWritesIt() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let memory = try RepositoryKind.memory.make()
    defer { memory.remove() }
    let made = try memory.technical(0)
    let created = try #require(try memory.repository.history(of: made.id))
    let claimed = try memory.at(60).claimNext(by: "alice").of
    let all = try #require(try memory.repository.history(of: made.id))
    #expect(try PostgresSchema.migrate(PostgresPool(url: database.url), upTo: 11) == (0, 11))
    let connection = try PostgresConnection(url: database.url)
    let creation = CaseChangeSet(before: nil, events: created, after: made, sequence: 1)
    #expect(try Self.writeAsSchema11([creation], on: connection) == [.appended])
    #expect(try PostgresCaseRepository.migrate(url: database.url) == (11, PostgresSchema.currentVersion))
    let repository = try PostgresCaseRepository.open(url: database.url)
    _ = try repository.deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes, by: nil, at: nil)
    let chain = "SELECT chain FROM dcmc_cases WHERE id = 'TEC-000001'"
    #expect(try connection.query(chain).string(0, 0) == nil)
    #expect(try repository.verify().problems == [])

    // Written on after the upgrade: still no chain (none to extend), and nothing to compare.
    let claim = CaseChangeSet(before: made, events: Array(all.dropFirst(created.count)), after: claimed)
    #expect(try repository.append([claim], tick: nil) == [.appended])
    #expect(try repository.load(made.id) == claimed)
    #expect(try connection.query(chain).string(0, 0) == nil)
    #expect(try repository.verify().problems == [])

    let rebuilt = try repository.rebuild()
    #expect(rebuilt.refused.isEmpty)
    #expect(rebuilt.problems.isEmpty)
    #expect(rebuilt.repaired == ["case '\(made.id)'"])
    let events = try connection.query(
      "SELECT event FROM dcmc_case_events WHERE case_id = $1 ORDER BY seq", [.string(made.id)])
    let recorded = PostgresCaseChain.chain(of: events, through: claimed.version)
    #expect(try connection.query(chain).string(0, 0) == recorded.text)
    #expect(try repository.verify().problems == [])
    #expect(try repository.rebuild().repaired == [])

    try connection.query(
      "UPDATE dcmc_case_events SET event = replace(event, '\"alice\"', '\"mallory\"') WHERE case_id = $1 AND seq > $2",
      [.string(made.id), .int(made.version)])
    #expect(
      try repository.verify().refused == [
        "case '\(made.id)': its history in 'dcmc_case_events' differs from the history its row in 'dcmc_cases' "
          + "recorded: events 1-\(claimed.version) do not match"
      ])
  }

  /// Writes `changes` as a dcmc of schemas 8 to 11 did: one call of `dcmc_append_cases` with
  /// its 32 parameters (those of today's call but the chains), no chain written.
  static func writeAsSchema11(_ changes: [CaseChangeSet], on connection: PostgresConnection) throws -> [AppendOutcome] {
    let call = "SELECT dcmc_append_cases(" + (1...32).map { "$\($0)" }.joined(separator: ", ") + ")"
    let parameters = Array(PostgresAppendBatch(changes, tick: nil).parameters.prefix(32))
    let answers = try connection.query(call, parameters).string(0, 0).flatMap(PostgresAppendBatch.answers)
    return try #require(answers).map { $0 < 0 ? .appended : .conflict(version: $0) }
  }
}
