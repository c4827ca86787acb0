import DCMCApplication
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension ThreadStarter {
  /// Starts the first `starting` threads as `system` does, then fails every start with `code`
  /// (`EAGAIN`, what `pthread_create` says out of threads or memory), as the system cannot be
  /// made to on demand.
  public static func failing(after starting: Int = 0, code: Int32 = EAGAIN) -> ThreadStarter {
    let started = StartCount()
    return ThreadStarter { name, body throws(NamedThreadError) in
      guard started.count.add(1, ordering: .sequentiallyConsistent).newValue <= starting else {
        throw NamedThreadError(name: name, code: code)
      }
      return try NamedThread.start(named: name, body)
    }
  }

  private final class StartCount: Sendable {
    let count = Atomic<Int>(0)
  }
}
