import DCMCApplication
import Dispatch
import Foundation
import Synchronization
import Testing
import _DCMCTestSupport

@testable import DCMCPostgres

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A statement past its answer's deadline is cancelled without the cancel holding the command
/// (docs/postgres.md, "Failover"): libpq 15's `PQcancel` has no time-out, so it runs on a thread
/// of its own waited for at most a grace (`CancelRequests`). No cluster needed: the silent
/// server of `PostgresConnectWaitTests` answers the start-up and then nothing, and the cancel
/// request, which connects to the same socket, waits in its backlog unanswered.
@Suite struct PostgresCancelTests {
  typealias SilentServer = PostgresConnectWaitTests.SilentServer

  /// The first bytes of a cancel request: its length, 16, and its code, 80877102.
  static let cancelRequestStart: [UInt8] = [0, 0, 0, 16, 0x04, 0xD2, 0x16, 0x2E]

  /// Reads the cancel request waiting on `server` within `milliseconds`, then closes its
  /// connection (which ends the request's thread): its first 8 bytes, or `nil` when none came.
  static func cancelRequest(on server: SilentServer, within milliseconds: Int32) -> [UInt8]? {
    guard server.connected(within: milliseconds) else { return nil }
    let client = accept(server.socket, nil, nil)
    guard client >= 0 else { return nil }
    defer { close(client) }
    return SilentServer.read(16, from: client, within: milliseconds).map { Array($0.prefix(8)) }
  }

  /// The session's first statement goes unanswered, and so does the cancel: the connection
  /// fails at the answer's deadline plus the grace, saying so (before, it waited in `PQcancel`
  /// until the server closed: for ever).
  @Test func aStatementAndItsCancelUnansweredFailWithinTheDeadlineAndTheGrace() throws {
    let server = try SilentServer()
    let url = "postgresql://dcmc@127.0.0.1:\(server.port)/dcmc?sslmode=disable&gssencmode=disable"
    let failure = Mutex<String?>(nil)
    let ended = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      do throws(PostgresError) {
        _ = try PostgresConnection(
          url: url, settings: PostgresSettings(answerTimeoutMilliseconds: 1_000, cancelGraceMilliseconds: 500))
        failure.withLock { $0 = "connected" }
      } catch {
        failure.withLock { $0 = error.description }
      }
      ended.signal()
    }
    let client = try #require(server.answerStartUp(within: 20_000))
    defer { close(client) }
    // The session's settings, sent: their answer's deadline runs from now on.
    #expect(SilentServer.read(5, from: client, within: 20_000) != nil)
    let started = PostgresConnectWaitTests.milliseconds()
    #expect(ended.wait(timeout: .now() + 20) == .success, "the connection did not give up")
    let waited = PostgresConnectWaitTests.milliseconds() - started
    let message = failure.withLock { $0 } ?? ""
    #expect(message.hasPrefix("postgresql: no answer within 1 s"), "\(message)")
    #expect(
      message.contains(
        "the cancel request went unanswered within 500 ms too, the connection dropped; the outcome is unknown"),
      "\(message)")
    #expect(waited < 1_000 + 500 + 3_000, "\(waited) ms")
    // The cancel request was sent to the server: the next connection on its socket.
    #expect(Self.cancelRequest(on: server, within: 10_000) == Self.cancelRequestStart)
  }

  /// `dcmc case create` on `server`'s store, started with `environment` and the signals
  /// `blocking` names blocked, and the server's side of its connection once its first
  /// statement was sent (`nil` when none came within 20 s): the command awaits its answer.
  static func createAwaitingAnswer(
    from server: SilentServer, environment: [String: String], output: Pipe, errors: Pipe,
    blocking: [Int32] = []
  ) throws -> (Process, Int32?) {
    let url = "postgresql://dcmc@127.0.0.1:\(server.port)/dcmc?sslmode=disable&gssencmode=disable"
    let process = try BinaryRunner.start(
      ["case", "create", "technical", "--fields", "samples/fields/technical.json", "--as", "alice", "--store", url],
      environment: environment, output: output, errors: errors, blocking: blocking)
    let client = server.answerStartUp(within: 20_000)
    guard let client, SilentServer.read(5, from: client, within: 20_000) != nil else {
      client.map { _ = close($0) }
      return (process, nil)
    }
    return (process, client)
  }

  /// `dcmc` on a store whose server never answers a statement: exit 2 within its
  /// `DCM_COMMIT_TIMEOUT` and the grace, one line saying so, nothing on standard output.
  @Test func aCommandOnAServerThatNeverAnswersExits2WithinItsDeadlineAndTheGrace() throws {
    let server = try SilentServer()
    let output = Pipe()
    let errors = Pipe()
    let (process, client) = try Self.createAwaitingAnswer(
      from: server, environment: ["DCM_COMMIT_TIMEOUT": "1"], output: output, errors: errors)
    defer { client.map { _ = close($0) } }
    #expect(client != nil, "a statement was sent")
    let started = PostgresConnectWaitTests.milliseconds()
    let ended = BinaryRunner.exits(process, within: 20)
    let waited = PostgresConnectWaitTests.milliseconds() - started
    #expect(ended, "the command hung")
    #expect(waited < 1_000 + 2_000 + 3_000, "\(waited) ms")
    #expect(process.terminationStatus == 2)
    let stdout = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(stdout.isEmpty, "nothing acknowledged: \(stdout)")
    #expect(stderr.split(separator: "\n").count == 1, "\(stderr)")
    #expect(stderr.hasPrefix("dcmc: postgresql: no answer within 1 s"), "\(stderr)")
    #expect(stderr.contains("the cancel request went unanswered within 2000 ms too"), "\(stderr)")
    #expect(Self.cancelRequest(on: server, within: 10_000) == Self.cancelRequestStart)
  }

  /// `dcmc` waiting for a statement's answer from a server that never gives it, started with
  /// SIGTERM blocked as a parent may leave it, and with a deadline far off (60 s): SIGTERM
  /// ends it at once (before, it waited for its deadline and the grace), nothing printed; its
  /// transaction, never committed, is the server's to roll back as its connection closes.
  @Test func aCommandWaitingForASilentServerEndsOnSIGTERM() throws {
    let server = try SilentServer()
    let output = Pipe()
    let (process, client) = try Self.createAwaitingAnswer(
      from: server, environment: ["DCM_COMMIT_TIMEOUT": "60"], output: output, errors: Pipe(), blocking: [SIGTERM])
    defer { client.map { _ = close($0) } }
    #expect(client != nil, "a statement was sent")
    let started = PostgresConnectWaitTests.milliseconds()
    kill(process.processIdentifier, SIGTERM)
    let ended = BinaryRunner.exits(process, within: 20)
    let waited = PostgresConnectWaitTests.milliseconds() - started
    #expect(ended, "the command ignored SIGTERM")
    #expect(waited < 2_000 + 3_000, "\(waited) ms")
    #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
    #expect(output.fileHandleForReading.readDataToEndOfFile().isEmpty, "nothing acknowledged")
  }

  /// A request that keeps its thread past the grace is `unanswered`; while it runs, a limit of
  /// one sends no other (released unrun); a thread that cannot start sends nothing.
  @Test func aCancelRequestIsWaitedForAtMostTheGraceAndTheirThreadsAreBounded() {
    let requests = CancelRequests(limit: 1)
    let sent = requests.send(graceMilliseconds: 10_000, threads: .system) { nil }
    let failed = requests.send(graceMilliseconds: 10_000, threads: .system) { "refused" }
    #expect(sent == .sent)
    #expect(failed == .failed("refused"))
    let release = DispatchSemaphore(value: 0)
    let started = PostgresConnectWaitTests.milliseconds()
    let held = requests.send(graceMilliseconds: 200, threads: .system) {
      _ = release.wait(timeout: .now() + 30)
      return nil
    }
    let waited = PostgresConnectWaitTests.milliseconds() - started
    #expect(held == .unanswered)
    #expect(waited < 5_000, "\(waited) ms")
    #expect(requests.running == 1)
    let ran = Ran()
    weak var released: Kept?
    let refused: CancelRequests.Outcome
    do {
      let kept = Kept()
      released = kept
      refused = requests.send(graceMilliseconds: 10_000, threads: .system) { [kept] in
        ran.value.store(true, ordering: .sequentiallyConsistent)
        return kept.name
      }
    }
    release.signal()
    #expect(refused == .notSent("1 cancel requests already wait for their servers"))
    let failing = CancelRequests(limit: 1)
    let unstarted = failing.send(graceMilliseconds: 10_000, threads: .failing()) { nil }
    let reason = "cannot start the thread 'dcmc-cancel': \(String(cString: strerror(EAGAIN)))"
    #expect(unstarted == .notSent(reason))
    #expect(failing.running == 0)
    let wasRun = ran.value.load(ordering: .sequentiallyConsistent)
    #expect(!wasRun)
    #expect(released == nil, "a request not sent is released at once")
  }

  /// What a request holds (its `PGcancel`, in the connection's).
  final class Kept: Sendable {
    let name = "kept"
  }

  final class Ran: Sendable {
    let value = Atomic<Bool>(false)
  }
}
