import DCMCApplication
import DCMCCalendar
import Testing
import _DCMCTestSupport

@testable import DCMCServer

#if canImport(Glibc)
  import Glibc
#endif

/// A thread that cannot be made (`pthread_create` failing, injected through `ThreadStarter`):
/// the request deadlines' watchdog, the daemon's pump and its workers say so (the workers made
/// before the one that failed are stopped), and the daemon stops what it
/// started (its port free again), rather than serving without them.
@Suite struct ThreadStartFailureTests {
  /// A loopback port free now: bound to 0 and released.
  func freePort() throws -> Int {
    let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(probe) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
        bind(probe, address, length) == 0 && getsockname(probe, address, &length) == 0
      }
    }
    try #require(bound)
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Whether something accepts connections on the loopback `port`.
  func listening(_ port: Int) -> Bool {
    let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(client) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }

  @Test func theWatchdogThatCannotStartSaysSoAndStopReturns() {
    let deadlines = RequestDeadlines(seconds: 10, bytesPerSecond: 1024)
    #expect(throws: NamedThreadError(name: "dcmc-deadlines", code: EAGAIN)) { try deadlines.start(.failing()) }
    deadlines.stop()
  }

  @Test(arguments: [(0, "dcmc-deadlines"), (1, "dcmc-pump"), (3, "dcmc-work-2")])
  func aDaemonWhoseThreadCannotStartStopsAndSaysWhy(_ starting: Int, _ thread: String) throws {
    let port = try freePort()
    let error = try #require(throws: HTTPDaemonError.self) {
      try HTTPDaemon(
        host: "127.0.0.1", port: port, unavailable: HTTPResponse(status: 503, headers: [], body: []),
        clock: { Instant(secondsSinceEpoch: 0) }, threads: .failing(after: starting)
      ) { _ in HTTPResponse(status: 200, headers: [], body: []) }
    }
    #expect(
      error.description
        == "cannot listen on 127.0.0.1:\(port): cannot start the thread '\(thread)': \(String(cString: strerror(EAGAIN)))")
    #expect(!listening(port), "the daemon stopped listening")
  }
}
