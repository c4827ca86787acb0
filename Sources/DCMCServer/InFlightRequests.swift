import DCMCApplication
import DCMCCalendar
import Synchronization

/// The requests the daemon has taken in and not yet completed (from their headers to
/// libmicrohttpd's completion), which `HTTPDaemon.stop` waits for: it sleeps until the last
/// one completes, woken by it, or until its deadline on the shell's clock, never polling.
///
/// Counting is one atomic add each way; only the completion that leaves none while a stop
/// waits takes the lock, to wake it.
final class InFlightRequests: Sendable {
  private let count = Atomic<Int>(0)
  private let draining = Atomic<Bool>(false)
  private let drained = ConditionLock<Void>(())

  /// A request's headers are in.
  func enter() { count.add(1, ordering: .sequentiallyConsistent) }

  /// A request completed: the stop waiting for the last one is woken. The lock orders the
  /// wake after the stop's last look at the count: a stop that saw one left is in its wait
  /// (which released the lock) before this takes the lock to wake it.
  func leave() {
    let left = count.subtract(1, ordering: .sequentiallyConsistent).newValue
    if left == 0, draining.load(ordering: .sequentiallyConsistent) {
      drained.withLock { $0.broadcast() }
    }
  }

  /// How many are in flight.
  var current: Int { count.load(ordering: .sequentiallyConsistent) }

  /// Waits until none is in flight, or for `seconds` on `clock`: true when none is left.
  /// `clock` decides the deadline; the waits between two looks at it last what it says is
  /// left, and end early when the last request completes. The waits that run out add up to
  /// `seconds` at most, so that a clock that does not move (a test's) bounds the stop too.
  func drain(seconds: Int, clock: () -> Instant) -> Bool {
    draining.store(true, ordering: .sequentiallyConsistent)
    let deadline = clock().adding(seconds: seconds)
    var budget = seconds
    return drained.withLock { held in
      // Bounded: each turn ends with none left, at the deadline, after a wait that ran out
      // (the budget shrinks), or woken by a completion (a spurious wake-up is rare).
      while current > 0 {
        let left = min(deadline.secondsSinceEpoch - clock().secondsSinceEpoch, budget)
        guard left > 0 else { return false }
        if held.wait(atMostMilliseconds: left * 1000) { budget -= left }
      }
      return true
    }
  }
}
