#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a program to completion and reports what the kernel measured: wall-clock time from
/// spawn to reap, and the child's processor time and peak resident set size (`wait4` rusage
/// `ru_utime`, `ru_stime`, `ru_maxrss`). Linux only: see `Outcome.floorBytes`.
package struct ChildProcess {
  package struct Outcome {
    /// The exit status, or 128 + the signal number when a signal ended the child.
    package var status: Int32
    /// From just before `posix_spawn` to just after `wait4`, in seconds.
    package var wallSeconds: Double
    /// The child's processor time, user plus system, over all its threads, in seconds.
    package var cpuSeconds: Double
    /// The child's peak resident set size, in bytes.
    package var peakResidentBytes: Double
    /// The lowest `peakResidentBytes` can read, in bytes: this process's resident size when
    /// it spawned the child. `posix_spawn` is a vfork, and Linux's `exec` records the
    /// high-water mark of the memory it replaces (here, the parent's) in the child's
    /// `ru_maxrss`. `run` first lowers that mark to the current resident size, so a child
    /// is not charged with this process's earlier peaks.
    package var floorBytes: Double
  }

  /// The program's path and its arguments (without the program name).
  package var executable: String
  package var arguments: [String]
  /// Where the child's standard output and standard error go (truncated first).
  package var outputPath: String

  package init(executable: String, arguments: [String], outputPath: String) {
    self.executable = executable
    self.arguments = arguments
    self.outputPath = outputPath
  }

  package func run() throws(BenchmarkFailure) -> Outcome {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ([executable] + arguments).map { strdup($0) }
    defer { for pointer in argv { free(pointer) } }
    let floor = ChildProcess.resetHighWaterMark()
    let clock = ContinuousClock()
    let start = clock.now
    var pid = pid_t()
    let spawned = (argv + [nil]).withUnsafeBufferPointer { pointers in
      posix_spawn(&pid, executable, &actions, nil, pointers.baseAddress!, environ)
    }
    guard spawned == 0 else {
      throw BenchmarkFailure(message: "cannot run '\(executable)': \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
      guard errno == EINTR else { throw BenchmarkFailure(message: "wait4 failed: \(String(cString: strerror(errno)))") }
    }
    let wall = (clock.now - start).seconds
    let signal = status & 0x7f
    let exitStatus = signal == 0 ? (status >> 8) & 0xff : 128 + signal
    // Linux reports ru_maxrss in kibibytes (macOS in bytes).
    #if os(Linux)
      let peak = Double(usage.ru_maxrss) * 1_024
    #else
      let peak = Double(usage.ru_maxrss)
    #endif
    let cpu =
      Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
      + Double(usage.ru_stime.tv_usec) / 1e6
    return Outcome(status: exitStatus, wallSeconds: wall, cpuSeconds: cpu, peakResidentBytes: peak, floorBytes: floor)
  }

  /// Lowers this process's resident high-water mark to its current resident size (Linux
  /// `/proc/self/clear_refs`, value 5) and returns the mark (`VmHWM`) in bytes, or 0 where
  /// the system offers neither.
  private static func resetHighWaterMark() -> Double {
    if let control = fopen("/proc/self/clear_refs", "w") {
      fputs("5", control)
      fclose(control)
    }
    guard let status = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(status) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), status) != nil {
      let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      guard text.hasPrefix("VmHWM:") else { continue }
      let kibibytes =
        text.dropFirst(6).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Double($0) } ?? 0
      return kibibytes * 1_024
    }
    return 0
  }
}
