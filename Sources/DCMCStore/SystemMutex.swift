#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A `pthread_mutex_t`, for the bundles a `CaseStore` shares between its copies (the write
/// lock itself is a `flock`); this keeps DCMCStore off Foundation, whose loading would add
/// milliseconds to every `dcmc` command (see `docs/store.md`).
///
/// A class because it owns the C mutex, destroyed in `deinit`.
/// `@unchecked Sendable`: the mutex is made for sharing between threads, and `pointer`
/// never changes after `init`.
final class SystemMutex: @unchecked Sendable {
  private let pointer: UnsafeMutablePointer<pthread_mutex_t>

  init() {
    pointer = .allocate(capacity: 1)
    pointer.initialize(to: pthread_mutex_t())
    let status = pthread_mutex_init(pointer, nil)
    precondition(status == 0, "pthread_mutex_init failed with \(status)")
  }

  deinit {
    pthread_mutex_destroy(pointer)
    pointer.deinitialize(count: 1)
    pointer.deallocate()
  }

  func lock() { pthread_mutex_lock(pointer) }

  func unlock() { pthread_mutex_unlock(pointer) }

  /// Runs `body` with the mutex held.
  func withLock<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
    lock()
    defer { unlock() }
    return try body()
  }
}
