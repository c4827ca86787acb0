@testable import DCMCPostgres
import Foundation
import Testing
import _DCMCTestSupport

/// The connection type over libpq: parameters are bound, never spliced; failures are one
/// line; the time-outs hold.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresConnectionTests {
  /// A pool keeps as many idle connections as its settings say (`dcmc serve` one a thread):
  /// twelve calls at once, each holding its connection until all twelve hold one, leave
  /// twelve open for the next calls, where the default keeps eight and closes four.
  @Test func aPoolKeepsTheIdleConnectionsItsSettingsSay() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    for (kept, expected) in [(12, 12), (nil, 8)] {
      let settings = kept.map { PostgresSettings(idleConnections: $0) } ?? PostgresSettings()
      let pool = PostgresPool(url: database.url, settings: settings)
      let holding = DispatchGroup()
      let done = DispatchGroup()
      let failures = Results()
      for _ in 0..<12 {
        holding.enter()
        done.enter()
      }
      for _ in 0..<12 {
        Thread {
          do {
            try pool.withConnection { (connection) throws(PostgresError) in
              try connection.query("SELECT 1")
              holding.leave()
              if holding.wait(timeout: .now() + 60) == .timedOut { failures.add("not all twelve held one") }
            }
          } catch {
            failures.add("\(error)")
          }
          done.leave()
        }.start()
      }
      #expect(done.wait(timeout: .now() + 120) == .success)
      #expect(failures.values.isEmpty, "\(failures.values)")
      #expect(pool.idleCount == expected)
    }
  }

  @Test func parametersAndBytesRoundTripUnchanged() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let connection = try PostgresConnection(url: database.url)
    let text = "it's a \"quote\"; DROP TABLE x; -- ü 😀"
    let bytes: [UInt8] = [0, 1, 92, 120, 255, 39]
    let rows = try connection.query(
      "SELECT $1::text, $2::bytea, $3::bigint, $4::text IS NULL", [.string(text), .bytes(bytes), .int(-42), nil])
    #expect(rows.string(0, 0) == text)
    #expect(rows.bytes(0, 1) == bytes)
    #expect(rows.int(0, 2) == -42)
    #expect(rows.string(0, 3) == "t")
  }

  /// The binary result format (what `bytea` columns are read in: `keptRollups`, bundles,
  /// attachments): every byte value, an empty `bytea` and NULL come back as they went in,
  /// integers of each width (negative too) and texts as the text format gives them, and a
  /// prepared statement answers in the format each call asks for.
  @Test func theBinaryFormatGivesBytesIntegersAndTextsAsTheTextFormatDoes() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let connection = try PostgresConnection(url: database.url)
    let every = (0...255).map { UInt8($0) } + (0...255).reversed().map { UInt8($0) }
    let sql = """
      SELECT $1::bytea, $2::bytea, $3::bytea, $4::smallint, $5::integer, $6::bigint, $7::bigint, $8::text
      """
    let parameters: [PostgresValue?] = [
      .bytes(every), .bytes([]), nil, .int(-2), .int(-70_000), .int(Int.min), .int(Int.max), .string("ü 😀"),
    ]
    for format in [PostgresRows.Format.binary, .text, .binary] {
      let rows = try connection.query(sql, parameters, format: format)
      #expect(rows.format == format)
      #expect(rows.bytes(0, 0) == every)
      #expect(rows.bytes(0, 1) == [])
      #expect(rows.bytes(0, 2) == nil)
      #expect(rows.int(0, 3) == -2)
      #expect(rows.int(0, 4) == -70_000)
      #expect(rows.int(0, 5) == Int.min)
      #expect(rows.int(0, 6) == Int.max)
      #expect(rows.string(0, 7) == "ü 😀")
      #expect(rows.bytes(1, 0) == nil)
    }
    // In binary, the bytes are the value's own: no hex form (twice as long) to decode.
    #expect(try connection.query(sql, parameters, format: .binary).rows[0][0]?.count == every.count)
    #expect(try connection.query(sql, parameters).rows[0][0]?.count == 2 + 2 * every.count)
  }

  /// A query's rows handed over one at a time as they arrive (the rollup rows of a report):
  /// the same rows, in the same order, in either format, as the whole answer; none for none;
  /// and the connection serves the next statement, the same query among them.
  @Test func rowsHandedOverOneByOneAreTheWholeAnswersRows() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let connection = try PostgresConnection(url: database.url)
    let sql = """
      SELECT i, decode(repeat(to_hex(i % 16), $2), 'hex'), CASE WHEN i % 3 = 0 THEN NULL ELSE 'row ' || i END
      FROM generate_series(1, $1::integer) AS i ORDER BY i
      """
    for format in [PostgresRows.Format.binary, .text] {
      for count in [0, 1, 40] {
        let parameters: [PostgresValue?] = [.int(count), .int(20_000)]
        let whole = try connection.query(sql, parameters, format: format)
        var handed: [[[UInt8]?]] = []
        try connection.query(sql, parameters, format: format) { row in
          #expect(row.rows.count == 1 && row.format == format)
          handed.append(contentsOf: row.rows)
        }
        #expect(whole.rows.count == count)
        #expect(handed == whole.rows)
      }
    }
    #expect(try connection.query("SELECT 1").int(0, 0) == 1)
  }

  /// An error after some rows (here the third row's division by zero) is thrown with its own
  /// state once the answer has ended, after the rows before it (which the whole answer would
  /// never have given) and none after; the connection serves the next statement.
  @Test func anErrorAfterSomeRowsIsThrownAfterThem() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let connection = try PostgresConnection(url: database.url)
    var handed: [Int] = []
    let error = try #require(throws: PostgresError.self) {
      try connection.query("SELECT 10 / (3 - i) FROM generate_series(1, 5) AS i") { row in
        handed.append(row.int(0, 0) ?? -1)
      }
    }
    #expect(error.sqlState == "22012")
    #expect(handed == [5, 10])
    #expect(try connection.query("SELECT 1").int(0, 0) == 1)
  }

  /// The backend terminated (`pg_terminate_backend`, from another connection) while its rows
  /// are still coming, more than the socket holds: the query fails, after fewer rows than it
  /// had, and the connection is not used again.
  @Test func aBackendTerminatedWhileRowsStreamFailsTheQuery() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let connection = try PostgresConnection(url: database.url)
    let other = try PostgresConnection(url: database.url)
    let pid = try #require(try connection.query("SELECT pg_backend_pid()").int(0, 0))
    var handed = 0
    #expect(throws: PostgresError.self) {
      try connection.query("SELECT i, repeat('x', 1000000) FROM generate_series(1, 40) AS i") { _ in
        handed += 1
        if handed == 1 { _ = try? other.query("SELECT pg_terminate_backend($1)", [.int(pid)]) }
      }
    }
    #expect(handed >= 1 && handed < 40)
    #expect(throws: PostgresError.self) { try connection.query("SELECT 1") }
  }

  /// Rows that keep arriving past the answer's deadline do not hold the read. The server
  /// sends 1,000 rows of 20 kB at once; the caller takes 10 ms over each (a query of its own:
  /// a slow consumer, as a report counting days), so a whole row is always there when it asks
  /// for the next, and the wait for data, where the deadline was looked at, never came (before:
  /// every row was read, over 10 s). With a 1-second deadline the read is cancelled between
  /// two rows and fails with the one-line time-out within the deadline and the grace, after
  /// some of the rows only; the connection is not used again.
  @Test func rowsStillComingPastTheDeadlineAreCancelledBetweenTwoRows() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let connection = try PostgresConnection(
      url: database.url, settings: PostgresSettings(answerTimeoutMilliseconds: 1_000, cancelGraceMilliseconds: 2_000))
    let other = try PostgresConnection(url: database.url)
    var handed = 0
    let started = PostgresConnectWaitTests.milliseconds()
    let error = try #require(throws: PostgresError.self) {
      try connection.query("SELECT i, repeat('x', 20000) FROM generate_series(1, 1000) AS i") { _ in
        handed += 1
        _ = try? other.query("SELECT pg_sleep(0.01)")
      }
    }
    let waited = PostgresConnectWaitTests.milliseconds() - started
    #expect(error.unanswered)
    #expect(error.message.hasPrefix("postgresql: rows still coming after 1 s"), "\(error.message)")
    #expect(error.message.contains(": cancelled;"), "\(error.message)")
    #expect(waited < 1_000 + 2_000 + 2_000, "\(waited) ms")
    #expect(handed > 0 && handed < 1_000, "\(handed) rows")
    #expect(throws: PostgresError.self) { try connection.query("SELECT 1") }
  }

  /// The arrays of a column at a time (`PostgresColumns`: the append's lists) go in the
  /// binary format: texts with every character an array's text form quotes or escapes, NULLs,
  /// integers at their widths' ends and booleans come back as they went, an empty array
  /// too, on a prepared statement run twice; an integer too wide for `integer`, or a word,
  /// is refused by the server, never cut short.
  @Test func arraysGoInTheBinaryFormatAndComeBackAsTheyWent() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let connection = try PostgresConnection(url: database.url)
    let texts: [PostgresValue?] = [.string(#"{"a": "b\\c", d}"#), nil, .string(""), .string("NULL"), .string("ü 😀,")]
    let integers: [PostgresValue?] = [.int(Int(Int32.min)), nil, .int(Int(Int32.max))]
    let bigints: [PostgresValue?] = [.int(Int.min), .int(Int.max)]
    let booleans: [PostgresValue?] = [.bool(true), .bool(false), nil]
    let sent = [
      PostgresValue.array(texts, of: "text"), .array(integers, of: "integer"), .array(bigints, of: "bigint"),
      .array(booleans, of: "boolean"), .array([], of: "text"),
    ]
    #expect(sent.allSatisfy { $0.text == nil })
    let sql = """
      SELECT (SELECT array_agg(t IS NULL) FROM unnest($1::text[]) t), array_to_string($1::text[], '|'),
        array_to_string($2::integer[], '|', 'N'), array_to_string($3::bigint[], '|'),
        array_to_string($4::boolean[], '|', 'N'), cardinality($5::text[])
      """
    for _ in 0..<2 {
      let rows = try connection.query(sql, sent)
      #expect(rows.string(0, 0) == "{f,t,f,f,f}")
      #expect(rows.string(0, 1) == #"{"a": "b\\c", d}||NULL|ü 😀,"#)
      #expect(rows.string(0, 2) == "-2147483648|N|2147483647")
      #expect(rows.string(0, 3) == "\(Int.min)|\(Int.max)")
      #expect(rows.string(0, 4) == "t|f|N")
      #expect(rows.int(0, 5) == 0)
    }
    // A number or boolean given as text is read from it; a word for a number is refused.
    let fromTexts = [
      PostgresValue.array([.string("7"), .int(8)], of: "integer"), .array([.string("f")], of: "boolean"),
    ]
    let read = try connection.query("SELECT array_to_string($1::integer[], '|'), $2::boolean[]", fromTexts)
    #expect(read.string(0, 0) == "7|8")
    #expect(read.string(0, 1) == "{f}")
    let refusals = [
      PostgresValue.array([.int(Int(Int32.max) + 1)], of: "integer"), .array([.string("seven")], of: "integer"),
    ]
    for refused in refusals {
      #expect(throws: PostgresError.self) { try connection.query("SELECT $1::integer[]", [refused]) }
    }
  }

  @Test func everySessionCommitsSynchronouslyInUTC() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let connection = try PostgresConnection(
      url: database.url, settings: PostgresSettings(statementTimeoutMilliseconds: 1234))
    let rows = try connection.query(
      "SELECT current_setting('synchronous_commit'), current_setting('statement_timeout'), current_setting('TimeZone')")
    #expect(rows.string(0, 0) == "on")
    #expect(rows.string(0, 1) == "1234ms")
    #expect(rows.string(0, 2) == "UTC")
  }

  @Test func aServerErrorIsOneLineWithItsState() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let connection = try PostgresConnection(url: database.url)
    let error = try #require(throws: PostgresError.self) { try connection.query("SELECT * FROM no_such_table") }
    #expect(error.sqlState == "42P01")
    #expect(error.description == "postgresql: relation \"no_such_table\" does not exist")
    // The connection serves the next statement.
    #expect(try connection.query("SELECT 1").int(0, 0) == 1)
  }

  @Test func aStatementIsPreparedOnceAndRunsAgainAfterItsTableChanges() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let connection = try PostgresConnection(url: database.url)
    try connection.query("CREATE TABLE t (id integer PRIMARY KEY, name text)")
    let insert = "INSERT INTO t (id, name) VALUES ($1, $2)"
    let select = "SELECT name FROM t WHERE id = $1"
    try connection.query(insert, [.int(1), .string("one")])
    try connection.query(insert, [.int(2), .string("two")])
    #expect(try connection.query(select, [.int(2)]).string(0, 0) == "two")
    // Each query and change of rows is prepared once, by its text (the session's settings and
    // this very query too); the table's definition is not.
    let statements = try connection.query("SELECT statement FROM pg_prepared_statements ORDER BY prepare_time")
    let texts = statements.rows.indices.compactMap { statements.string($0, 0) }
    #expect(texts.count == 4)
    #expect(texts.dropFirst().prefix(2) == [insert, select])
    // A change of the table the prepared statements read makes the server plan them again.
    try connection.query("ALTER TABLE t ADD COLUMN extra text")
    try connection.query(insert, [.int(3), .string("three")])
    #expect(try connection.query(select, [.int(3)]).string(0, 0) == "three")
  }

  @Test func aStatementRefusedWhenPreparedFailsWithItsOwnErrorInsideATransaction() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let connection = try PostgresConnection(url: database.url)
    let error = try #require(throws: PostgresError.self) {
      try connection.transaction { () throws(PostgresError) in
        try connection.query("SELECT name FROM no_such_table WHERE id = $1", [.int(1)])
      }
    }
    #expect(error.sqlState == "42P01")
    #expect(error.description == "postgresql: relation \"no_such_table\" does not exist")
    // Not remembered as prepared: once the table exists, the statement runs.
    try connection.query("CREATE TABLE no_such_table (id integer, name text)")
    try connection.query("INSERT INTO no_such_table VALUES ($1, $2)", [.int(1), .string("x")])
    let found = try connection.query("SELECT name FROM no_such_table WHERE id = $1", [.int(1)])
    #expect(found.string(0, 0) == "x")
  }

  @Test func aStatementPastItsTimeOutIsCancelled() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let connection = try PostgresConnection(
      url: database.url, settings: PostgresSettings(statementTimeoutMilliseconds: 100))
    let error = try #require(throws: PostgresError.self) { try connection.query("SELECT pg_sleep(30)") }
    #expect(error.sqlState == "57014")
    #expect(error.description == "postgresql: canceling statement due to statement timeout")
  }

  @Test func aServerThatIsNotThereIsOneLine() throws {
    let error = try #require(throws: PostgresError.self) {
      try PostgresConnection(url: "postgresql://127.0.0.1:1/dcmc", settings: PostgresSettings(connectTimeout: 2))
    }
    #expect(error.description.hasPrefix("cannot connect to postgresql: connection to server at \"127.0.0.1\", port 1 failed"))
    #expect(!error.description.contains("\n"))
  }

  @Test func anUnknownUserIsRefusedInOneLine() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    // A URL's query parameters override its user@ part.
    let url = database.url + (database.url.contains("?") ? "&" : "?") + "user=nobody_dcmc"
    let error = try #require(throws: PostgresError.self) { try PostgresConnection(url: url) }
    #expect(error.description.hasPrefix("cannot connect to postgresql: "))
    #expect(error.description.hasSuffix("role \"nobody_dcmc\" does not exist"))
    #expect(!error.description.contains("\n"))
  }
}
