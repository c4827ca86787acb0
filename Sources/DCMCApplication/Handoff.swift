#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A value one thread gives to another that sleeps until it comes (`take`), on a mutex and a
/// condition variable of its own: `GroupCommit`'s follower waiting for its round's answer or
/// for the lead, a request worker waiting for its next request.
///
/// The sleeper is woken by `give` alone, after the giver let go of every lock (the handoff's
/// own is released before the wake): a thread woken while its waker still held the lock it
/// needs went straight back to sleep on that lock, one more context switch per wake. Nor does
/// the woken thread take any shared lock to read what it was given.
///
/// `@unchecked Sendable`: the two pthread objects are allocated once, never moved, and are
/// touched only through the pthread calls; `value` only under `mutex`.
package final class Handoff<Value>: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var value: Value?

  package init() {
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(condition, nil)
  }

  deinit {
    pthread_cond_destroy(condition)
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
    condition.deallocate()
  }

  /// Gives `value` to the thread in `take`, or to the next `take`, and wakes it. The giver
  /// holds a reference while it wakes, so the condition outlives the wake even when the taker
  /// already returned (a late wake of a later `take` is spurious: it finds nothing and sleeps).
  package func give(_ value: Value) {
    pthread_mutex_lock(mutex)
    self.value = value
    pthread_mutex_unlock(mutex)
    pthread_cond_signal(condition)
  }

  /// The value given, once `give` gave it: sleeps until then. Each value is taken once.
  package func take() -> Value {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    // Bounded by the giver: each turn either finds the value or sleeps until a `give` (or a
    // spurious wake-up, after which it looks again).
    while true {
      if let value {
        self.value = nil
        return value
      }
      pthread_cond_wait(condition, mutex)
    }
  }
}
