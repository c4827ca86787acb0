import DCMCApplication
import Synchronization

/// The threads that do the requests' work (`HTTPDaemon`): libmicrohttpd's threads read a
/// request, suspend its connection and hand the request here; any free worker takes it, so a
/// request never waits behind another one that happens to share its connection's thread. At
/// most `queueLimit` requests wait beyond the free workers (started and not running a job,
/// whether or not they are already waiting for one): `submit` refuses the next one (the daemon
/// answers it 503 with `Retry-After`), and the queue never grows without limit.
///
/// `stop` refuses new requests, lets the workers finish every request already taken (running,
/// or queued and not yet running: each was accepted, so each is run and answered), then joins
/// them.
final class RequestWorkers: Sendable {
  struct Queue {
    /// The jobs no worker took yet, oldest first.
    var jobs: [@Sendable () -> Void] = []
    /// Workers started, and those running a job: the others are free, waiting for a job or
    /// about to (just started, or between two jobs), and take the next one queued.
    var workers = 0
    var running = 0
    var closed = false
  }

  let queueLimit: Int
  private let queue = ConditionLock(Queue())
  private let threads: Mutex<[NamedThread]> = Mutex([])
  /// Told each time a job is queued (a test's barrier: the job is then the workers' to run).
  private let queued: @Sendable () -> Void

  init(queueLimit: Int, queued: @escaping @Sendable () -> Void = {}) {
    self.queueLimit = max(queueLimit, 0)
    self.queued = queued
  }

  /// Starts `count` workers named `dcmc-work-N` through `starter`. When one cannot be made,
  /// the ones made are stopped and the error says why.
  func start(_ count: Int, _ starter: ThreadStarter) throws(NamedThreadError) {
    for number in 1...max(count, 1) {
      do throws(NamedThreadError) {
        // Counted free from its start: it takes a job queued before it first waits.
        queue.withLock { $0.value.workers += 1 }
        let thread = try starter.start(named: "dcmc-work-\(number)") { [self] in work() }
        threads.withLock { $0.append(thread) }
      } catch {
        stop()
        throw error
      }
    }
  }

  /// Queues `job` for the next free worker; `false` when the workers are stopping, or when
  /// every worker is running a job and `queueLimit` requests already wait.
  func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
    let taken = queue.withLock { held in
      let free = held.value.workers - held.value.running
      guard !held.value.closed, held.value.jobs.count < free + queueLimit else { return false }
      held.value.jobs.append(job)
      held.signal()
      return true
    }
    if taken { queued() }
    return taken
  }

  /// Refuses new jobs, lets the workers run the ones queued (answered as any other: a queued
  /// job was accepted), and waits for them to end.
  func stop() {
    queue.withLock { held in
      held.value.closed = true
      held.broadcast()
    }
    for thread in threads.withLock({ threads in defer { threads = [] }; return threads }) { thread.join() }
  }

  /// A worker: the next job, until the queue is closed and empty.
  private func work() {
    var ranOne = false
    while let job = take(afterOne: ranOne) {
      job()
      ranOne = true
    }
  }

  /// The next job, counted as running; the one run before (`afterOne`) counted out first.
  private func take(afterOne: Bool) -> (@Sendable () -> Void)? {
    queue.withLock { held in
      if afterOne { held.value.running -= 1 }
      // Bounded: each turn either takes a job, ends, or waits for a `signal` that comes with a
      // job or the close.
      while held.value.jobs.isEmpty {
        if held.value.closed { return nil }
        held.wait()
      }
      held.value.running += 1
      // At most the free workers and `queueLimit` wait: removing the first is cheap.
      return held.value.jobs.removeFirst()
    }
  }
}
