import DCMCApplication
import Synchronization

/// The threads that do the requests' work (`HTTPDaemon`): libmicrohttpd's threads read a
/// request, suspend its connection and hand the request here; any free worker takes it, so a
/// request never waits behind another one that happens to share its connection's thread. At
/// most `queueLimit` requests wait beyond the free workers (started and not running a job,
/// whether or not they are already waiting for one): `submit` refuses the next one (the daemon
/// answers it 503 with `Retry-After`), and the queue never grows without limit.
///
/// A request is handed straight to a worker that sleeps waiting for one (the one that went to
/// sleep last), woken alone once the queue's lock is let go, and it finds the request in its
/// own `Handoff` without taking that lock again; only when none sleeps is the request queued,
/// for the next worker that finishes or starts.
///
/// `stop` refuses new requests, lets the workers finish every request already taken (running,
/// or queued and not yet running: each was accepted, so each is run and answered), then joins
/// them.
final class RequestWorkers: Sendable {
  typealias Job = @Sendable () -> Void

  struct Queue {
    /// The jobs no worker took yet, oldest first.
    var jobs: [Job] = []
    /// The workers asleep waiting for a job, the last to sleep last: each is given its next
    /// job (or `nil`: stop) through its own handoff.
    var sleeping: [Handoff<Job?>] = []
    /// Workers started, and those running a job: the others are free, waiting for a job or
    /// about to (just started, or between two jobs), and take the next one queued.
    var workers = 0
    var running = 0
    var closed = false
  }

  let queueLimit: Int
  private let queue = Mutex(Queue())
  private let threads: Mutex<[NamedThread]> = Mutex([])
  /// Told each time a job is queued (a test's barrier: the job is then the workers' to run).
  private let queued: @Sendable () -> Void

  init(queueLimit: Int, queued: @escaping @Sendable () -> Void = {}) {
    self.queueLimit = max(queueLimit, 0)
    self.queued = queued
  }

  /// The workers asleep waiting for a job (for the tests).
  var sleepingWorkers: Int { queue.withLock { $0.sleeping.count } }

  /// Starts `count` workers named `dcmc-work-N` through `starter`. When one cannot be made,
  /// the ones made are stopped and the error says why.
  func start(_ count: Int, _ starter: ThreadStarter) throws(NamedThreadError) {
    for number in 1...max(count, 1) {
      do throws(NamedThreadError) {
        // Counted free from its start: it takes a job queued before it first waits.
        queue.withLock { $0.workers += 1 }
        let thread = try starter.start(named: "dcmc-work-\(number)") { [self] in work() }
        threads.withLock { $0.append(thread) }
      } catch {
        stop()
        throw error
      }
    }
  }

  /// Gives `job` to a sleeping worker, else queues it for the next free one; `false` when the
  /// workers are stopping, or when every worker is running a job and `queueLimit` requests
  /// already wait.
  func submit(_ job: @escaping Job) -> Bool {
    let (taken, worker) = queue.withLock { (held: inout Queue) -> (Bool, Handoff<Job?>?) in
      guard !held.closed else { return (false, nil) }
      if let worker = held.sleeping.popLast() {
        held.running += 1
        return (true, worker)
      }
      guard held.jobs.count < held.workers - held.running + queueLimit else { return (false, nil) }
      held.jobs.append(job)
      return (true, nil)
    }
    worker?.give(job)
    if taken { queued() }
    return taken
  }

  /// Refuses new jobs, lets the workers run the ones queued (answered as any other: a queued
  /// job was accepted), and waits for them to end.
  func stop() {
    let sleeping = queue.withLock { (held: inout Queue) in
      held.closed = true
      defer { held.sleeping = [] }
      return held.sleeping
    }
    for worker in sleeping { worker.give(nil) }
    for thread in threads.withLock({ threads in defer { threads = [] }; return threads }) { thread.join() }
  }

  /// A worker: the next job, until the queue is closed and empty.
  private func work() {
    let handoff = Handoff<Job?>()
    var ranOne = false
    while let job = take(afterOne: ranOne, handoff) {
      job()
      ranOne = true
    }
  }

  /// The next job, counted as running: the first queued, else the one given to `handoff`
  /// while the worker sleeps; `nil` once the queue is closed and empty. The one run before
  /// (`afterOne`) is counted out first.
  private func take(afterOne: Bool, _ handoff: Handoff<Job?>) -> Job? {
    let queued = queue.withLock { (held: inout Queue) -> Job?? in
      if afterOne { held.running -= 1 }
      if !held.jobs.isEmpty {
        held.running += 1
        // At most the free workers and `queueLimit` wait: removing the first is cheap.
        return .some(held.jobs.removeFirst())
      }
      if held.closed { return .some(nil) }
      held.sleeping.append(handoff)
      return nil
    }
    // Asleep until `submit` gives a job (counted running there) or `stop` gives `nil`.
    return queued ?? handoff.take()
  }
}
