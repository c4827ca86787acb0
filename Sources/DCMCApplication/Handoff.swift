/// A value one thread gives to another that sleeps until it comes (`take`), on a lock and a
/// condition of its own (`ConditionLock`): `GroupCommit`'s follower waiting for its round's
/// answer or for the lead, a request worker waiting for its next request.
///
/// The sleeper is woken by `give` alone, after the giver let go of every lock (the handoff's
/// own is released before the wake): a thread woken while its waker still held the lock it
/// needs went straight back to sleep on that lock, one more context switch per wake. Nor does
/// the woken thread take any shared lock to read what it was given.
package final class Handoff<Value>: Sendable {
  private let slot = ConditionLock<Value?>(nil)

  package init() {}

  /// Gives `value` to the thread in `take`, or to the next `take`, and wakes it. The giver
  /// holds a reference while it wakes, so the condition outlives the wake even when the taker
  /// already returned (a late wake of a later `take` is spurious: it finds nothing and sleeps).
  package func give(_ value: Value) {
    slot.withLock { $0.value = value }
    slot.signal()
  }

  /// The value given, once `give` gave it: sleeps until then. Each value is taken once.
  package func take() -> Value {
    slot.withLock { held in
      // Bounded by the giver: each turn either finds the value or sleeps until a `give` (or a
      // spurious wake-up, after which it looks again).
      while true {
        if let value = held.value {
          held.value = nil
          return value
        }
        held.wait()
      }
    }
  }
}
