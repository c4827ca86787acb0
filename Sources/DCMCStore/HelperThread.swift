import DCMCApplication
import Synchronization

/// A second thread for the write lock's holder (a group commit's leader): the part of a batch's
/// work under the lock that does not depend on the rest (the index entries of some of the
/// indexes, `insertEntries`) runs on it while the holder does the rest, so a round's serial
/// section uses the CPU the other requests leave idle (every one of them is in the round or
/// prepared and queued for the next).
///
/// One long-lived thread per repository (shared by its copies, like `HeldFactsFiles`), made
/// the first time it is asked for, handed each job through a `Handoff`: no thread is made per
/// round. When it cannot be made (`ThreadStarter` fails), or another caller is using it, the
/// caller does the job itself: nothing waits for a thread that is not there, nor for one not
/// yet scheduled (the caller takes back a job the thread has not begun, `run`), so the caller's
/// wait for an answer is bounded by the work of a job the thread already runs.
/// (`package`: `StoreBenchmark` measures its round trip, what sets `splitEntries`.)
package final class HelperThread: Sendable {
  private enum Job {
    case run(@Sendable () -> Void)
    case stop
  }

  private enum State {
    case notStarted
    /// `busy`: a caller is in `run`; another runs its job itself.
    case running(NamedThread, busy: Bool)
    /// The thread could not be made: callers do their jobs themselves from then on.
    case unavailable
  }

  private let starter: ThreadStarter
  private let jobs = Handoff<Job>()
  private let state = Mutex(State.notStarted)
  /// How many jobs the thread ran: what shows that a caller's work was split.
  private let ran = Atomic(0)

  package init(starter: ThreadStarter = .system) {
    self.starter = starter
  }

  deinit {
    guard case .running(let thread, _) = state.withLock({ $0 }) else { return }
    jobs.give(.stop)
    thread.join()
  }

  /// How many jobs ran on the thread (not on their callers, nor taken back by them).
  package var jobsRun: Int { ran.load(ordering: .relaxed) }

  /// `theirs` on the thread while `mine` runs on the caller; returns both answers once both
  /// ended. Whoever comes to `theirs` first runs it: the thread when it wakes while `mine` runs,
  /// else the caller after `mine` (the thread, woken late on a busy machine, then skips it), so
  /// the caller never waits for the thread to be scheduled, only for a job it already began;
  /// and runs it itself when the thread is not to be had. Neither may throw or leave work
  /// running: whatever one does has ended when this returns, so the caller can undo both.
  package func run<Answer: Sendable>(_ theirs: @escaping @Sendable () -> Answer, alongside mine: () -> Answer)
    -> (mine: Answer, theirs: Answer)
  {
    guard claim() else { return (mine(), theirs()) }
    defer { release() }
    // The job holds the answer's handoff and its claim, never this object: its last reference
    // is never dropped on the thread, whose `deinit` would wait for the thread itself.
    let answer = Handoff<Answer>()
    let taken = Claim()
    jobs.give(
      .run {
        if taken.take() { answer.give(theirs()) }
      })
    let own = mine()
    guard !taken.take() else { return (own, theirs()) }
    let others = answer.take()
    ran.add(1, ordering: .relaxed)
    return (own, others)
  }

  /// Who runs a job: the first to `take` it.
  private final class Claim: Sendable {
    private let taken = Atomic(false)

    /// true for the first caller only.
    func take() -> Bool { !taken.exchange(true, ordering: .acquiringAndReleasing) }
  }

  /// Takes the thread for one job, starting it the first time: false when it cannot be made or
  /// is busy with another caller's job.
  private func claim() -> Bool {
    state.withLock { state in
      switch state {
      case .running(let thread, busy: false):
        state = .running(thread, busy: true)
        return true
      case .running, .unavailable:
        return false
      case .notStarted:
        // The thread holds the handoff, never this object, so `deinit` runs and stops it.
        let jobs = jobs
        do {
          let thread = try starter.start(named: "dcmc-store-2") {
            // Bounded by `deinit`'s `stop`: each turn runs one job given.
            while case .run(let job) = jobs.take() { job() }
          }
          state = .running(thread, busy: true)
          return true
        } catch {
          state = .unavailable
          return false
        }
      }
    }
  }

  private func release() {
    state.withLock { state in
      if case .running(let thread, _) = state { state = .running(thread, busy: false) }
    }
  }
}
