import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc serve`'s offers and Server-Sent Events on the built binary, and the whole API against
/// its own description (schemathesis, pinned in `.ci/api_conformance.py`): loopback only, each
/// wait bounded.
@Suite(.serialized) struct ServeEventsTests {
  let serve = ServeCommandTests()

  typealias Lines = OutputLines

  /// `dcmc serve` on a free loopback port over the store in `directory`, and its URL.
  func start(in directory: TemporaryDirectory, _ extra: [String] = []) throws -> (Process, String) {
    let output = Pipe()
    let server = try BinaryRunner.start(
      ["serve", "--listen", "127.0.0.1:0", "--store", directory.url.appendingPathComponent("store").path] + extra,
      output: output)
    return (server, String(serve.firstLine(of: output).dropFirst("listening on ".count)))
  }

  /// `.ci/sse_events.py` reading `token`'s events (at most `count`, for at most 30 seconds);
  /// `nil` without python3.
  func reader(_ base: String, _ token: String, count: Int, lastEventID: String? = nil) throws -> (Process, Lines)? {
    guard let python = SearchPath.executable(named: "python3") else { return nil }
    let lines = Lines()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments =
      [BinaryRunner.repositoryRoot.appendingPathComponent(".ci/sse_events.py").path, base, token, "\(count)", "30"]
      + (lastEventID.map { [$0] } ?? [])
    process.standardOutput = lines.pipe
    try process.run()
    return (process, lines)
  }

  /// The events a reader printed until `stop` says enough (or its output ended).
  func events(_ lines: Lines, until stop: ([[String: Any]]) -> Bool = { _ in false }) -> [[String: Any]] {
    var events: [[String: Any]] = []
    while let line = lines.next(), !line.hasPrefix("end") {
      guard let event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
      events.append(event)
      if stop(events) { break }
    }
    return events
  }

  @Test func anOfferIsStreamedAcceptedAndResumedAndTheStreamEndsOnSIGTERM() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try serve.dcmc(["deploy", "definitions"], in: directory).status == 0)
    let gary = serve.token(try serve.dcmc(["token", "create", "gary", "--json"], in: directory))
    let tina = serve.token(try serve.dcmc(["token", "create", "tina", "--json"], in: directory))
    let (server, base) = try start(in: directory)
    defer { if server.isRunning { server.terminate() } }
    guard let (first, lines) = try reader(base, gary, count: 3) else { return }  // no python3 here
    #expect(lines.next() == "connected")
    let fields = try String(
      contentsOf: BinaryRunner.repositoryRoot.appendingPathComponent("samples/fields/finance.json"), encoding: .utf8)
    _ = try serve.send(
      [
        ["method": "POST", "path": "/api/v1/presence", "token": gary, "body": #"{"state": "ready"}"#],
        ["method": "POST", "path": "/api/v1/cases", "token": tina, "body": #"{"type": "finance", "fields": \#(fields)}"#],
      ], to: base, in: directory)
    var seen = events(lines) { $0.contains { $0["event"] as? String == "offer.created" } }
    let offers = try serve.send(
      [
        ["method": "GET", "path": "/api/v1/offers", "token": gary],
        ["method": "POST", "path": "/api/v1/tasks/FIN-2026-000001.1/accept", "token": gary],
      ], to: base, in: directory)
    #expect(offers?.map { $0["status"] as? Int } == [200, 200])
    seen += events(lines)
    first.waitUntilExit()
    #expect(Set(seen.compactMap { $0["event"] as? String }) == ["offer.created", "presence.changed", "task.assigned"])
    #expect(seen.last?["event"] as? String == "task.assigned")
    let ids = seen.compactMap { $0["id"] as? String }
    #expect(Set(ids).count == 3)

    // A client that saw only the first event is sent the other two when it reconnects.
    guard let (resumed, resumedLines) = try reader(base, gary, count: 2, lastEventID: ids.first) else { return }
    #expect(resumedLines.next() == "connected")
    #expect(events(resumedLines).compactMap { $0["id"] as? String } == Array(ids.dropFirst()))
    resumed.waitUntilExit()

    // SIGTERM ends an open stream, and the server exits clean.
    guard let (open, openLines) = try reader(base, gary, count: 10) else { return }
    #expect(openLines.next() == "connected")
    server.terminate()
    server.waitUntilExit()
    #expect(openLines.next() == "end closed")
    open.waitUntilExit()
    #expect(server.terminationStatus == 0)
    try serve.dcmc(["store", "verify"], in: directory)
      .expectVerified(directory.url.appendingPathComponent("store").path)
  }

  /// The server's own changes reach a stream as they are made, each one: with the poll an
  /// hour away, `ready`, an offer and its decline (within a fraction of a second) are all three
  /// sent, in order. Before 7 December 2026 the offer's two events depended on a poll falling
  /// between them, and nothing was sent before the next poll.
  @Test func anOfferMadeAndDeclinedIsSentAsBothWithoutWaitingForAPoll() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try serve.dcmc(["deploy", "definitions"], in: directory).status == 0)
    let gary = serve.token(try serve.dcmc(["token", "create", "gary", "--json"], in: directory))
    let tina = serve.token(try serve.dcmc(["token", "create", "tina", "--json"], in: directory))
    let (server, base) = try start(in: directory, ["--events-poll", "3600"])
    defer { if server.isRunning { server.terminate() } }
    guard let (reading, lines) = try reader(base, gary, count: 3) else { return }  // no python3 here
    #expect(lines.next() == "connected")
    let fields = try String(
      contentsOf: BinaryRunner.repositoryRoot.appendingPathComponent("samples/fields/finance.json"), encoding: .utf8)
    let answers = try serve.send(
      [
        ["method": "POST", "path": "/api/v1/presence", "token": gary, "body": #"{"state": "ready"}"#],
        ["method": "POST", "path": "/api/v1/cases", "token": tina, "body": #"{"type": "finance", "fields": \#(fields)}"#],
        ["method": "POST", "path": "/api/v1/tasks/FIN-2026-000001.1/decline", "token": gary, "body": #"{"reason": "busy"}"#],
      ], to: base, in: directory)
    #expect(answers?.map { $0["status"] as? Int } == [200, 201, 200])
    let seen = events(lines)
    reading.waitUntilExit()
    #expect(seen.compactMap { $0["event"] as? String } == ["presence.changed", "offer.created", "offer.withdrawn"])
    server.terminate()
    server.waitUntilExit()
    #expect(server.terminationStatus == 0)
  }

  @Test func theAPIAnswersAsItsDescriptionSaysUnderSchemathesis() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try serve.dcmc(["deploy", "definitions"], in: directory).status == 0)
    let sam = serve.token(try serve.dcmc(["token", "create", "sam", "--json"], in: directory))
    let created = try serve.dcmc(
      ["case", "create", "technical", "--fields", "samples/fields/technical.json", "--as", "alice"], in: directory)
    #expect(created.status == 0, "\(created.stderr)")
    let (server, base) = try start(in: directory)
    defer { if server.isRunning { server.terminate() } }
    let run = try PythonScript.run("api_conformance.py", [base, sam])
    server.terminate()
    server.waitUntilExit()
    guard let (status, report) = run else { return }  // no python3 here
    #expect(status == 0, "\(report)")
    #expect(report.contains("passed"))
    try serve.dcmc(["store", "verify"], in: directory)
      .expectVerified(directory.url.appendingPathComponent("store").path)
  }
}
