#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A thread of its own for a shell's long-running loop (the server's streams pump and request
/// watchdog, the PostgreSQL events listener): the one place that calls `pthread_create`. The
/// thread carries a name (`top -H`, `gdb`, `/proc/PID/task/*/comm` show it), and a thread that
/// cannot be made is an error its caller handles, never a trap.
///
/// Not a thread pool nor a structured task: the loops block in `poll` and `nanosleep`, which
/// would hold one of the concurrency runtime's few threads for as long as the process runs.
public struct NamedThread: Sendable {
  private let handle: pthread_t

  /// The longest name the kernel keeps, in bytes (without the terminating zero).
  public static let longestName = 15

  /// Starts `body` on a new thread named `name` (cut to `longestName` bytes at a character's
  /// end); `body` runs once, and the thread ends when it returns. Join it (`join`) before what
  /// `body` uses goes away.
  public static func start(named name: String, _ body: @escaping @Sendable () -> Void) throws(NamedThreadError)
    -> NamedThread
  {
    let work = Unmanaged.passRetained(Work(name: Self.cut(name), body: body))
    var handle = pthread_t()
    let status = pthread_create(
      &handle, nil,
      { argument in
        guard let argument else { return nil }
        let work = Unmanaged<Work>.fromOpaque(argument).takeRetainedValue()
        #if canImport(Glibc)
          _ = NamedThread.setName?(pthread_self(), work.name)
        #elseif canImport(Darwin)
          _ = pthread_setname_np(work.name)
        #endif
        work.body()
        return nil
      }, work.toOpaque())
    guard status == 0 else {
      work.release()
      throw NamedThreadError(name: name, code: status)
    }
    return NamedThread(handle: handle)
  }

  /// Waits for the thread to end. Once per thread: a thread joined is gone.
  public func join() {
    pthread_join(handle, nil)
  }

  /// Lets the thread end on its own, its resources freed then, for a thread nobody waits for
  /// (a PostgreSQL cancel request, which may outlive its caller). Never join it after.
  public func detach() {
    pthread_detach(handle)
  }

  #if canImport(Glibc)
    /// glibc's `pthread_setname_np`, which Swift's Glibc module leaves out (it is declared
    /// under `_GNU_SOURCE` only): looked up once in the process; `nil`, and threads unnamed,
    /// on a libc without it.
    private static let setName: (@convention(c) (pthread_t, UnsafePointer<CChar>?) -> Int32)? = {
      guard let process = dlopen(nil, RTLD_NOW), let address = dlsym(process, "pthread_setname_np") else { return nil }
      return unsafeBitCast(address, to: (@convention(c) (pthread_t, UnsafePointer<CChar>?) -> Int32).self)
    }()
  #endif

  /// `name`, cut to at most `longestName` bytes of UTF-8 without splitting a character.
  public static func cut(_ name: String) -> String {
    var kept = ""
    for character in name {
      guard kept.utf8.count + String(character).utf8.count <= longestName else { break }
      kept.append(character)
    }
    return kept
  }

  /// What the new thread runs, handed to it retained.
  private final class Work: Sendable {
    let name: String
    let body: @Sendable () -> Void

    init(name: String, body: @escaping @Sendable () -> Void) {
      self.name = name
      self.body = body
    }
  }
}

/// How a shell's loop gets its thread: `NamedThread.start` (`system`); a test's seam, to
/// give the users a start that fails, which no real system can be made to do on demand.
public struct ThreadStarter: Sendable {
  public typealias Start = @Sendable (String, @escaping @Sendable () -> Void) throws(NamedThreadError) -> NamedThread
  private let run: Start

  public init(_ start: @escaping Start) { run = start }

  /// `pthread_create`, through `NamedThread.start`.
  public static let system = ThreadStarter { name, body throws(NamedThreadError) in
    try NamedThread.start(named: name, body)
  }

  /// Starts `body` on a thread named `name`, as `NamedThread.start` does.
  public func start(named name: String, _ body: @escaping @Sendable () -> Void) throws(NamedThreadError)
    -> NamedThread
  {
    try run(name, body)
  }
}

/// Why a thread could not be made: the system's error number (`EAGAIN`: too many threads or
/// not enough memory).
public struct NamedThreadError: Error, Sendable, Equatable, CustomStringConvertible {
  public let name: String
  public let code: Int32

  public init(name: String, code: Int32) {
    self.name = name
    self.code = code
  }

  public var description: String { "cannot start the thread '\(name)': \(String(cString: strerror(code)))" }
}
