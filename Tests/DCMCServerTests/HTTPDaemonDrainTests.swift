import DCMCCalendar
import Dispatch
import Synchronization
import Testing

@testable import DCMCServer

/// `HTTPDaemon.stop` waits for the requests in flight (`InFlightRequests`) without polling:
/// woken by the last one's completion, or at its deadline on the daemon's clock.
@Suite struct HTTPDaemonDrainTests {
  /// A clock that counts its reads and answers `seconds(read)` (read 1 is the first); `looked`
  /// is signalled at each read.
  final class CountingClock: Sendable {
    let reads = Atomic<Int>(0)
    let looked = DispatchSemaphore(value: 0)
    let seconds: @Sendable (Int) -> Int

    init(_ seconds: @escaping @Sendable (Int) -> Int) { self.seconds = seconds }

    func now() -> Instant {
      let read = reads.add(1, ordering: .sequentiallyConsistent).newValue
      looked.signal()
      return Instant(secondsSinceEpoch: seconds(read))
    }
  }

  static func milliseconds() -> Int {
    Int(DispatchTime.now().uptimeNanoseconds / 1_000_000)
  }

  /// The stop waits with 30 s left on a clock that does not move; the last request's
  /// completion ends the wait at once (a stop that polled, or slept its time out, would
  /// return 30 s later), and the clock is read once more after it, not once a slice.
  @Test func aStopReturnsAsSoonAsTheLastRequestCompletes() {
    let requests = InFlightRequests()
    requests.enter()
    requests.enter()
    let clock = CountingClock { _ in 1_000 }
    let drained = Mutex<Bool?>(nil)
    let returned = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      let none = requests.drain(seconds: 30) { clock.now() }
      drained.withLock { $0 = none }
      returned.signal()
    }
    // The deadline read, then the look before the wait, under the lock the completion takes.
    #expect((0..<2).allSatisfy { _ in clock.looked.wait(timeout: .now() + 20) == .success })
    requests.leave()
    #expect(returned.wait(timeout: .now() + 0.2) == .timedOut, "one request is still in flight")
    let started = Self.milliseconds()
    requests.leave()
    #expect(returned.wait(timeout: .now() + 10) == .success, "the stop returned")
    let waited = Self.milliseconds() - started
    #expect(drained.withLock { $0 } == true)
    #expect(waited < 10_000, "\(waited) ms")
    #expect(clock.reads.load(ordering: .sequentiallyConsistent) <= 4)
  }

  /// A request that never completes holds the stop until the deadline its clock sets, read
  /// between the waits: one second a read, a 2-second drain ends at the third read with the
  /// request still in flight, after a wait of about one second (what the clock said was left).
  @Test func aStopEndsAtItsDeadlineWithARequestStillInFlight() {
    let requests = InFlightRequests()
    requests.enter()
    let clock = CountingClock { $0 - 1 }
    let started = Self.milliseconds()
    let none = requests.drain(seconds: 2) { clock.now() }
    let waited = Self.milliseconds() - started
    #expect(!none)
    #expect(requests.current == 1)
    #expect(clock.reads.load(ordering: .sequentiallyConsistent) == 3)
    #expect(waited >= 900 && waited < 10_000, "\(waited) ms")
  }

  /// A clock that does not move still bounds the stop: the waits that ran out add up to its
  /// seconds.
  @Test func aClockThatDoesNotMoveEndsTheStopAfterItsSecondsOfWaiting() {
    let requests = InFlightRequests()
    requests.enter()
    let started = Self.milliseconds()
    let none = requests.drain(seconds: 1) { Instant(secondsSinceEpoch: 0) }
    let waited = Self.milliseconds() - started
    #expect(!none)
    #expect(waited >= 900 && waited < 10_000, "\(waited) ms")
  }
}
