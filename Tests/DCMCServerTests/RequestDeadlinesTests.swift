import Synchronization
import Testing

@testable import DCMCServer

#if canImport(Glibc)
  import Glibc
#endif

/// The header and body deadlines on a test's monotonic clock: which connections the watchdog
/// cuts, and that a cut shuts the socket down.
@Suite struct RequestDeadlinesTests {
  /// A clock the test moves, in nanoseconds.
  final class TestClock: Sendable {
    let nanoseconds = Atomic<Int>(0)
    func advance(seconds: Double) { nanoseconds.add(Int(seconds * 1e9), ordering: .sequentiallyConsistent) }
    func read() -> Int { nanoseconds.load(ordering: .sequentiallyConsistent) }
  }

  /// A connected pair of sockets: the server's end and the client's.
  func socketPair() throws -> (Int32, Int32) {
    var ends: [Int32] = [0, 0]
    try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
    return (ends[0], ends[1])
  }

  @Test func headersAreDueWithinTheDeadlineFromTheConnection() throws {
    let clock = TestClock()
    let deadlines = RequestDeadlines(seconds: 10, bytesPerSecond: 1024, now: clock.read)
    let (server, client) = try socketPair()
    defer { close(server); close(client) }
    deadlines.arm(server, started: true)
    clock.advance(seconds: 9.9)
    #expect(deadlines.cutOverdue() == 0)
    clock.advance(seconds: 0.1)
    #expect(deadlines.cutOverdue() == 1)
    // The client sees its connection end.
    var byte: UInt8 = 0
    #expect(read(client, &byte, 1) == 0)
    // Cut once: the connection is not cut again while libmicrohttpd closes it.
    clock.advance(seconds: 60)
    #expect(deadlines.cutOverdue() == 0)
  }

  @Test func aBodyTrickledAByteASecondIsCutAtTheDeadlineAfterItsHeaders() {
    let clock = TestClock()
    let deadlines = RequestDeadlines(seconds: 10, bytesPerSecond: 1024, now: clock.read)
    deadlines.arm(-1, started: true)
    clock.advance(seconds: 3)
    deadlines.headersIn(-1)
    for _ in 0..<9 {
      clock.advance(seconds: 1)
      deadlines.received(-1, 1)
    }
    #expect(deadlines.cutOverdue() == 0)
    clock.advance(seconds: 1)
    deadlines.received(-1, 1)
    // 13 s from the connection, 10 s and ten bytes (10/1024 of a second) after the headers.
    clock.advance(seconds: 0.01)
    #expect(deadlines.cutOverdue() == 1)
  }

  @Test func aBodyAtTheRateIsNeverCutAndAWholeRequestHasNoDeadlineWhileAnswered() {
    let clock = TestClock()
    let deadlines = RequestDeadlines(seconds: 10, bytesPerSecond: 1024, now: clock.read)
    deadlines.arm(7, started: true)
    deadlines.headersIn(7)
    // 100 KiB at exactly 1 KiB a second, in 100 chunks: 100 s, never overdue.
    for _ in 0..<100 {
      clock.advance(seconds: 1)
      deadlines.received(7, 1024)
      #expect(deadlines.cutOverdue() == 0)
    }
    deadlines.disarm(7)
    clock.advance(seconds: 3600)
    #expect(deadlines.cutOverdue() == 0)
    // Answered: the next request's headers are due again.
    deadlines.arm(7, started: false)
    clock.advance(seconds: 10)
    #expect(deadlines.cutOverdue() == 1)
  }

  @Test func aClosedConnectionIsForgottenAndNotArmedAgain() {
    let clock = TestClock()
    let deadlines = RequestDeadlines(seconds: 1, bytesPerSecond: 1, now: clock.read)
    deadlines.arm(9, started: true)
    deadlines.forget(9)
    deadlines.arm(9, started: false)
    deadlines.headersIn(9)
    deadlines.received(9, Int.max)
    clock.advance(seconds: 5)
    #expect(deadlines.cutOverdue() == 0)
  }
}
