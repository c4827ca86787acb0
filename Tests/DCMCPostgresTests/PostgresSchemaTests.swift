import DCMCApplication
import DCMCCalendar
import DCMCJSON
@testable import DCMCPostgres
import DCMCRuntime
import Foundation
import Testing
import _DCMCTestSupport

/// The schema's versions: migrations applied in order and once, a newer schema or another
/// application's database refused with nothing written.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresSchemaTests {
  @Test func initCreatesTheSchemaOnceAndAgainChangesNothing() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    #expect(throws: RepositoryError.self) { try PostgresCaseRepository.open(url: database.url) }
    #expect(try PostgresCaseRepository.migrate(url: database.url) == (0, PostgresSchema.currentVersion))
    #expect(try PostgresCaseRepository.migrate(url: database.url) == (PostgresSchema.currentVersion, PostgresSchema.currentVersion))
    let repository = try PostgresCaseRepository.open(url: database.url)
    #expect(try repository.deployedBundle() == nil)
  }

  @Test func concurrentInitsApplyEachMigrationOnce() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let outcomes = Results()
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      do {
        let (from, to) = try PostgresCaseRepository.migrate(url: database.url)
        outcomes.add("\(from)-\(to)")
      } catch {
        outcomes.add("\(error)")
      }
    }
    let current = PostgresSchema.currentVersion
    // Each ends at the current version, without an error (a migration applied twice would
    // create a table that exists); one applied the first, others may have applied later ones.
    #expect(outcomes.values.allSatisfy { $0.hasSuffix("-\(current)") && $0.count < 8 }, "\(outcomes.values)")
    #expect(outcomes.values.filter { $0.hasPrefix("0-") }.count == 1)
    let rows = try PostgresConnection(url: database.url).query("SELECT application, version FROM dcmc_schema")
    #expect(rows.rows.count == 1)
    #expect(rows.int(0, 1) == current)
  }

  @Test func aNewerSchemaIsRefusedByInitAndByOpen() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    _ = try PostgresCaseRepository.migrate(url: database.url)
    let connection = try PostgresConnection(url: database.url)
    try connection.query("UPDATE dcmc_schema SET version = $1", [.int(PostgresSchema.currentVersion + 1)])
    let newer = "the store's schema is version \(PostgresSchema.currentVersion + 1), newer than this dcmc's "
      + "(\(PostgresSchema.currentVersion)); use a newer dcmc"
    let refused = try #require(throws: RepositoryError.self) { try PostgresCaseRepository.migrate(url: database.url) }
    #expect(refused.description == newer)
    let refusedOpen = try #require(throws: RepositoryError.self) { try PostgresCaseRepository.open(url: database.url) }
    #expect(refusedOpen.description == newer)
    #expect(try connection.query("SELECT version FROM dcmc_schema").int(0, 0) == PostgresSchema.currentVersion + 1)
  }

  @Test func anotherApplicationsDatabaseIsRefusedWithNothingWritten() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let connection = try PostgresConnection(url: database.url)
    try connection.query("CREATE TABLE invoices (id integer PRIMARY KEY)")
    let refused = try #require(throws: RepositoryError.self) { try PostgresCaseRepository.migrate(url: database.url) }
    #expect(refused.description == "schema 'public' holds tables of another application, and no dcmc store")
    #expect(try connection.query("SELECT to_regclass('dcmc_schema') IS NULL").string(0, 0) == "t")
    try connection.query("DROP TABLE invoices")
    try connection.query("CREATE TABLE dcmc_schema (application text NOT NULL, version integer NOT NULL)")
    try connection.query("INSERT INTO dcmc_schema VALUES ('billing', 3)")
    let other = try #require(throws: RepositoryError.self) { try PostgresCaseRepository.migrate(url: database.url) }
    #expect(other.description == "table 'dcmc_schema' is not a dcmc store's: it names another application")
  }

  /// Version 7 keeps the rollups uncompressed (`STORAGE EXTERNAL`), so a report's read of a
  /// month's rows does not decompress them: a row kept compressed by version 6 is rewritten
  /// uncompressed by the upgrade, and a row written after is stored so too.
  @Test func theRollupsAreKeptUncompressedFromVersion7() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    #expect(try PostgresSchema.migrate(PostgresPool(url: database.url), upTo: 6) == (0, 6))
    let connection = try PostgresConnection(url: database.url)
    // 200 kB that pglz compresses to almost nothing: compressed under version 6's storage.
    let bytes = [UInt8](repeating: 7, count: 200_000)
    let insert = "INSERT INTO dcmc_fact_rollups (day, facts, last, rollup) VALUES ($1, 1, 1, $2)"
    let sizes = "SELECT day, pg_column_size(rollup), length(rollup) FROM dcmc_fact_rollups ORDER BY day"
    try connection.query(insert, [.int(1), .bytes(bytes)])
    let before = try connection.query(sizes)
    #expect((before.int(0, 1) ?? 0) < 10_000 && before.int(0, 2) == bytes.count)
    #expect(try PostgresCaseRepository.migrate(url: database.url) == (6, PostgresSchema.currentVersion))
    try connection.query(insert, [.int(2), .bytes(bytes)])
    let after = try connection.query(sizes)
    for row in 0..<2 {
      #expect(after.int(row, 0) == row + 1)
      #expect((after.int(row, 1) ?? 0) >= bytes.count && after.int(row, 2) == bytes.count)
    }
    let kept = try connection.query("SELECT rollup FROM dcmc_fact_rollups WHERE day = 1", format: .binary)
    #expect(kept.bytes(0, 0) == bytes)
  }

  /// Version 8 drops the foreign keys from a case's events, task rows and request ids to its
  /// row (each row inserted checked and locked the case row): a version 7 store holds three,
  /// the upgraded one none, and its cases are written on as before.
  @Test func version8DropsTheForeignKeysOfACasesRows() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    #expect(try PostgresSchema.migrate(PostgresPool(url: database.url), upTo: 7) == (0, 7))
    let connection = try PostgresConnection(url: database.url)
    let keys = """
      SELECT count(*) FROM pg_constraint WHERE contype = 'f'
        AND conrelid IN ('dcmc_case_events'::regclass, 'dcmc_tasks'::regclass, 'dcmc_requests'::regclass)
      """
    #expect(try connection.query(keys).int(0, 0) == 3)
    let changes = try PostgresAppendFallbackTests.changes()
    // Written as the dcmc of schema 7 writes: one call of version 6's function (its 32 parameters).
    #expect(try PostgresHistoryChainTests.writeAsSchema11([changes[0]], on: connection) == [.appended])

    #expect(try PostgresCaseRepository.migrate(url: database.url) == (7, PostgresSchema.currentVersion))
    let repository = try PostgresCaseRepository.open(url: database.url)
    #expect(try connection.query(keys).int(0, 0) == 0)
    #expect(try repository.append(Array(changes[1...]), tick: nil) == [.appended, .appended, .appended])
    for change in changes { #expect(try repository.load(change.after.id) == change.after) }
    // The cases run on the reference bundle (the memory store's deployment): a store that
    // lacks it is damaged to verify, as a file store is.
    _ = try repository.deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes, by: nil, at: nil)
    try BinaryRunner.verify(store: database.url)
  }

  /// Version 9 adds the version row (`dcmc_store_version`) that every change of the tokens and
  /// the deployments moves, on a populated version 8 store (a case, a deployment, a token):
  /// applied again it changes nothing, and an append names it (`CaseChangeSet.fence`) is
  /// written only at the row's current version, else refused whole.
  @Test func version9AddsTheVersionRowThatTokensAndDeploymentsMove() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    #expect(try PostgresSchema.migrate(PostgresPool(url: database.url), upTo: 8) == (0, 8))
    let connection = try PostgresConnection(url: database.url)
    let changes = try PostgresAppendFallbackTests.changes()
    #expect(try PostgresHistoryChainTests.writeAsSchema11([changes[0]], on: connection) == [.appended])
    let bundle = ReferenceBundle.compiled
    try connection.query("INSERT INTO dcmc_bundles (hash, bytes) VALUES ($1, $2)", [.string(bundle.bundle.hash), .bytes(bundle.bytes)])
    try connection.query("INSERT INTO dcmc_deployments (bundle) VALUES ($1)", [.string(bundle.bundle.hash)])
    try connection.query(
      "INSERT INTO dcmc_tokens (id, user_id, salt, hash, created) VALUES ('t1', 'alice', 's', 'h', 0), ('t2', 'bob', 's', 'h', 0)")

    #expect(try PostgresCaseRepository.migrate(url: database.url) == (8, PostgresSchema.currentVersion))
    let repository = try PostgresCaseRepository.open(url: database.url)
    #expect(try repository.storeVersions() == StoreVersions(tokens: "2 0", deployed: bundle.bundle.hash, fence: 1))
    _ = try repository.revokeToken("t1", at: Instant(secondsSinceEpoch: 1))
    #expect(try repository.storeVersions()?.fence == 2)
    // A revocation of a token revoked already moves nothing.
    _ = try repository.revokeToken("t1", at: Instant(secondsSinceEpoch: 2))
    #expect(try repository.storeVersions()?.fence == 2)
    let other = PostgresRequestVersionsTests.otherBundle
    _ = try repository.deploy(other.bundle, bytes: other.bytes)
    #expect(try repository.storeVersions() == StoreVersions(tokens: "2 1", deployed: other.bundle.hash, fence: 3))

    // Applied again (as by a `store init` that found it missing from dcmc_schema): the same.
    try connection.transaction { () throws(PostgresError) in
      for statement in PostgresMigrations.version9 { try connection.query(statement) }
    }
    #expect(try repository.storeVersions()?.fence == 3)

    // A round decided on version 2: refused whole, nothing written; on version 3: written.
    var round = [changes[1], changes[2]]
    for index in round.indices { round[index].fence = 2 }
    #expect {
      try repository.append(round, tick: nil)
    } throws: { ($0 as? RepositoryError)?.versionsMoved == true }
    for change in round { #expect(try repository.load(change.after.id) == nil) }
    for index in round.indices { round[index].fence = 3 }
    #expect(try repository.append(round, tick: nil) == [.appended, .appended])
    try BinaryRunner.verify(store: database.url)
  }

  /// Without the foreign keys, a case's events can outlive its row (only by hand: no dcmc
  /// command deletes a case row): `store verify` names the case, and `store rebuild` writes
  /// the row its history gives.
  @Test func aCaseWhoseRowIsGoneIsFoundByVerifyAndWrittenAgainByRebuild() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    let changes = try PostgresAppendFallbackTests.changes()
    #expect(try store.repository.append(changes, tick: nil) == Array(repeating: .appended, count: changes.count))
    let gone = changes[1].after.id
    try PostgresConnection(url: url).query("DELETE FROM dcmc_cases WHERE id = $1", [.string(gone)])
    let repository = try PostgresCaseRepository.open(url: url)
    #expect(
      try repository.verify().problems == ["case '\(gone)': its history in 'dcmc_case_events' has no row in 'dcmc_cases'"])
    #expect(try repository.rebuild().repaired == ["case '\(gone)'"])
    #expect(try repository.load(gone) == changes[1].after)
    #expect(try repository.verify().problems == [])
  }

  /// A store of schema version 4, its case written by version 3's `dcmc_append_case` as the
  /// dcmc of that schema wrote it, is upgraded by `store init` (the function replaced by
  /// `dcmc_append_cases`), and this dcmc reads the case and writes its next change on it:
  /// `store verify` finds its rows, task rows and facts those its history gives.
  @Test func aVersion4StoreIsUpgradedAndItsCasesWrittenOnAfter() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    #expect(try PostgresSchema.migrate(PostgresPool(url: database.url), upTo: 4) == (0, 4))
    let memory = try RepositoryKind.memory.make()
    defer { memory.remove() }
    let made = try memory.at(60).create(
      type: "technical", fields: PostgresGroupCommitTests.form, request: "r1", by: "alice")
    let events = try #require(try memory.repository.history(of: made.id))
    let connection = try PostgresConnection(url: database.url)
    try connection.query(
      "SELECT dcmc_append_case($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13, $14, $15::jsonb)",
      Self.version3Parameters(CaseChangeSet(before: nil, events: events, after: made, sequence: 1, request: "r1")))

    #expect(try PostgresCaseRepository.migrate(url: database.url) == (4, PostgresSchema.currentVersion))
    let old =
      "dcmc_append_case(text,text,text,text,boolean,bigint,bigint,integer,text,integer,jsonb,jsonb,text,integer,jsonb)"
    #expect(try connection.query("SELECT to_regprocedure($1) IS NULL", [.string(old)]).string(0, 0) == "t")
    let repository = try PostgresCaseRepository.open(url: database.url)
    #expect(try repository.load(made.id) == made)
    #expect(try repository.history(of: made.id) == events)
    #expect(try repository.caseRecording(request: "r1") == made.id)

    let (_, claimed) = try memory.at(120).claimNext(by: "alice")
    let all = try #require(try memory.repository.history(of: made.id))
    let next = CaseChangeSet(before: made, events: Array(all.dropFirst(events.count)), after: claimed)
    #expect(try repository.append([next], tick: nil) == [.appended])
    #expect(try repository.load(made.id) == claimed)
    #expect(try repository.history(of: made.id) == all)
    // The case runs on the reference bundle (the memory store's deployment): a store that
    // lacks it is damaged to verify, as a file store is.
    _ = try repository.deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes, by: nil, at: nil)
    try BinaryRunner.verify(store: database.url)
  }

  /// The parameters of version 3's `dcmc_append_case` for `change`, as the dcmc of schemas 3
  /// and 4 sent them: the lists as JSON arrays of records.
  static func version3Parameters(_ change: CaseChangeSet) -> [PostgresValue?] {
    let state = change.after
    func json(_ value: JSONValue) -> PostgresValue { .string(String(decoding: value.compact(), as: UTF8.self)) }
    let events: [JSONValue] = change.events.map { event in
      .object([
        ("event", .string(String(decoding: event.json(caseID: state.id).compact(), as: UTF8.self))),
        ("seq", .int(event.seq)),
      ])
    }
    let tasks: [JSONValue] = state.activeTasks.map { task in
      .object([
        ("created_at", .int(task.createdAt.secondsSinceEpoch)), ("holder", .string(task.holder)),
        ("ola_due", .int(task.olaDue?.secondsSinceEpoch)), ("priority", .int(task.priority)),
        ("status", .string(task.status.rawValue)), ("target", .string(task.target)), ("task_id", .string(task.id)),
      ])
    }
    let facts: [JSONValue] = ReportFact.facts(of: change).enumerated().map { n, fact in
      .object([
        ("n", .int(n)), ("day", .int(ReportFact.day(of: fact.at))), ("at", .int(fact.at.secondsSinceEpoch)),
        ("kind", .string(fact.kind.rawValue)), ("subject", .string(fact.subject)), ("seq", .int(fact.seq)),
        ("line", .string(String(decoding: fact.csvLine, as: UTF8.self))),
      ])
    }
    return [
      .string(state.id), .string(state.type), .string(state.status.rawValue), state.customer.map(PostgresValue.string),
      .bool(state.identification == .ambiguous && state.customer == nil), .int(state.createdAt.secondsSinceEpoch),
      state.timers.map(\.due.secondsSinceEpoch).min().map(PostgresValue.int), .int(state.version),
      .string(String(decoding: state.json.compact(), as: UTF8.self)), .int(0), json(.array(events)),
      json(.array(tasks)),
      change.request.map(PostgresValue.string), change.sequence.map(PostgresValue.int), json(.array(facts)),
    ]
  }
}
