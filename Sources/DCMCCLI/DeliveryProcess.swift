#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One run of a delivery command: `/bin/sh -c command` in a process group of its own, `input`
/// written to its standard input while its standard output is read (at most `outputLimit`
/// bytes kept; `nil`: not read, passed through to dcmc's), stopped with SIGKILL to its whole
/// group when it has not exited within `timeLimit` seconds of real time. Its standard error is
/// dcmc's.
struct DeliveryProcess {
  var command: String
  /// Variables set (a value) or removed (`nil`) in the environment dcmc passes on.
  var environment: [String: String?]
  /// Seconds of real time, at least 1.
  var timeLimit: Int
  var outputLimit: Int?

  enum Ending: Equatable {
    case exited(Int32)
    case killed(signal: Int32)
    /// Still running at the time limit; stopped.
    case timedOut
    /// `posix_spawn` failed; why.
    case notStarted(String)
  }

  struct Result {
    var ending: Ending
    /// What it wrote on its standard output, up to `outputLimit` bytes.
    var output: [UInt8] = []
    /// Whether it wrote more than `outputLimit` bytes (the rest was read and dropped).
    var outputCut = false
  }

  func run(input: [UInt8]) -> Result {
    let deadline = Self.monotonicSeconds() + Double(timeLimit)
    guard let stdin = Self.pipe() else { return Result(ending: .notStarted(String(cString: strerror(errno)))) }
    let stdout = outputLimit == nil ? nil : Self.pipe()
    if outputLimit != nil && stdout == nil {
      close(stdin.read)
      close(stdin.write)
      return Result(ending: .notStarted(String(cString: strerror(errno))))
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdin.read, STDIN_FILENO)
    if let stdout { posix_spawn_file_actions_adddup2(&actions, stdout.write, STDOUT_FILENO) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // A group of its own, so that a time-out stops whatever the shell started too; SIGPIPE
    // as a command expects it, not as dcmc ignores it.
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
    posix_spawnattr_setpgroup(&attributes, 0)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGPIPE)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var child: pid_t = 0
    let arguments: [String] = ["/bin/sh", "-c", command]
    var argv = arguments.map { strdup($0) } + [nil]
    var envp = Self.environment(changing: environment).map { strdup($0) } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    let started = posix_spawn(&child, "/bin/sh", &actions, &attributes, &argv, &envp)
    close(stdin.read)
    if let stdout { close(stdout.write) }
    guard started == 0 else {
      close(stdin.write)
      if let stdout { close(stdout.read) }
      return Result(ending: .notStarted(String(cString: strerror(started))))
    }
    // A command that does not read its input closes the pipe: that is its business, not a
    // reason for dcmc to die of SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    var exchange = Exchange(input: input, stdin: stdin.write, stdout: stdout?.read, limit: outputLimit ?? 0)
    let finished = exchange.run(until: deadline)
    var result = Result(ending: .timedOut, output: exchange.output, outputCut: exchange.cut)
    if finished, let status = Self.wait(for: child, until: deadline) {
      result.ending = status
    } else {
      kill(-child, SIGKILL)
      var status: Int32 = 0
      while waitpid(child, &status, 0) < 0 && errno == EINTR {}
    }
    return result
  }

  /// Waits for `child` to exit until `deadline`; its ending, or `nil` at the deadline.
  private static func wait(for child: pid_t, until deadline: Double) -> Ending? {
    var status: Int32 = 0
    while true {
      let found = waitpid(child, &status, WNOHANG)
      if found == child { break }
      if found < 0 && errno != EINTR { return .exited(-1) }
      if monotonicSeconds() >= deadline { return nil }
      // Its output is closed: it is about to exit, or it is in its last work.
      usleep(2_000)
    }
    // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as functions.
    return status & 0x7f == 0 ? .exited((status >> 8) & 0xff) : .killed(signal: status & 0x7f)
  }

  /// The environment dcmc was given, with `changes` made.
  private static func environment(changing changes: [String: String?]) -> [String] {
    var entries: [String] = []
    var pointer = environ
    while let entry = pointer.pointee {
      let text = String(cString: entry)
      let name = String(text.prefix { $0 != "=" })
      if changes[name] == nil { entries.append(text) }
      pointer += 1
    }
    for case (let name, let value?) in changes { entries.append(name + "=" + value) }
    return entries
  }

  /// A pipe whose ends are closed on exec (the child gets only the copies made for it).
  private static func pipe() -> (read: Int32, write: Int32)? {
    var ends: [Int32] = [0, 0]
    guard Glibc.pipe(&ends) == 0 else { return nil }
    // The CLI starts no thread that could spawn between the two calls.
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    return (ends[0], ends[1])
  }

  static func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}
