import Dispatch
import Synchronization
import Testing

@testable import DCMCApplication

/// `Handoff`: a value given to a thread that sleeps until it comes, given before or after the
/// thread sleeps, each taken once, in turn between two threads many times over.
@Suite struct HandoffTests {
  @Test func aValueGivenBeforeTheTakeIsTakenAtOnceAndOnlyOnce() {
    let handoff = Handoff<Int>()
    handoff.give(7)
    #expect(handoff.take() == 7)
    handoff.give(8)
    #expect(handoff.take() == 8)
  }

  /// Two threads pass a number back and forth through two handoffs, each taking what the other
  /// gave: every value arrives, in order, whichever thread sleeps first.
  @Test func twoThreadsInTurnEachTakeWhatTheOtherGave() {
    let there = Handoff<Int>()
    let back = Handoff<Int>()
    let rounds = 2_000
    let finished = DispatchSemaphore(value: 0)
    let seen = Mutex<[Int]>([])
    DispatchQueue.global().async {
      for _ in 0..<rounds {
        let value = there.take()
        seen.withLock { $0.append(value) }
        back.give(value + 1)
      }
      finished.signal()
    }
    var value = 0
    for _ in 0..<rounds {
      there.give(value)
      value = back.take()
    }
    #expect(finished.wait(timeout: .now() + 30) == .success)
    #expect(value == rounds)
    #expect(seen.withLock { $0 } == Array(0..<rounds))
  }
}
