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
    let (socket, port) = try #require(Loopback.boundSocket())
    close(socket)
    return port
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
    #expect(!Loopback.accepts(port), "the daemon stopped listening")
  }
}
