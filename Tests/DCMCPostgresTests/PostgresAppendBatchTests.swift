import DCMCApplication
import DCMCCalendar
import DCMCPostgres
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// An append's changes in one call of `dcmc_append_cases` (docs/postgres.md, "How a change is
/// written"): one statement, one transaction, whatever the changes; the lists sent as arrays
/// of texts, written byte for byte.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresAppendBatchTests {
  /// The transactions that wrote the rows of case `id` (`xmin`): its row, events, task rows,
  /// request ids and facts.
  static func writers(of id: String, _ url: String) throws -> Set<String> {
    let rows = try PostgresConnection(url: url).query(
      """
      SELECT xmin::text FROM dcmc_cases WHERE id = $1
      UNION SELECT xmin::text FROM dcmc_case_events WHERE case_id = $1
      UNION SELECT xmin::text FROM dcmc_tasks WHERE case_id = $1
      UNION SELECT xmin::text FROM dcmc_requests WHERE case_id = $1
      UNION SELECT xmin::text FROM dcmc_facts WHERE subject = $1
      """, [.string(id)])
    return Set(rows.rows.indices.compactMap { rows.string($0, 0) })
  }

  /// A case made and its task claimed, two changes of one case in one append: both written in
  /// one transaction, the task rows those of the second (the first's replaced, not added).
  @Test func twoChangesOfOneCaseInOneAppendAreOneTransaction() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    let memory = try RepositoryKind.memory.make()
    defer { memory.remove() }
    let made = try memory.at(60).create(
      type: "technical", fields: PostgresGroupCommitTests.form, request: "r1", by: "alice")
    let created = try #require(try memory.repository.history(of: made.id))
    let (task, claimed) = try memory.at(120).claimNext(by: "alice")
    let all = try #require(try memory.repository.history(of: made.id))
    let changes = [
      CaseChangeSet(before: nil, events: created, after: made, sequence: 1, request: "r1"),
      CaseChangeSet(before: made, events: Array(all.dropFirst(created.count)), after: claimed),
    ]
    #expect(try store.repository.append(changes, tick: nil) == [.appended, .appended])
    #expect(try store.repository.load(made.id) == claimed)
    #expect(try store.repository.history(of: made.id) == all)
    #expect(try Self.writers(of: made.id, url).count == 1)
    let tasks = try PostgresConnection(url: url).query("SELECT task_id, status, holder FROM dcmc_tasks")
    #expect(tasks.rows.count == 1)
    #expect(tasks.string(0, 0) == task.id)
    #expect(tasks.string(0, 2) == "alice")
    try BinaryRunner.verify(store: url)
  }

  /// A change decided on a version the case is no longer at, between two good ones: it
  /// answers the version found and writes nothing, the other two are written, in one
  /// transaction, and the tick mark moves with them.
  @Test func aStaleChangeAmongOthersWritesNothingOfItsOwn() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    let changes = try PostgresAppendFallbackTests.changes()
    #expect(try store.repository.append([changes[1]], tick: nil) == [.appended])
    var stale = changes[1]
    // Decided on the version before the one stored.
    stale.before = stale.after
    stale.before?.version -= 1
    stale.events = []
    stale.request = "stale"
    let tick = Instant(secondsSinceEpoch: 1_000_000)
    let outcomes = try store.repository.append([changes[2], stale, changes[0]], tick: tick)
    #expect(outcomes == [.appended, .conflict(version: changes[1].after.version), .appended])
    let written = try Self.writers(of: changes[0].after.id, url).union(Self.writers(of: changes[2].after.id, url))
    #expect(written.count == 1)
    #expect(try store.repository.caseRecording(request: "stale") == nil)
    #expect(try store.repository.lastTick() == tick)
    try BinaryRunner.verify(store: url)
  }

  /// Fields holding what an array's text form would escape or end on (quotes, backslashes,
  /// braces, commas, `NULL`, a new line) are written and read back byte for byte (the arrays
  /// go in the binary format, which has no escapes).
  @Test func textsAreWrittenByteForByte() throws {
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    var form = PostgresGroupCommitTests.form
    form["Problem_Description"] = #"NULL "quoted" \back\slash {braces}, commas"# + "\nand a line"
    let made = try store.at(60).create(type: "technical", fields: form, request: #"r"{\}"#, by: "alice")
    let memory = try RepositoryKind.memory.make()
    defer { memory.remove() }
    let expected = try memory.at(60).create(type: "technical", fields: form, request: #"r"{\}"#, by: "alice")
    #expect(try store.repository.load(made.id) == expected)
    #expect(try store.repository.history(of: made.id) == memory.repository.history(of: expected.id))
    #expect(try store.repository.caseRecording(request: #"r"{\}"#) == made.id)
  }
}
