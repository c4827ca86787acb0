import DCMCFiles
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the CLI writes: standard output and standard error, unbuffered beyond one write.
///
/// A write to standard output that fails (a full disk, a closed pipe) is remembered, in a
/// record every copy of the terminal shares, and nothing more is written there; `exitStatus`
/// turns it into the command's exit status, so no command reports success for output that
/// was lost; a command that writes for long (`dcmc lsp`) asks `outputFailed` to stop. A
/// failed write to standard error has nowhere to be said and is dropped.
struct Terminal {
  var environment: [String: String]
  private let lostOutput = LostOutput()

  init(environment: [String: String]) {
    self.environment = environment
  }

  func out(_ text: String) { out(Array(text.utf8)) }

  func out(_ bytes: [UInt8]) {
    guard !outputFailed else { return }
    if let code = write(bytes, to: STDOUT_FILENO) { lostOutput.code.withLock { $0 = $0 ?? code } }
  }

  func err(_ text: String) { _ = write(Array(text.utf8), to: STDERR_FILENO) }

  /// Says that standard output goes to a client that should read all of it (the editor of
  /// `dcmc lsp`), not to a pipeline that may stop early: a reader that went away is then
  /// told on standard error too.
  func outputIsForAClient() { lostOutput.isForAClient.withLock { $0 = true } }

  /// Whether a write to standard output has failed: what was printed is incomplete.
  var outputFailed: Bool { lostOutput.code.withLock { $0 != nil } }

  /// `status`, or 2 (an I/O error, SPEC section 8) when a write to standard output failed,
  /// with the reason on standard error. A reader that went away (`EPIPE`, when SIGPIPE is
  /// ignored; by default the signal ends the process quietly first) gets no message, as
  /// `dcmc schema | head -1` should not print one, unless the output is for a client.
  func exitStatus(_ status: Int32) -> Int32 {
    guard let code = lostOutput.code.withLock({ $0 }) else { return status }
    if code != EPIPE || lostOutput.isForAClient.withLock({ $0 }) {
      let reason = FileError.system(operation: "write", path: "standard output", code: code).reason
      err("dcmc: cannot write to standard output: \(reason)\n")
    }
    return ExitCode.usage
  }

  /// Colour only on a terminal, and never with `NO_COLOR` set (https://no-color.org).
  var stdoutWantsColor: Bool {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
    return isatty(STDOUT_FILENO) == 1 && environment["TERM"] != "dumb"
  }

  /// Writes all of `bytes`, retrying after a signal; the `errno` of a failure, else `nil`.
  private func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
    var offset = 0
    // Each turn writes at least one byte or ends, apart from EINTR, which a signal causes.
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += written
    }
    return nil
  }
}

/// The first `errno` of a failed write to standard output, and whether the output is for a
/// client; shared by copies of a `Terminal`.
private final class LostOutput: Sendable {
  let code = Mutex<Int32?>(nil)
  let isForAClient = Mutex(false)
}
