#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A mutex with one condition variable (`pthread_mutex_t`, `pthread_cond_t`), for threads
/// that wait for each other's work, which `Synchronization.Mutex` cannot do: the server's
/// draining waits for the last request in flight, and a `Handoff`'s taker for its value.
///
/// `@unchecked Sendable`: the two pthread objects are allocated once, never moved, and are
/// touched only through the pthread calls, which are safe from any thread; the protected
/// value is reached only between `lock()` and `unlock()` (`withLock`).
package final class ConditionLock<Value>: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var value: Value

  package init(_ value: Value) {
    self.value = value
    pthread_mutex_init(mutex, nil)
    var attributes = pthread_condattr_t()
    pthread_condattr_init(&attributes)
    #if canImport(Glibc)
      // `wait(atMostMilliseconds:)` on the monotonic clock: a change of the wall clock
      // neither ends it early nor holds it.
      pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
    #endif
    pthread_cond_init(condition, &attributes)
    pthread_condattr_destroy(&attributes)
  }

  /// The clock of `wait(atMostMilliseconds:)`'s deadlines, the condition's.
  private static var waitClock: clockid_t {
    #if canImport(Glibc)
      CLOCK_MONOTONIC
    #else
      CLOCK_REALTIME
    #endif
  }

  deinit {
    pthread_cond_destroy(condition)
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
    condition.deallocate()
  }

  /// Runs `body` holding the lock. `body` may call `wait` on the handle it is given, which
  /// releases the lock while it sleeps, and `broadcast`.
  package func withLock<T, E: Error>(_ body: (Held) throws(E) -> T) throws(E) -> T {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return try body(Held(owner: self))
  }

  /// The lock as its holder sees it, valid only inside `withLock`.
  package struct Held {
    fileprivate let owner: ConditionLock

    /// The protected value.
    package var value: Value {
      get { owner.value }
      nonmutating set { owner.value = newValue }
    }

    /// Releases the lock until another thread broadcasts or signals (or a spurious wake-up),
    /// then holds it again: callers check what they wait for in a loop.
    package func wait() { pthread_cond_wait(owner.condition, owner.mutex) }

    /// Releases the lock until another thread broadcasts (or a spurious wake-up), for at most
    /// `milliseconds` (on the monotonic clock), then holds it again: whether that time ran out
    /// (else it was woken). Callers check what they wait for, and their own
    /// deadline, in a loop.
    @discardableResult
    package func wait(atMostMilliseconds milliseconds: Int) -> Bool {
      var until = timespec()
      clock_gettime(ConditionLock.waitClock, &until)
      let nanoseconds = until.tv_nsec + (max(milliseconds, 0) % 1000) * 1_000_000
      until.tv_sec += max(milliseconds, 0) / 1000 + nanoseconds / 1_000_000_000
      until.tv_nsec = nanoseconds % 1_000_000_000
      return pthread_cond_timedwait(owner.condition, owner.mutex, &until) == ETIMEDOUT
    }

    /// Wakes every thread in `wait`.
    package func broadcast() { pthread_cond_broadcast(owner.condition) }
  }

  /// Wakes one thread in `wait`, called without the lock: after a change made under it, so that
  /// the woken thread does not find the lock still held and sleep again on it.
  package func signal() { pthread_cond_signal(condition) }
}
