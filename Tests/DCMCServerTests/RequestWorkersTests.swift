import DCMCApplication
import DCMCCalendar
import Dispatch
import Synchronization
import Testing
import _DCMCTestSupport

@testable import DCMCServer

#if canImport(Glibc)
  import Glibc
#endif

/// The requests' work runs on the daemon's workers, not on the libmicrohttpd thread that
/// polls their connection (`RequestWorkers`): with one poller, several slow requests run at
/// once; a request no worker or queue place can take is answered 503 with `Retry-After`; a
/// stop with requests in flight, running or queued, answers them and returns.
@Suite struct RequestWorkersTests {
  /// A handler that counts the requests it starts and holds each until released.
  final class Gate: Sendable {
    let started = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let running = Atomic<Int>(0)

    func handle(_ request: HTTPRequest) -> HTTPResponse {
      running.add(1, ordering: .sequentiallyConsistent)
      started.signal()
      // Bounded, so that a server that runs requests one at a time fails the test, not hangs it.
      _ = release.wait(timeout: .now() + 30)
      running.subtract(1, ordering: .sequentiallyConsistent)
      return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")], body: Array("done".utf8))
    }

    /// Waits (at most 20 s) for `count` requests to start; whether they all did.
    func awaitStarts(_ count: Int) -> Bool {
      (0..<count).allSatisfy { _ in started.wait(timeout: .now() + 20) == .success }
    }
  }

  /// A daemon on a free loopback port with one poller, `workers` workers and `queued` places;
  /// `submitted` is told of each request queued for the workers.
  func daemon(workers: Int, queued: Int, gate: Gate, submitted: DispatchSemaphore? = nil) throws -> HTTPDaemon {
    var limits = HTTPDaemon.Limits()
    limits.threads = workers
    limits.pollers = 1
    limits.queuedRequests = queued
    return try HTTPDaemon(
      host: "127.0.0.1", port: 0, limits: limits, unavailable: HTTPResponse(status: 503, headers: [], body: []),
      clock: { Instant(secondsSinceEpoch: 0) }, queued: { submitted?.signal() }, handler: gate.handle)
  }

  /// The status line and headers of a GET on `port` (a new connection, closed after),
  /// answered within 20 s; empty when none came.
  static func get(_ port: Int) -> String {
    guard let client = Loopback.connectedSocket(port, readTimeout: 20) else { return "" }
    defer { close(client) }
    let request = Array("GET /slow HTTP/1.1\r\nHost: dcmc\r\nConnection: close\r\n\r\n".utf8)
    guard send(client, request, request.count, 0) == request.count else { return "" }
    return Loopback.readToEnd(client)
  }

  /// GETs on `port` from `count` threads at once; their answers when `done` is waited for.
  /// Each client has a thread of its own: on Dispatch's global queue, whose width is the
  /// number of cores, two blocked clients on a 2-core machine kept the others from starting
  /// (the clean-clone run on 2 cores saw 2 of 4 requests arrive).
  final class Clients: Sendable {
    let answers = Mutex<[String]>([])
    let done = DispatchGroup()

    init(_ count: Int, port: Int) throws {
      for index in 0..<count {
        done.enter()
        // Not joined: each ends within its 20 s read, and the test waits on `done` instead.
        try NamedThread.start(named: "test-client-\(index)") { [self] in
          let answer = RequestWorkersTests.get(port)
          answers.withLock { $0.append(answer) }
          done.leave()
        }.detach()
      }
    }

    func wait() -> [String] {
      guard done.wait(timeout: .now() + 30) == .success else { return [] }
      return answers.withLock { $0 }
    }
  }

  @Test func slowRequestsOnOnePollerRunAtOnceOnTheWorkers() throws {
    let gate = Gate()
    let server = try daemon(workers: 4, queued: 8, gate: gate)
    defer { server.stop() }
    let clients = try Clients(4, port: server.port)
    // Without the workers the one poller would run them one after another: the second
    // would start only after the first were released.
    #expect(gate.awaitStarts(4), "four requests run at once")
    #expect(gate.running.load(ordering: .sequentiallyConsistent) == 4)
    for _ in 0..<4 { gate.release.signal() }
    let answers = clients.wait()
    #expect(answers.count == 4 && answers.allSatisfy { $0.hasPrefix("HTTP/1.1 200") && $0.hasSuffix("done") })
  }

  @Test func aRequestNoWorkerNorQueuePlaceCanTakeIsAnswered503WithRetryAfter() throws {
    let gate = Gate()
    let server = try daemon(workers: 1, queued: 0, gate: gate)
    defer { server.stop() }
    let first = try Clients(1, port: server.port)
    #expect(gate.awaitStarts(1))
    // The one worker is busy and no request may wait: refused at once, not queued.
    let refused = Self.get(server.port)
    #expect(refused.hasPrefix("HTTP/1.1 503"), "\(refused)")
    #expect(refused.lowercased().contains("retry-after: 1\r\n"), "\(refused)")
    #expect(refused.contains("\"busy\""), "\(refused)")
    gate.release.signal()
    #expect(first.wait().map { $0.hasPrefix("HTTP/1.1 200") } == [true])
    // The worker is free again: the next request is served.
    let next = try Clients(1, port: server.port)
    #expect(gate.awaitStarts(1))
    gate.release.signal()
    #expect(next.wait().map { $0.hasPrefix("HTTP/1.1 200") } == [true])
  }

  @Test func aStopWithRequestsInFlightAnswersThemAndReturns() throws {
    let gate = Gate()
    let server = try daemon(workers: 2, queued: 4, gate: gate)
    let clients = try Clients(2, port: server.port)
    #expect(gate.awaitStarts(2))
    let stopped = DispatchSemaphore(value: 0)
    let stopping = try NamedThread.start(named: "test-stop") {
      server.stop()
      stopped.signal()
    }
    defer { stopping.join() }
    // The stop waits for the two suspended requests, which their workers then answer.
    #expect(stopped.wait(timeout: .now() + 0.5) == .timedOut, "the stop waits for the requests in flight")
    for _ in 0..<2 { gate.release.signal() }
    #expect(stopped.wait(timeout: .now() + 30) == .success, "the stop returned")
    let answers = clients.wait()
    #expect(answers.count == 2 && answers.allSatisfy { $0.hasPrefix("HTTP/1.1 200") && $0.hasSuffix("done") })
  }

  /// A worker started but not yet waiting for a job (its thread not yet scheduled, as under
  /// load) is free: with no queue place, the first request is taken, not refused `busy`.
  /// Before, only the workers already waiting counted, and the first request of a new daemon
  /// could be refused (seen in `aRequestNoWorkerNorQueuePlaceCanTakeIsAnswered503WithRetryAfter`
  /// under load).
  @Test func aWorkerNotYetWaitingTakesAJobThatHasNoQueuePlace() throws {
    let begin = DispatchSemaphore(value: 0)
    // The worker's thread waits for `begin` before it first looks for a job.
    let late = ThreadStarter { name, body throws(NamedThreadError) in
      try NamedThread.start(named: name) {
        _ = begin.wait(timeout: .now() + 30)
        body()
      }
    }
    let workers = RequestWorkers(queueLimit: 0)
    try workers.start(1, late)
    let ran = DispatchSemaphore(value: 0)
    let taken = workers.submit { ran.signal() }
    let second = workers.submit { ran.signal() }
    begin.signal()
    #expect(taken, "the free worker takes it")
    #expect(!second, "the one worker has its job and no request may wait")
    #expect(ran.wait(timeout: .now() + 20) == .success)
    workers.stop()
  }

  /// A request goes to the worker that went to sleep last (its stack and caches warm), handed
  /// to it alone: requests one at a time all run on one worker of four. Before, the workers
  /// slept on one condition, which woke them in turn.
  @Test func requestsOneAtATimeRunOnTheWorkerThatSleptLast() throws {
    let workers = RequestWorkers(queueLimit: 0)
    try workers.start(4, .system)
    defer { workers.stop() }
    let ran = Mutex<[UInt]>([])
    for _ in 0..<20 {
      // Bounded: the four workers sleep within a few scheduler turns.
      for _ in 0..<1_000_000 {
        if workers.sleepingWorkers == 4 { break }
        sched_yield()
      }
      #expect(workers.sleepingWorkers == 4)
      let done = DispatchSemaphore(value: 0)
      #expect(workers.submit {
        ran.withLock { $0.append(UInt(pthread_self())) }
        done.signal()
      })
      #expect(done.wait(timeout: .now() + 20) == .success)
    }
    let threads = ran.withLock { $0 }
    #expect(threads.count == 20)
    #expect(Set(threads).count == 1, "\(Set(threads).count) workers ran them")
  }

  /// One GET on the kept-alive connection `client`: the answer's head and body (read by its
  /// `Content-Length`), `nil` when none came within 20 s.
  static func ask(_ client: Int32) -> String? {
    let request = Array("GET /probe HTTP/1.1\r\nHost: dcmc\r\n\r\n".utf8)
    guard send(client, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { return nil }
    var answer: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    // Bounded: each turn reads at least a byte, and the answer is small.
    for _ in 0..<64 {
      let end = answer.indices.dropLast(3).first { Array(answer[$0..<$0 + 4]) == Array("\r\n\r\n".utf8) }
      if let end {
        let head = String(decoding: answer[..<end], as: UTF8.self).lowercased()
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
          .flatMap { Int($0.dropFirst(15).filter { $0 != " " }) } ?? 0
        if answer.count - (end + 4) >= length { return String(decoding: answer, as: UTF8.self) }
      }
      let count = recv(client, &buffer, buffer.count, 0)
      guard count > 0 else { return nil }
      answer += buffer.prefix(count)
    }
    return nil
  }

  /// A request still queued when the stop comes (every worker busy) is run and answered as the
  /// running ones are, never dropped with its connection left waiting (docs/server.md,
  /// "Threads"). Two barriers, no pause: the daemon tells each request it queues for the
  /// workers; and a probe on a kept-alive connection, refused `busy` while the queue is full,
  /// is refused as the daemon's `unavailable` (empty) once the stop has begun.
  @Test func aStopWithARequestQueuedRunsItAndAnswersEveryConnection() throws {
    let gate = Gate()
    let submitted = DispatchSemaphore(value: 0)
    let server = try daemon(workers: 2, queued: 1, gate: gate, submitted: submitted)
    let probe = try #require(Loopback.connectedSocket(server.port, readTimeout: 20))
    defer { close(probe) }
    // One after the other, each queued if its worker is not waiting yet, then started.
    let first = try Clients(1, port: server.port)
    #expect(gate.awaitStarts(1))
    let second = try Clients(1, port: server.port)
    #expect(gate.awaitStarts(1), "both workers busy")
    let waiting = try Clients(1, port: server.port)
    // Three queued: the two running and the one that waits, no worker being free for it.
    #expect((0..<3).allSatisfy { _ in submitted.wait(timeout: .now() + 20) == .success })
    #expect(gate.running.load(ordering: .sequentiallyConsistent) == 2)
    #expect(Self.ask(probe)?.contains("\"busy\"") == true, "the queue is full")
    // A thread of its own: the clients' blocked reads may hold every thread of Dispatch's pool.
    let stopped = DispatchSemaphore(value: 0)
    let stopping = try NamedThread.start(named: "test-stop") {
      server.stop()
      stopped.signal()
    }
    defer { stopping.join() }
    // Each turn a request and its answer: `busy` until the stop has begun (bounded).
    var refusedAtStop = false
    var last: String?
    for _ in 0..<10_000 where !refusedAtStop {
      last = Self.ask(probe)
      guard let answer = last, answer.hasPrefix("HTTP/1.1 503") else { break }
      refusedAtStop = !answer.contains("\"busy\"")
    }
    #expect(refusedAtStop, "the stop began with the request still queued: \(last ?? "no answer")")
    for _ in 0..<2 { gate.release.signal() }
    // The queued request runs after the stop began, on a worker freed by the release.
    #expect(gate.awaitStarts(1), "the queued request ran")
    gate.release.signal()
    #expect(stopped.wait(timeout: .now() + 30) == .success, "the stop returned")
    let answers = first.wait() + second.wait() + waiting.wait()
    #expect(answers.count == 3 && answers.allSatisfy { $0.hasPrefix("HTTP/1.1 200") && $0.hasSuffix("done") }, "\(answers)")
  }
}
