internal import CMicroHTTPD
import DCMCApplication
import DCMCCalendar
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The libmicrohttpd shell: it listens, reads each request (its body up to a limit), hands it
/// to `handler` and writes the response back. It moves bytes and decides nothing. A pool of
/// polling threads (libmicrohttpd's, `Limits.pollers`) moves the connections' bytes; once a
/// request is whole its connection is suspended and the request goes to the workers
/// (`RequestWorkers`, `Limits.threads`), any free one of which runs `handler` and resumes the
/// connection with the response. `stop` stops accepting, lets the requests in flight finish,
/// then closes.
///
/// `@unchecked Sendable`: the daemon handle is only passed to libmicrohttpd's thread-safe
/// calls, and `stop` runs once (`stopped`).
public final class HTTPDaemon: @unchecked Sendable {
  public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse
  /// A request without its body, screened on the poller's thread before the body is read: a
  /// refusal its headers decide, or `nil` when the body is due (`accessHandler`). Asked only
  /// of a request with `Expect: 100-continue`, whose client waits before it sends the body.
  public typealias Screen = @Sendable (HTTPRequest) -> HTTPResponse?

  /// The limits on what a client controls (SPEC section 17).
  public struct Limits: Sendable {
    /// Seconds a connection may stay idle, within which a request's line and headers must all
    /// arrive, and after which its body must have begun (`RequestDeadlines`): a slow client is
    /// cut off.
    public var idleSeconds = 10
    /// The slowest average rate, in bytes a second, at which a body may arrive after its first
    /// `idleSeconds` (`RequestDeadlines`): 64 KiB/s, a 10 MiB attachment in 160 s.
    public var bodyBytesPerSecond = 64 * 1024
    /// Bytes for one connection's request line and headers.
    public var connectionMemory = 16 * 1024
    public var connections = 256
    /// Connections from one address at once (beyond them, a new one is closed at accept).
    public var connectionsPerAddress = 128
    /// The workers that run the requests' handler (`RequestWorkers`).
    public var threads = 4
    /// libmicrohttpd's polling threads, which only read requests and write responses; `nil`:
    /// one per processor, at most `threads`.
    public var pollers: Int?
    /// Requests that may wait for a worker beyond the idle ones; the next is answered 503
    /// with `Retry-After` (`HTTPDaemon.busy`).
    public var queuedRequests = 128
    /// Bytes of a body read; beyond them the request gets `bodyLimit + 1` bytes and the
    /// handler refuses it.
    public var bodyLimit = API.maximumBodyBytes
    /// The same for a page's form (`Pages.serves`), which carries attachments.
    public var formBodyLimit = Pages.maximumBodyBytes
    /// Seconds between two reads of every open stream (the events' poll, which also paces
    /// their heartbeats); `wake` has some read at once.
    public var pollSeconds = 1

    public init() {}
  }

  /// What the access handler needs, alive as long as the daemon. `@unchecked Sendable`: its
  /// stored properties are immutable or atomic.
  final class Context: @unchecked Sendable {
    let library: LibMicroHTTPD
    let handler: Handler
    let screen: Screen
    let bodyLimit: Int
    let formBodyLimit: Int
    let inFlight = InFlightRequests()
    let stopping = Atomic<Bool>(false)
    let unavailable: HTTPResponse
    let workers: RequestWorkers
    let deadlines: RequestDeadlines
    /// The shell's clock, which the streams are pumped on.
    let clock: @Sendable () -> Instant
    let streams = Mutex<[StreamConnection]>([])
    let pollSeconds: Int
    let wakes = StreamWakes()

    init(
      library: LibMicroHTTPD, handler: @escaping Handler, screen: @escaping Screen, bodyLimits: (Int, form: Int),
      unavailable: HTTPResponse, workers: RequestWorkers, deadlines: RequestDeadlines, pollSeconds: Int,
      clock: @escaping @Sendable () -> Instant
    ) {
      self.library = library
      self.handler = handler
      self.screen = screen
      bodyLimit = bodyLimits.0
      formBodyLimit = bodyLimits.form
      self.unavailable = unavailable
      self.workers = workers
      self.deadlines = deadlines
      self.pollSeconds = pollSeconds
      self.clock = clock
    }
  }

  /// One request's body as it arrives, touched only by the thread serving its connection.
  final class Upload {
    var bytes: [UInt8] = []
    /// The request's answer, once the request went to the workers.
    var answer: PendingAnswer?
    /// The bytes of its body kept: the API's limit, or a form's.
    let limit: Int
    /// Refused on its headers (`Screen`): its response is queued, its body not read.
    var refused = false

    init(limit: Int) { self.limit = limit }
  }

  private let library: LibMicroHTTPD
  private let daemon: OpaquePointer
  private let context: Unmanaged<Context>
  private let stopped = Atomic<Bool>(false)
  private var pumpThread: NamedThread?
  /// The port listened on: the one asked, or the one the kernel chose for 0.
  public let port: Int

  /// A certificate and its private key, PEM texts, for HTTPS.
  public struct TLS: Sendable {
    public var certificate: String
    public var key: String

    public init(certificate: String, key: String) {
      self.certificate = certificate
      self.key = key
    }
  }

  /// Listens on `host`:`port` (an IPv4 or IPv6 address; port 0: any free port), over TLS when
  /// `tls` is given, and serves each request with `handler`; a request arriving while stopping
  /// gets `unavailable` (503). The first daemon of a process loads libmicrohttpd. Streamed
  /// responses are pumped on `clock`, the shell's; the watchdog and the pump run on threads
  /// `threads` makes: when one cannot be made, the daemon is stopped and the error says why.
  /// `queued` is told each time a whole request is queued for the workers (a test's barrier).
  /// `screen` refuses on its headers a request whose client waits to send its body.
  public init(
    host: String, port: Int, limits: Limits = Limits(), tls: TLS? = nil, unavailable: HTTPResponse,
    clock: @escaping @Sendable () -> Instant, threads: ThreadStarter = .system,
    queued: @escaping @Sendable () -> Void = {}, screen: @escaping Screen = { _ in nil }, handler: @escaping Handler
  ) throws(HTTPDaemonError) {
    guard (0...65535).contains(port), var address = SocketAddress(host, port: port) else {
      throw .badAddress(host, port)
    }
    let library = try LibMicroHTTPD.shared.get()
    if tls != nil, library.isFeatureSupported(.FEATURE_TLS) != .YES { throw .noTLS }
    let deadlines = RequestDeadlines(seconds: limits.idleSeconds, bytesPerSecond: limits.bodyBytesPerSecond)
    let context = Unmanaged.passRetained(
      Context(
        library: library, handler: handler, screen: screen, bodyLimits: (limits.bodyLimit, form: limits.formBodyLimit),
        unavailable: unavailable, workers: RequestWorkers(queueLimit: limits.queuedRequests, queued: queued),
        deadlines: deadlines, pollSeconds: max(limits.pollSeconds, 1), clock: clock))
    let started = address.withSocketAddress { pointer in
      dcmc_mhd_start(
        library.startDaemon, pointer, UInt32(Self.pollers(limits)), UInt32(limits.idleSeconds), limits.connectionMemory,
        UInt32(limits.connections), UInt32(limits.connectionsPerAddress), tls?.key, tls?.certificate, accessHandler,
        context.toOpaque(), context.toOpaque(), requestCompleted, context.toOpaque(), connectionNotified, context.toOpaque())
    }
    guard let started else {
      let reason = String(cString: strerror(errno))
      context.release()
      // libmicrohttpd says nothing of a certificate or key GnuTLS refused.
      if tls != nil, errno != EADDRINUSE, errno != EACCES, errno != EADDRNOTAVAIL { throw .badCertificate }
      throw .cannotListen(SocketAddress.text(host, port: port), reason)
    }
    self.library = library
    daemon = started
    self.context = context
    self.port = Int(dcmc_mhd_port(library.getDaemonInfo, started))
    do throws(NamedThreadError) {
      try deadlines.start(threads)
      pumpThread = try threads.start(named: "dcmc-pump") { context.takeUnretainedValue().pump() }
      try context.takeUnretainedValue().workers.start(limits.threads, threads)
    } catch {
      // Stopped here, so that `deinit` joins no pump.
      stopped.store(true, ordering: .sequentiallyConsistent)
      context.takeUnretainedValue().stopping.store(true, ordering: .sequentiallyConsistent)
      context.takeUnretainedValue().wakes.wake(nil)
      pumpThread?.join()
      library.stopDaemon(started)
      deadlines.stop()
      throw .cannotListen(SocketAddress.text(host, port: port), error.description)
    }
  }

  /// libmicrohttpd's polling threads for `limits`: as asked, else one per processor; at most
  /// one per worker (a poller only moves bytes).
  static func pollers(_ limits: Limits) -> Int {
    let processors = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    return max(1, min(limits.pollers ?? processors, max(limits.threads, 1)))
  }

  /// The answer to a request no worker can take: every one is busy and
  /// `Limits.queuedRequests` already wait.
  static let busy = Problem(503, "busy", "every worker is busy: try again shortly", headers: [("Retry-After", "1")])
    .response

  /// Has the streams whose subject is one of `subjects` (every stream, for `nil`) read at
  /// once rather than at the next poll: another process changed what they show.
  public func wake(_ subjects: Set<String>?) {
    context.takeUnretainedValue().wakes.wake(subjects)
  }

  /// Stops accepting connections, waits (at most `drainSeconds` on the daemon's clock, woken
  /// by the last one's completion: `InFlightRequests`) for the requests in flight to be
  /// answered, then closes every connection and joins the threads. Requests that arrive
  /// meanwhile on open connections are answered 503.
  public func stop(drainSeconds: Int = 30) {
    guard !stopped.exchange(true, ordering: .sequentiallyConsistent) else { return }
    context.takeUnretainedValue().stopping.store(true, ordering: .sequentiallyConsistent)
    context.takeUnretainedValue().wakes.wake(nil)
    // The pump is joined first, so no stream is woken after; then every stream ends and its
    // suspended connection wakes: libmicrohttpd must stop with none suspended.
    pumpThread?.join()
    context.takeUnretainedValue().endStreams()
    let listener = library.quiesceDaemon(daemon)
    _ = context.takeUnretainedValue().inFlight.drain(seconds: drainSeconds, clock: context.takeUnretainedValue().clock)
    // Every request taken is answered and its connection resumed before libmicrohttpd stops:
    // it must stop with none suspended.
    context.takeUnretainedValue().workers.stop()
    library.stopDaemon(daemon)
    context.takeUnretainedValue().deadlines.stop()
    if listener >= 0 { close(listener) }
  }

  deinit {
    stop()
    context.release()
  }
}

/// Why the daemon did not start.
public enum HTTPDaemonError: Error, Sendable, CustomStringConvertible {
  case badAddress(String, Int)
  case cannotListen(String, String)
  /// libmicrohttpd could not be loaded: the loader's reason.
  case cannotLoad(String)
  /// The libmicrohttpd loaded was built without TLS.
  case noTLS
  /// TLS did not start with the certificate and key given.
  case badCertificate

  public var description: String {
    switch self {
    case .badAddress(let host, let port):
      "'\(SocketAddress.text(String(host.prefix(60)), port: port))' is not an IPv4 or IPv6 address and port"
    case .cannotListen(let address, let reason): "cannot listen on \(address): \(reason)"
    case .cannotLoad(let reason): "cannot load libmicrohttpd (install libmicrohttpd12): \(reason)"
    case .noTLS: "the libmicrohttpd loaded has no TLS: it was built without GnuTLS"
    case .badCertificate: "TLS does not start with this certificate and key: not PEM, or the key is not the certificate's"
    }
  }
}
