import DCMCApplication
@testable import DCMCPostgres
import Synchronization
import _DCMCTestSupport
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
/// (the kernel completes the handshake; nobody answers libpq's start-up message), or answers the
/// start-up and then no statement. A second host is tried with a time-out of its own.
@Suite struct PostgresConnectWaitTests {
  /// A loopback socket listening on a free port; never accepted from.
  final class SilentServer {
    let socket: Int32
    let port: Int

    init() throws {
      (socket, port) = try #require(Loopback.boundSocket(listening: 8))
    }

    /// Whether a connection waits to be accepted within `milliseconds`.
    func connected(within milliseconds: Int32) -> Bool {
      var waiting = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
      return poll(&waiting, 1, milliseconds) == 1
    }

    /// Accepts the connection waiting within `milliseconds`, reads its start-up message and
    /// answers it as a server that trusts everyone would (AuthenticationOk, ReadyForQuery);
    /// the client's socket, or `nil` when none came or it sent something else.
    func answerStartUp(within milliseconds: Int32) -> Int32? {
      guard connected(within: milliseconds) else { return nil }
      let client = accept(socket, nil, nil)
      guard client >= 0 else { return nil }
      guard let length = Self.read(4, from: client, within: milliseconds).map({ Self.integer($0) }),
        length >= 8, length < 10_000, Self.read(length - 4, from: client, within: milliseconds) != nil
      else {
        close(client)
        return nil
      }
      let answer: [UInt8] = [0x52, 0, 0, 0, 8, 0, 0, 0, 0, 0x5a, 0, 0, 0, 5, 0x49]
      guard send(client, answer, answer.count, Int32(MSG_NOSIGNAL)) == answer.count else {
        close(client)
        return nil
      }
      return client
    }

    /// The first `count` bytes `client` sends within `milliseconds` a read; `nil` if fewer.
    static func read(_ count: Int, from client: Int32, within milliseconds: Int32) -> [UInt8]? {
      var bytes: [UInt8] = []
      while bytes.count < count {
        var readable = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
        guard poll(&readable, 1, milliseconds) == 1 else { return nil }
        var chunk = [UInt8](repeating: 0, count: count - bytes.count)
        let received = recv(client, &chunk, chunk.count, 0)
        guard received > 0 else { return nil }
        bytes += chunk.prefix(received)
      }
      return bytes
    }

    static func integer(_ bytes: [UInt8]) -> Int { bytes.reduce(0) { $0 << 8 | Int($1) } }

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

  /// The listener connected and sent its session's first statement, which the server never
  /// answers: `stop` is heard between two slices of the wait for the answer, not at the
  /// 60-second answer time-out (before, the statement's preparation waited in `PQprepare`,
  /// which no time-out bounds).
  @Test func stoppingTheListenerWhileItAwaitsAnAnswerReturnsWithinASlice() throws {
    let server = try SilentServer()
    let reported = Mutex<[String]>([])
    let listener = PostgresEventListener(
      url: "postgresql://dcmc@127.0.0.1:\(server.port)/dcmc?sslmode=disable&gssencmode=disable",
      settings: PostgresSettings(connectTimeout: 60, answerTimeoutMilliseconds: 60_000), wake: { _ in },
      report: { line in reported.withLock { $0.append(line) } })
    try listener.start()
    let client = try #require(server.answerStartUp(within: 10_000))
    defer { close(client) }
    // A message after the start-up: the session's settings, sent and awaiting their answer.
    let header = try #require(SilentServer.read(5, from: client, within: 10_000))
    #expect([UInt8(ascii: "P"), UInt8(ascii: "Q")].contains(header[0]), "\(header)")
    let started = Self.milliseconds()
    listener.stop()
    let waited = Self.milliseconds() - started
    #expect(waited < 2_000, "stop took \(waited) ms")
    #expect(reported.withLock { $0 }.isEmpty)
  }

  /// A listener whose thread cannot be made (`pthread_create` failing, injected): `start`
  /// says so, nothing connects, and `stop` has nothing to wait for.
  @Test func aListenerWhoseThreadCannotStartSaysWhyAndStopReturns() throws {
    let server = try SilentServer()
    let reported = Mutex<[String]>([])
    let listener = PostgresEventListener(
      url: "postgresql://dcmc@127.0.0.1:\(server.port)/dcmc?sslmode=disable", threads: .failing(), wake: { _ in },
      report: { line in reported.withLock { $0.append(line) } })
    let error = try #require(throws: NamedThreadError.self) { try listener.start() }
    #expect(error.description == "cannot start the thread 'dcmc-events': \(String(cString: strerror(EAGAIN)))")
    listener.stop()
    #expect(!server.connected(within: 0))
    #expect(reported.withLock { $0 }.isEmpty)
  }

  /// A URL of two hosts, the first never answering: it is given up at its own
  /// `connect_timeout` and the second is connected to, as libpq does (before, one deadline
  /// covered both hosts, and the first used it up). Needs the cluster for the second host.
  @Test(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
  func aSecondHostIsConnectedToAfterAFirstThatNeverAnswersTimesOut() throws {
    let server = try #require(PostgresTestDatabase.serverURL)
    let cluster = try PostgresConnection(url: server).query("SELECT current_setting('port'), current_user")
    let port = try #require(cluster.string(0, 0))
    let user = try #require(cluster.string(0, 1))
    let silent = try SilentServer()
    let started = Self.milliseconds()
    let connection = try PostgresConnection(
      url: "host=127.0.0.1,127.0.0.1 port=\(silent.port),\(port) user=\(user) dbname=postgres sslmode=disable "
        + "gssencmode=disable connect_timeout=2",
      settings: PostgresSettings(connectTimeout: 60))
    let waited = Self.milliseconds() - started
    #expect(try connection.query("SELECT inet_server_port()").string(0, 0) == port)
    #expect(silent.connected(within: 0), "the first host was tried first")
    #expect(waited >= 1_900 && waited < 10_000, "\(waited) ms")
  }

  /// Two hosts that never answer: each is given its time-out, and the error names both.
  @Test func everyHostOfSeveralIsGivenUpAtItsOwnTimeOutAndNamed() throws {
    let first = try SilentServer()
    let second = try SilentServer()
    let started = Self.milliseconds()
    let error = try #require(throws: PostgresError.self) {
      try PostgresConnection(
        url: "postgresql://dcmc@127.0.0.1:\(first.port),localhost:\(second.port)/dcmc?sslmode=disable"
          + "&gssencmode=disable&connect_timeout=2")
    }
    let waited = Self.milliseconds() - started
    #expect(
      error.description == "cannot connect to postgresql: 127.0.0.1: timeout expired; localhost: timeout expired")
    #expect(waited >= 3_900 && waited < 15_000, "\(waited) ms")
  }

  /// Which URLs are connected to host by host, with what, and which are left to libpq.
  @Test func theHostsOfAListAreConnectedToOneByOne() {
    func plan(_ host: String?, _ hostaddr: String?, _ port: String?) -> [String]? {
      PostgresConnection.hostByHost(host: host, hostaddr: hostaddr, port: port)?.map { overrides in
        overrides.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
      }
    }
    #expect(plan("a,b", nil, "5432") == ["host=a port=5432", "host=b port=5432"])
    #expect(
      plan("a,b", "10.0.0.1,10.0.0.2", "1,2") == ["host=a hostaddr=10.0.0.1 port=1", "host=b hostaddr=10.0.0.2 port=2"])
    #expect(plan(nil, "10.0.0.1,10.0.0.2", nil) == ["hostaddr=10.0.0.1", "hostaddr=10.0.0.2"])
    #expect(plan("a", nil, "1") == nil, "one host: libpq's")
    #expect(plan("a,", nil, nil) == nil, "an empty entry is a default: libpq's")
    #expect(plan("a,b,c", nil, "1,2") == nil, "libpq refuses the lists")
    #expect(plan(nil, nil, nil) == nil)
  }
}
