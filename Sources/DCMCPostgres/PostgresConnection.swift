internal import CLibPQ
import DCMCApplication

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One libpq connection (`LibPQ`): the one place that connects (with a connect time-out, then each
/// statement under a statement time-out and committed with `synchronous_commit` on), runs
/// parameterised statements and reads their results as bytes. Errors are one line.
///
/// Not for two threads at once: a `PostgresPool` hands it to one caller at a time.
/// `@unchecked Sendable` is safe because the pool is the only owner that shares it, and it
/// moves a connection between threads only through its lock, never using it meanwhile.
public final class PostgresConnection: @unchecked Sendable {
  private let handle: OpaquePointer
  private let pq: LibPQ
  private let answerTimeoutMilliseconds: Int
  /// The longest wait for a cancel request (`CancelRequests`), and the threads it runs on.
  private let cancelGraceMilliseconds: Int
  private let threads: ThreadStarter
  /// Asked between waits for an answer as between waits while connecting (`init`).
  private let giveUp: @Sendable () -> Bool
  /// Set when a statement went unanswered past its deadline and was cancelled, or its wait was
  /// given up: the connection is in an unknown state and is used no more.
  private var abandoned = false

  /// Connects to the server `url` names (a libpq URL, `postgresql://user@host:port/db`, or
  /// a `key=value` string). `settings.connectTimeout` bounds the connect to each host unless
  /// `url` gives its own `connect_timeout`; the session settings are set on every connection.
  /// `giveUp` is asked between waits of at most `sliceMilliseconds` on the socket, connecting
  /// and then awaiting each statement's answer: once it answers `true`, the wait stops at once
  /// (a listener being stopped) and the connection is given up. A statement's cancel request
  /// runs on a thread `threads` makes (`CancelRequests`).
  public init(
    url: String, settings: PostgresSettings = PostgresSettings(), threads: ThreadStarter = .system,
    giveUp: @escaping @Sendable () -> Bool = { false }
  ) throws(PostgresError) {
    let pq = try LibPQ.shared.get()
    handle = try Self.connect(url, settings, pq, giveUp: giveUp)
    self.pq = pq
    self.giveUp = giveUp
    self.threads = threads
    answerTimeoutMilliseconds = settings.answerTimeoutMilliseconds
    cancelGraceMilliseconds = settings.cancelGraceMilliseconds
    // The server's notices (`... already exists, skipping`) are not the user's to read.
    _ = pq.setNoticeProcessor(handle, { _, _ in }, nil)
    _ = try query(
      """
      SELECT set_config('synchronous_commit', 'on', false), set_config('statement_timeout', $1, false),
        set_config('client_min_messages', 'warning', false), set_config('TimeZone', 'UTC', false)
      """, [.int(settings.statementTimeoutMilliseconds)])
  }

  deinit { pq.finish(handle) }

  /// The longest wait on the socket while connecting, between two questions to `giveUp`.
  static let sliceMilliseconds = 250

  /// Why a connect to one host failed: given up (nothing more is tried), or `reason`.
  private enum ConnectFailure: Error {
    case givenUp
    case failed(String)
  }

  /// Starts connecting (`PQconnectStartParams`) with the settings, then `url` (so its own
  /// `connect_timeout` wins), then `overrides` (one host of several), and completes it: host
  /// by host when `url` names several (`hostByHost`), each within its own `connect_timeout`,
  /// as libpq's `PQconnectdbParams` does, which `PQconnectPoll` leaves to its caller.
  private static func connect(
    _ url: String, _ settings: PostgresSettings, _ pq: LibPQ, giveUp: () -> Bool
  ) throws(PostgresError) -> OpaquePointer {
    func start(_ overrides: [(String, String)]) throws(ConnectFailure) -> OpaquePointer {
      let keywords = ["connect_timeout", "application_name", "client_encoding", "dbname"] + overrides.map(\.0)
      let values = [String(settings.connectTimeout), "dcmc", "UTF8", url] + overrides.map(\.1)
      let connection = withCStrings(keywords) { keywordPointers in
        withCStrings(values) { valuePointers in pq.connectStartParams(keywordPointers, valuePointers, 1) }
      }
      guard let connection else { throw .failed("out of memory") }
      return connection
    }
    var seconds = 0
    func made(_ connection: OpaquePointer) throws(ConnectFailure) -> OpaquePointer {
      do throws(ConnectFailure) {
        try complete(connection, pq, within: seconds, giveUp: giveUp)
        return connection
      } catch {
        pq.finish(connection)
        throw error
      }
    }
    do throws(ConnectFailure) {
      let first = try start([])
      let given = options(of: first, pq)
      seconds = given["connect_timeout"].flatMap { Int($0) } ?? 0
      guard let hosts = hostByHost(host: given["host"], hostaddr: given["hostaddr"], port: given["port"]) else {
        return try made(first)
      }
      pq.finish(first)
      var reasons: [String] = []
      for host in hosts {
        do throws(ConnectFailure) {
          return try made(try start(host))
        } catch .failed(let reason) {
          let name = host.first { $0.0 == "host" || $0.0 == "hostaddr" }?.1 ?? ""
          reasons.append(reason == timeoutExpired ? "\(name): \(reason)" : reason)
        }
      }
      throw ConnectFailure.failed(reasons.joined(separator: "; "))
    } catch {
      switch error {
      case .givenUp: throw PostgresError("cannot connect to postgresql: given up")
      case .failed(let reason): throw PostgresError("cannot connect to postgresql: \(reason)")
      }
    }
  }

  /// The `host`, `hostaddr` and `port` to connect with, one host at a time, when the options
  /// name several hosts (comma-separated lists, as libpq reads them); `nil` for one host, or
  /// lists libpq is left to read itself (an empty entry, which means a default; lists of
  /// other lengths, which libpq refuses saying why).
  static func hostByHost(host: String?, hostaddr: String?, port: String?) -> [[(String, String)]]? {
    func list(_ value: String?) -> [String] {
      guard let value, !value.isEmpty else { return [] }
      return value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let hosts = list(host)
    let addresses = list(hostaddr)
    let ports = list(port)
    let count = max(hosts.count, addresses.count)
    guard count > 1, hosts.isEmpty || hosts.count == count, addresses.isEmpty || addresses.count == count,
      ports.count <= 1 || ports.count == count, !(hosts + addresses + ports).contains("")
    else { return nil }
    return (0..<count).map { index in
      var overrides: [(String, String)] = []
      if !hosts.isEmpty { overrides.append(("host", hosts[index])) }
      if !addresses.isEmpty { overrides.append(("hostaddr", addresses[index])) }
      if !ports.isEmpty { overrides.append(("port", ports.count == 1 ? ports[0] : ports[index])) }
      return overrides
    }
  }

  /// libpq's own words for a connect past its time-out.
  private static let timeoutExpired = "timeout expired"

  /// Drives `connection`, started by `PQconnectStartParams`, until it is made, as
  /// `PQconnectdbParams` would, but waiting on its socket here: a slice at a time, so `giveUp`
  /// is heard, and within `seconds`, its `connect_timeout` (libpq's rule: 0 waits for ever, 1
  /// counts as 2).
  private static func complete(_ connection: OpaquePointer, _ pq: LibPQ, within seconds: Int, giveUp: () -> Bool)
    throws(ConnectFailure)
  {
    let deadline = seconds > 0 ? monotonicMilliseconds() + max(seconds, 2) * 1000 : Int.max
    var state = pq.status(connection) == CONNECTION_BAD ? PGRES_POLLING_FAILED : PGRES_POLLING_WRITING
    while state != PGRES_POLLING_OK {
      guard state != PGRES_POLLING_FAILED else {
        throw .failed(PostgresError.firstLine(pq.errorMessage(connection).map { String(cString: $0) } ?? ""))
      }
      guard !giveUp() else { throw .givenUp }
      let left = deadline - monotonicMilliseconds()
      guard left > 0 else { throw .failed(timeoutExpired) }
      let events = state == PGRES_POLLING_READING ? POLLIN : POLLOUT
      var descriptor = pollfd(fd: pq.socket(connection), events: Int16(events), revents: 0)
      // libpq is asked again only once the socket is ready (or gone: it then says why).
      if descriptor.fd >= 0, poll(&descriptor, 1, Int32(min(left, sliceMilliseconds))) <= 0 { continue }
      state = pq.connectPoll(connection)
    }
  }

  /// The options `connection` was started with (`PQconninfo`): the settings', the URL's own,
  /// the environment's; those without a value left out.
  private static func options(of connection: OpaquePointer, _ pq: LibPQ) -> [String: String] {
    guard let options = pq.conninfo(connection) else { return [:] }
    defer { pq.conninfoFree(options) }
    var values: [String: String] = [:]
    var option = options
    // The array ends with an option without a keyword; libpq has about fifty.
    for _ in 0..<1000 {
      guard let keyword = option.pointee.keyword else { break }
      if let value = option.pointee.val { values[String(cString: keyword)] = String(cString: value) }
      option += 1
    }
    return values
  }

  /// Whether the connection can serve the next caller: open, and outside a transaction.
  var isReusable: Bool {
    !abandoned && pq.status(handle) == CONNECTION_OK && pq.transactionStatus(handle) == PQTRANS_IDLE
  }

  /// Whether an idle connection is still open at the server, looked at before it is used
  /// again: reusable, and nothing to read on its socket. Between two statements the server
  /// sends an idle session nothing (no connection of a pool listens), so anything there, or
  /// the end of the stream, is the server closing it (its `FATAL` message, then end of file):
  /// the connection is dead. One `poll` that does not wait; no statement is sent.
  var isAlive: Bool {
    guard isReusable else { return false }
    var descriptor = pollfd(fd: pq.socket(handle), events: Int16(POLLIN), revents: 0)
    guard descriptor.fd >= 0 else { return false }
    return poll(&descriptor, 1, 0) == 0
  }

  /// Runs one statement with `parameters` bound to `$1`, `$2`...: values are never spliced
  /// into SQL. Answers the rows, in `format` (text unless the caller reads `bytea` columns,
  /// which the binary format sends as their own bytes rather than twice as many hex digits),
  /// and the number of rows the statement touched.
  ///
  /// The statement is sent and its answer awaited on the socket for at most
  /// `settings.answerTimeoutMilliseconds`: a statement that commits (alone, or `COMMIT`) may
  /// wait for a synchronous standby, which `statement_timeout` does not bound. Past the
  /// deadline the statement is cancelled, waiting at most `settings.cancelGraceMilliseconds`
  /// for the cancel request, and the connection given up (`unanswered`): whether it committed
  /// is unknown.
  ///
  /// A query or a change of rows is prepared on the connection the first time it runs
  /// (`prepared`), and only bound and executed after that.
  @discardableResult
  public func query(
    _ sql: String, _ parameters: [PostgresValue?] = [], format: PostgresRows.Format = .text
  ) throws(PostgresError) -> PostgresRows {
    try send(sql, parameters, format: format)
    return try rows(of: answer(), format: format)
  }

  /// Runs one query as `query(_:_:format:)` does, but hands its rows to `row` one at a time
  /// as they arrive (libpq's single-row mode), each as `PostgresRows` of one row: the caller
  /// works on a row while the server sends the next, and holds one row, not the whole answer.
  ///
  /// The answer is awaited under the same deadline, as a whole: past it the statement is
  /// cancelled and the connection given up, whether the server is silent or still sending
  /// rows (the deadline is looked at before each row is handed over, so a caller slower than
  /// the server, which always finds the next row there, is not held past it). An error after
  /// some rows (the server's, such as a statement
  /// time-out or a terminated backend, or the connection lost) is thrown once the answer has
  /// ended: the rows handed over before it are then not the query's answer, and the caller
  /// must drop what it made of them. No row is handed over after an error.
  public func query(
    _ sql: String, _ parameters: [PostgresValue?] = [], format: PostgresRows.Format = .text,
    eachRow row: (PostgresRows) -> Void
  ) throws(PostgresError) {
    try send(sql, parameters, format: format)
    // Only right after the statement is sent, before any of its results is read.
    guard pq.setSingleRowMode(handle) == 1 else { throw lost() }
    let deadline = Self.monotonicMilliseconds() + answerTimeoutMilliseconds
    var failure: PostgresError?
    var answered = false
    while true {
      try awaitAnswer(until: deadline)
      guard let result = pq.getResult(handle) else { break }
      answered = true
      let single = pq.resultStatus(result) == PGRES_SINGLE_TUPLE
      // A row means more is to come (at least the answer's end): past the deadline the rest
      // is not waited for.
      if single, Self.monotonicMilliseconds() >= deadline {
        pq.clear(result)
        throw unanswered(rowsStillComing: true)
      }
      // The first error is kept; the results after it are read and let go.
      do throws(PostgresError) {
        let rows = try rows(of: result, format: format)
        if single, failure == nil { row(rows) }
      } catch {
        if failure == nil { failure = error }
      }
    }
    if let failure { throw failure }
    guard answered else { throw lost() }
  }

  /// Sends `sql` with `parameters` (prepared first when it is worth it, `preparedName`),
  /// its answer asked for in `format`; the answer is the caller's to await.
  private func send(_ sql: String, _ parameters: [PostgresValue?], format: PostgresRows.Format) throws(PostgresError) {
    guard !abandoned else { throw PostgresError("postgresql: this connection was given up after a statement went unanswered") }
    let name = try preparedName(sql, parameters: parameters.count)
    let wire = parameters.map { $0?.wire }
    // Each parameter's length and format (1: binary); libpq reads the lengths of binary ones
    // only, a text one ending at its NUL.
    let lengths = wire.map { Int32(truncatingIfNeeded: $0?.bytes.count ?? 0) }
    let formats = wire.map { Int32($0?.binary == true ? 1 : 0) }
    let sent = Self.withOptionalCStrings(wire.map { $0?.bytes }) { pointers in
      lengths.withUnsafeBufferPointer { lengths in
        formats.withUnsafeBufferPointer { formats in
          if let name {
            pq.sendQueryPrepared(
              handle, name, Int32(parameters.count), pointers, lengths.baseAddress, formats.baseAddress, format.rawValue)
          } else {
            pq.sendQueryParams(
              handle, sql, Int32(parameters.count), nil, pointers, lengths.baseAddress, formats.baseAddress,
              format.rawValue)
          }
        }
      }
    }
    guard sent == 1 else { throw lost() }
  }

  /// Awaits the answer of what was sent (`awaitAnswer`) and takes its results: a statement
  /// answers one (then `nil`); the first error is kept, else the last result.
  private func answer() throws(PostgresError) -> LibPQ.Result {
    try awaitAnswer()
    var kept: LibPQ.Result = nil
    while let result = pq.getResult(handle) {
      if let previous = kept, pq.resultStatus(previous) != PGRES_COMMAND_OK, pq.resultStatus(previous) != PGRES_TUPLES_OK {
        pq.clear(result)
      } else {
        if let previous = kept { pq.clear(previous) }
        kept = result
      }
    }
    return kept
  }

  /// The name `sql` is prepared under on this connection, prepared now if it was not (one
  /// `PQsendPrepare`, its parameters' types inferred as `PQexecParams` infers them, its answer
  /// awaited as a statement's, `awaitAnswer`); `nil` for a
  /// statement run unprepared: one that is neither a query nor a change of rows (`BEGIN`,
  /// `COMMIT`, the migrations' definitions, run once), or one past `preparedLimit`. A
  /// statement the server refuses to prepare throws its error, as running it would have.
  private func preparedName(_ sql: String, parameters: Int) throws(PostgresError) -> String? {
    if let name = prepared[sql] { return name }
    guard prepared.count < Self.preparedLimit, Self.isPreparable(sql) else { return nil }
    let name = "dcmc_\(prepared.count + 1)"
    guard pq.sendPrepare(handle, name, sql, Int32(parameters), nil) == 1 else { throw lost() }
    _ = try rows(of: answer())
    prepared[sql] = name
    return name
  }

  /// The statements prepared on this connection, by their text: the store's statements are a
  /// fixed set of texts (values are always parameters), so the server parses and plans each
  /// once per connection rather than on every call. A table a statement reads that changes
  /// (a migration) makes the server plan it again.
  private var prepared: [String: String] = [:]
  /// How many statements a connection prepares at most.
  static let preparedLimit = 256

  /// Whether `sql` is a query or a change of rows, which is worth preparing.
  static func isPreparable(_ sql: String) -> Bool {
    let word = sql.drop { $0 == " " || $0 == "\n" }.prefix { $0.isLetter }.uppercased()
    return ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH"].contains(word)
  }

  /// The rows of `result`, which is then cleared; its error, or the connection's when libpq
  /// gave no result, in one line.
  private func rows(of result: LibPQ.Result, format: PostgresRows.Format = .text) throws(PostgresError) -> PostgresRows {
    guard let result else {
      let message = pq.errorMessage(handle).map { String(cString: $0) } ?? ""
      throw PostgresError("postgresql: \(PostgresError.firstLine(message))")
    }
    defer { pq.clear(result) }
    switch pq.resultStatus(result) {
    case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE:
      return PostgresRows(result, pq, format: format)
    default:
      let state = pq.resultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
      let message = pq.resultErrorMessage(result).map { String(cString: $0) } ?? ""
      throw PostgresError(sqlState: state, "postgresql: \(PostgresError.firstLine(message))")
    }
  }

  /// Reads the answer of the statement sent until it is whole (in single-row mode, until its
  /// next row or its end), waiting on the socket until the deadline (by default the answer
  /// time-out from now), a slice at a time between which `giveUp` is asked; past the deadline,
  /// cancels the statement (within the grace), gives the connection up and throws, saying
  /// whether the cancel was sent. Given up, it gives the
  /// connection up without a cancel request (which waits for the server in its turn): closing
  /// the connection ends the statement.
  private func awaitAnswer(until end: Int? = nil) throws(PostgresError) {
    let deadline = end ?? Self.monotonicMilliseconds() + answerTimeoutMilliseconds
    while true {
      guard pq.consumeInput(handle) == 1 else { throw lost() }
      if pq.isBusy(handle) == 0 { return }
      guard !giveUp() else {
        abandoned = true
        throw PostgresError("postgresql: given up waiting for an answer")
      }
      let left = deadline - Self.monotonicMilliseconds()
      guard left > 0 else { throw unanswered(rowsStillComing: false) }
      _ = waitReadable(milliseconds: min(left, Self.sliceMilliseconds))
    }
  }

  /// Cancels the statement past its deadline (`cancelStatement`, within the grace) and says
  /// so in one line: no answer at all, or (`rowsStillComing`, single-row mode) rows still
  /// arriving. The connection is given up either way.
  private func unanswered(rowsStillComing: Bool) -> PostgresError {
    let cancel: String
    switch cancelStatement() {
    case .sent: cancel = "cancelled"
    case .failed(let reason): cancel = "the cancel request failed (\(reason)), the connection dropped"
    case .unanswered:
      cancel = "the cancel request went unanswered within \(cancelGraceMilliseconds) ms too, the connection dropped"
    case .notSent(let reason): cancel = "not cancelled (\(reason)), the connection dropped"
    }
    let seconds = (answerTimeoutMilliseconds + 999) / 1000
    let what =
      rowsStillComing
      ? "rows still coming after \(seconds) s (a query too big for the answer time-out?)"
      : "no answer within \(seconds) s (a commit waiting for a synchronous standby that is not there?)"
    return PostgresError(
      unanswered: true, "postgresql: \(what): \(cancel); the outcome is unknown: it may be committed on the primary")
  }

  /// Waits at most `milliseconds` for the notifications of the channels this connection
  /// listens on (`LISTEN`): their payloads in the order sent, none when the time ran out.
  /// Throws when the connection is lost.
  public func notifications(waitingAtMost milliseconds: Int) throws(PostgresError) -> [String] {
    var payloads = takeNotifications()
    guard payloads.isEmpty else { return payloads }
    if waitReadable(milliseconds: milliseconds) {
      guard pq.consumeInput(handle) == 1 else { throw lost() }
      payloads = takeNotifications()
    }
    guard pq.status(handle) == CONNECTION_OK else { throw lost() }
    return payloads
  }

  private func takeNotifications() -> [String] {
    var payloads: [String] = []
    while let notification = pq.notifies(handle) {
      payloads.append(notification.pointee.extra.map { String(cString: $0) } ?? "")
      pq.freemem(notification)
    }
    return payloads
  }

  /// Whether the socket became readable within `milliseconds` (an interrupted wait counts as
  /// readable: the caller reads and waits again).
  private func waitReadable(milliseconds: Int) -> Bool {
    var descriptor = pollfd(fd: pq.socket(handle), events: Int16(POLLIN), revents: 0)
    guard descriptor.fd >= 0 else { return true }
    return poll(&descriptor, 1, Int32(clamping: max(milliseconds, 0))) != 0
  }

  /// Asks the server to cancel the statement running (a commit's wait for a standby ends with
  /// the commit on the primary only), from a thread of its own waited for at most the grace
  /// (`CancelRequests`), and gives the connection up: the statement's answer is not awaited.
  private func cancelStatement() -> CancelRequests.Outcome {
    abandoned = true
    guard let token = pq.getCancel(handle) else { return .notSent("libpq has no cancel request for it") }
    let request = CancelToken(token, pq)
    return CancelRequests.shared.send(graceMilliseconds: cancelGraceMilliseconds, threads: threads) {
      request.send()
    }
  }

  /// The connection's own error, as when it was lost.
  private func lost() -> PostgresError {
    PostgresError("postgresql: \(PostgresError.firstLine(pq.errorMessage(handle).map { String(cString: $0) } ?? ""))")
  }

  private static func monotonicMilliseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
  }

  /// Runs `body` in one transaction (read committed; rows are locked by the statements
  /// that need them), committed when it returns and rolled back when it throws.
  public func transaction<Result>(_ body: () throws(PostgresError) -> Result) throws(PostgresError) -> Result {
    try query("BEGIN")
    let result: Result
    do {
      result = try body()
    } catch {
      _ = try? query("ROLLBACK")
      throw error
    }
    try query("COMMIT")
    return result
  }

  private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    withOptionalCStrings(strings.map { Array($0.utf8CString) }, body)
  }

  private static func withOptionalCStrings<R>(_ strings: [[CChar]?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    var copies: [UnsafeMutablePointer<CChar>?] = []
    copies.reserveCapacity(strings.count + 1)
    defer { copies.forEach { $0?.deallocate() } }
    for string in strings {
      guard let string else {
        copies.append(nil)
        continue
      }
      let copy = UnsafeMutablePointer<CChar>.allocate(capacity: string.count)
      copy.initialize(from: string, count: string.count)
      copies.append(copy)
    }
    copies.append(nil)
    return body(copies.map { $0.map { UnsafePointer($0) } })
  }
}
