#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the CLI writes: standard output and standard error, unbuffered beyond one write.
struct Terminal {
  var environment: [String: String]

  func out(_ text: String) { write(text, to: STDOUT_FILENO) }
  func err(_ text: String) { write(text, to: STDERR_FILENO) }

  /// Colour only on a terminal, and never with `NO_COLOR` set (https://no-color.org).
  var stdoutWantsColor: Bool {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
    return isatty(STDOUT_FILENO) == 1 && environment["TERM"] != "dumb"
  }

  private func write(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes { buffer in
        Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += written
    }
    bytes.removeAll()
  }
}
