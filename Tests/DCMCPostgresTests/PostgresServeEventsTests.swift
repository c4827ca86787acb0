import DCMCPostgres
import Foundation
import Testing
import _DCMCTestSupport

/// Two `dcmc serve` on one PostgreSQL store (docs/postgres.md, "Serve: LISTEN/NOTIFY"): an
/// SSE client on B sees, within seconds, the presence and the offer made through A, although
/// B's streams poll the store only every 600 seconds: the `NOTIFY` of A's commits woke them.
/// B's listening connection, terminated, is made again and the next change comes as promptly.
@Suite(.serialized, .enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresServeEventsTests {
  /// Seconds within which an event must arrive: far below the 600-second poll.
  static let prompt = 20.0

  typealias Lines = OutputLines

  /// The next event line of an SSE reader (`{"id", "event", "data"}`); `nil` at `end ...`.
  static func event(_ lines: Lines) -> [String: Any]? {
    while let line = lines.next(), !line.hasPrefix("end") {
      if let event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] { return event }
    }
    return nil
  }

  func dcmc(_ arguments: [String], _ url: String) throws -> BinaryRunner.Output {
    try BinaryRunner.run(arguments + ["--store", url])
  }

  /// `dcmc serve` polling its streams every 600 s, its URL, and its log (standard error).
  func serve(_ url: String) throws -> (Process, String, Lines) {
    let output = Lines()
    let log = Lines()
    let server = try BinaryRunner.start(
      ["serve", "--listen", "127.0.0.1:0", "--events-poll", "600", "--store", url], output: output.pipe,
      errors: log.pipe)
    let first = output.next() ?? ""
    return (server, String(first.dropFirst("listening on ".count)), log)
  }

  /// Whether `log` says, before it ends, that its server's listener listens (`line`); reads
  /// past the request lines and the reports of a lost connection.
  func says(_ log: Lines, _ line: String) -> Bool {
    while let next = log.next() {
      if next == "dcmc: " + line { return true }
    }
    return false
  }

  /// The answers of `requests` (method, path, token, body) sent in order; `nil` without python3.
  func send(_ requests: [[String: Any?]], to base: String) throws -> [[String: Any]]? {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    return try HTTPRequests.send(requests, to: base, through: directory.url.appendingPathComponent("requests.json"))
  }

  func token(_ output: BinaryRunner.Output) -> String {
    let json = try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
    return json?["token"] as? String ?? ""
  }

  /// The process ids of the backends listening on dcmc's channel.
  func listeners(_ observer: PostgresConnection) throws -> [Int] {
    let rows = try observer.query(
      "SELECT pid FROM pg_stat_activity WHERE query = $1 AND datname = current_database() ORDER BY pid",
      [.string("LISTEN \(PostgresEventListener.channel)")])
    return rows.rows.indices.compactMap { rows.int($0, 0) }
  }

  @Test func anOfferMadeThroughOneServerIsStreamedAtOnceByTheOther() throws {
    guard let python = SearchPath.executable(named: "python3") else { return }
    let store = try RepositoryKind.postgres.make()
    defer { store.remove() }
    let url = try #require(store.databaseURL)
    #expect(try dcmc(["deploy", "definitions"], url).status == 0)
    let gary = token(try dcmc(["token", "create", "gary", "--json"], url))
    let tina = token(try dcmc(["token", "create", "tina", "--json"], url))
    let (a, baseA, logA) = try serve(url)
    defer { if a.isRunning { a.terminate() } }
    let (b, baseB, logB) = try serve(url)
    defer { if b.isRunning { b.terminate() } }
    // Every wait below reads a server's output, which ends when the server does: past the
    // deadline both are stopped, so no wait outlasts it.
    let deadline = DispatchWorkItem {
      a.terminate()
      b.terminate()
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + 300, execute: deadline)
    defer { deadline.cancel() }
    let observer = try PostgresConnection(url: url)
    // Both listen before anything is changed: each says so once its LISTEN succeeded.
    try #require(says(logA, PostgresEventListener.listening) && says(logB, PostgresEventListener.listening))
    #expect(try listeners(observer).count == 2)

    let lines = Lines()
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: python)
    reader.arguments = [
      BinaryRunner.repositoryRoot.appendingPathComponent(".ci/sse_events.py").path, baseB, gary, "3", "\(Int(Self.prompt) * 3)",
    ]
    reader.standardOutput = lines.pipe
    try reader.run()
    defer { if reader.isRunning { reader.terminate() } }
    #expect(lines.next() == "connected")

    let fields = try String(
      contentsOf: BinaryRunner.repositoryRoot.appendingPathComponent("samples/fields/finance.json"), encoding: .utf8)
    var started = Date()
    _ = try send(
      [
        ["method": "POST", "path": "/api/v1/presence", "token": gary, "body": #"{"state": "ready"}"#],
        ["method": "POST", "path": "/api/v1/cases", "token": tina, "body": #"{"type": "finance", "fields": \#(fields)}"#],
      ], to: baseA)
    var seen: [String: [String: Any]] = [:]
    while seen["offer.created"] == nil, let event = Self.event(lines) { seen[event["event"] as? String ?? ""] = event }
    #expect(Set(seen.keys) == ["presence.changed", "offer.created"])
    #expect(Date().timeIntervalSince(started) < Self.prompt, "B's stream waited for its poll")

    // B's listening connection is cut: it listens again, and the next change is as prompt.
    let before = try listeners(observer)
    try observer.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1 AND datname = current_database()",
      [.string("LISTEN \(PostgresEventListener.channel)")])
    try #require(
      says(logA, PostgresEventListener.listeningAgain) && says(logB, PostgresEventListener.listeningAgain),
      "a server did not listen again")
    #expect(try listeners(observer).filter { !before.contains($0) }.count == 2)
    let offer = try #require((seen["offer.created"]?["data"] as? [String: Any])?["id"] as? String)
    started = Date()
    let accepted = try send([["method": "POST", "path": "/api/v1/tasks/\(offer)/accept", "token": gary]], to: baseA)
    #expect(accepted?.first?["status"] as? Int == 200)
    let assigned = Self.event(lines)
    #expect(assigned?["event"] as? String == "task.assigned")
    #expect(Date().timeIntervalSince(started) < Self.prompt, "B's stream waited for its poll after the reconnection")
    reader.waitUntilExit()

    // SIGTERM stops both promptly, the listeners with them.
    a.terminate()
    b.terminate()
    a.waitUntilExit()
    b.waitUntilExit()
    #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
    // Each server closed its connection before it exited; its backend then ends on its own
    // time (PostgreSQL reads the closing message after the client is gone), so the row of a
    // backend still ending may be listed for a moment: waited for on the server, bounded (5 s).
    var left = try listeners(observer)
    for _ in 0..<200 where !left.isEmpty {
      _ = try observer.query("SELECT pg_sleep(0.025)")
      left = try listeners(observer)
    }
    #expect(left.isEmpty)
  }
}
