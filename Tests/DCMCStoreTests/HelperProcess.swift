import Foundation
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `StoreTortureHelper` running as a child process, with a pipe to its standard input and
/// one from its standard output; both ends kept here are `O_CLOEXEC`, so no other child
/// inherits them. A class because it owns the descriptors and the child, freed in `deinit`.
final class HelperProcess {
  let pid: pid_t
  private var input: Int32
  private var output: Int32
  private var reaped = false

  /// The helper next to the test bundle (SwiftPM puts all products of a build in one folder).
  static func executable(_ name: String) -> String {
    var directory = URL(
      fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
    )
    .deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent(name).path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      directory.deleteLastPathComponent()
    }
    return BinaryRunner.repositoryRoot.appendingPathComponent(".build/debug/" + name).path
  }

  /// Held from making the pipes to marking them close-on-exec (Glibc's Swift module lacks
  /// `pipe2`), so a helper spawned by another test at the same time cannot inherit them.
  private static let spawning = NSLock()

  init(_ arguments: [String], helper: String = "StoreTortureHelper") throws {
    HelperProcess.spawning.lock()
    defer { HelperProcess.spawning.unlock() }
    var toChild: [Int32] = [0, 0]
    var fromChild: [Int32] = [0, 0]
    guard pipe(&toChild) == 0 else { throw POSIXError(.EMFILE) }
    guard pipe(&fromChild) == 0 else {
      close(toChild[0])
      close(toChild[1])
      throw POSIXError(.EMFILE)
    }
    for descriptor in toChild + fromChild { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
    let path = HelperProcess.executable(helper)
    let argv = ([path] + arguments).map { strdup($0) }
    defer { for pointer in argv { free(pointer) } }
    var pid = pid_t()
    let status = (argv + [nil]).withUnsafeBufferPointer {
      posix_spawn(&pid, path, &actions, nil, $0.baseAddress!, environ)
    }
    close(toChild[0])
    close(fromChild[1])
    input = toChild[1]
    output = fromChild[0]
    self.pid = pid
    guard status == 0 else {
      reaped = true
      throw POSIXError(POSIXErrorCode(rawValue: status) ?? .ENOENT)
    }
  }

  /// The next line the child wrote, without its newline; `nil` at end of file. Blocks.
  func readLine() -> String? {
    var line: [UInt8] = []
    var byte: UInt8 = 0
    while true {
      let count = read(output, &byte, 1)
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
      if byte == 0x0a { return String(decoding: line, as: UTF8.self) }
      line.append(byte)
    }
  }

  /// Writes `text` to the child's standard input.
  func send(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let count = bytes.withUnsafeBytes { Glibc.write(input, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return }
      bytes = bytes.dropFirst(count)
    }
  }

  /// Sends SIGKILL.
  func kill() { _ = Glibc.kill(pid, SIGKILL) }

  /// Closes the child's standard input (a `hold` child then lets go of the lock and exits).
  func closeInput() {
    if input >= 0 { close(input) }
    input = -1
  }

  /// Waits for the child to end: its exit status, or 128 + the signal that ended it.
  @discardableResult
  func wait() -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    reaped = true
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }

  deinit {
    closeInput()
    close(output)
    if !reaped {
      kill()
      wait()
    }
  }
}
