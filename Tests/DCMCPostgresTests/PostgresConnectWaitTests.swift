import DCMCPostgres
import Synchronization
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Connecting waits on the socket here, a slice at a time (docs/postgres.md, "Serve:
/// LISTEN/NOTIFY"): a server that accepts and never answers is given up at the connect
/// time-out, the URL's own included, and at once when the events listener is stopped. No
/// cluster needed: a loopback socket that listens and never accepts plays the silent server
/// (the kernel completes the handshake; nobody answers libpq's start-up message).
@Suite struct PostgresConnectWaitTests {
  /// A loopback socket listening on a free port; never accepted from.
  final class SilentServer {
    let socket: Int32
    let port: Int

    init() throws {
      let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      self.socket = socket
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      var length = socklen_t(MemoryLayout<sockaddr_in>.size)
      let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
          bind(socket, address, length) == 0 && listen(socket, 8) == 0 && getsockname(socket, address, &length) == 0
        }
      }
      port = Int(UInt16(bigEndian: address.sin_port))
      try #require(socket >= 0 && bound)
    }

    /// Whether a connection waits to be accepted within `milliseconds`.
    func connected(within milliseconds: Int32) -> Bool {
      var waiting = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
      return poll(&waiting, 1, milliseconds) == 1
    }

    deinit { close(socket) }
  }

  static func milliseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
  }

  @Test func aServerThatNeverAnswersIsGivenUpAtTheURLsConnectTimeout() throws {
    let server = try SilentServer()
    let started = Self.milliseconds()
    let url = "postgresql://dcmc@127.0.0.1:\(server.port)/dcmc?sslmode=disable&connect_timeout=2"
    let error = try #require(throws: PostgresError.self) {
      try PostgresConnection(url: url, settings: PostgresSettings(connectTimeout: 60))
    }
    let waited = Self.milliseconds() - started
    #expect(error.description == "cannot connect to postgresql: timeout expired")
    #expect(waited >= 1_900 && waited < 10_000, "\(waited) ms")
  }

  @Test func stoppingTheListenerWhileItConnectsReturnsWithinASlice() throws {
    let server = try SilentServer()
    let reported = Mutex<[String]>([])
    let listener = PostgresEventListener(
      url: "postgresql://dcmc@127.0.0.1:\(server.port)/dcmc?sslmode=disable&connect_timeout=60", wake: { _ in },
      report: { line in reported.withLock { $0.append(line) } })
    try listener.start()
    // The listener's connection is in the backlog: it is waiting for the start-up's answer.
    #expect(server.connected(within: 10_000))
    let started = Self.milliseconds()
    listener.stop()
    let waited = Self.milliseconds() - started
    #expect(waited < 2_000, "stop took \(waited) ms")
    #expect(reported.withLock { $0 }.isEmpty)
  }
}
