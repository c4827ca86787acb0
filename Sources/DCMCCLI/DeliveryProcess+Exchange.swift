#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension DeliveryProcess {
  /// Writes a child's input while reading its output, with `poll`, so that neither side
  /// waits on a full pipe; closes both descriptors when done.
  struct Exchange {
    let input: [UInt8]
    var stdin: Int32?
    var stdout: Int32?
    let limit: Int
    var written = 0
    var output: [UInt8] = []
    var cut = false

    init(input: [UInt8], stdin: Int32, stdout: Int32?, limit: Int) {
      self.input = input
      self.stdin = stdin
      self.stdout = stdout
      self.limit = limit
      for descriptor in [stdin, stdout].compactMap({ $0 }) {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
      }
      if input.isEmpty { finishInput() }
    }

    /// Exchanges until the input is written and the output closed; `false` when `deadline`
    /// (monotonic seconds) came first.
    mutating func run(until deadline: Double) -> Bool {
      defer {
        finishInput()
        if let stdout { close(stdout) }
        stdout = nil
      }
      while stdin != nil || stdout != nil {
        let left = deadline - DeliveryProcess.monotonicSeconds()
        if left <= 0 { return false }
        var descriptors: [pollfd] = []
        if let stdin { descriptors.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
        if let stdout { descriptors.append(pollfd(fd: stdout, events: Int16(POLLIN), revents: 0)) }
        let ready = poll(&descriptors, nfds_t(descriptors.count), Int32(min(left * 1000 + 1, 60_000)))
        if ready < 0 && errno != EINTR { return false }
        for descriptor in descriptors where descriptor.revents != 0 {
          if descriptor.fd == stdin { write() } else { read() }
        }
      }
      return true
    }

    private mutating func write() {
      guard let stdin else { return }
      let count = input.withUnsafeBytes { bytes in
        Glibc.write(stdin, bytes.baseAddress! + written, min(bytes.count - written, 65_536))
      }
      if count > 0 {
        written += count
        if written == input.count { finishInput() }
      } else if count < 0 && errno != EAGAIN && errno != EINTR {
        // EPIPE: the command stopped reading; the rest is not for it.
        finishInput()
      }
    }

    private mutating func read() {
      guard let stdout else { return }
      var buffer = [UInt8](repeating: 0, count: 65_536)
      let count = buffer.withUnsafeMutableBytes { Glibc.read(stdout, $0.baseAddress!, $0.count) }
      if count > 0 {
        let kept = max(0, min(count, limit - output.count))
        output += buffer[..<kept]
        if kept < count { cut = true }
      } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
        close(stdout)
        self.stdout = nil
      }
    }

    private mutating func finishInput() {
      if let stdin { close(stdin) }
      stdin = nil
    }
  }
}
