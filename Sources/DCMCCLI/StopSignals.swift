#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// SIGINT and SIGTERM, the signals that stop dcmc.
///
/// A process inherits its signal mask from the one that started it, through `exec`: a
/// parent that blocked these signals in the thread that started dcmc (`dcmc serve` and
/// `dcmc run` block them in every thread, a test runner's thread, a supervisor) left a
/// one-shot command that no SIGTERM could end; it held the signal pending until it exited
/// by itself, for ever against a server that never answers. So `dcmc` unblocks them as it
/// starts (`unblock`). Their dispositions are left as inherited: a shell's background job
/// ignores SIGINT. (The delivery commands need nothing: dash, `/bin/sh` here, which starts
/// them, clears the mask it inherits.)
public enum StopSignals {
  /// SIGINT and SIGTERM.
  static var set: sigset_t {
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGINT)
    sigaddset(&signals, SIGTERM)
    return signals
  }

  /// Unblocks them in the calling thread, and so in the threads it starts from now on: what
  /// `dcmc` does first, so that a one-shot command ends at once on either (status 128 + the
  /// signal's number in a shell: 130, 143).
  public static func unblock() {
    var signals = set
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
  }

  /// Blocks them in this thread and the threads it starts from now on, so that a command
  /// that runs until one arrives (`run`, `serve`) waits for them (`sigtimedwait`): a signal
  /// ends the wait at once.
  static func block() -> sigset_t {
    var signals = set
    pthread_sigmask(SIG_BLOCK, &signals, nil)
    return signals
  }
}
