import DCMCApplication
import DCMCCalendar
import DCMCServer

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `dcmc serve`: the HTTP API over libmicrohttpd, with the timer loop of `run` inside, until
/// SIGINT or SIGTERM (SPEC section 17). The shell reads the clock once per request and per
/// tick and hands it in; `API` decides everything else.
enum ServeCommand {
  static let listen = OptionSpec.value(
    "--listen", "ADDRESS:PORT", "where to listen, IPv4 (default 127.0.0.1:8080; port 0 picks a free one)")
  static let every = OptionSpec.value("--every", "DURATION", "how often to tick: 30s, 5m, 1h or ISO 8601 (default 30s)")
  static let threads = OptionSpec.value("--threads", "N", "the threads serving connections, 1 to 64 (default 4)")

  static let spec = CommandSpec(
    "serve", summary: "serve the HTTP API and run the timers until SIGINT or SIGTERM",
    exitStatus: "Exit status: 0 stopped by a signal, 2 usage error, the store cannot be opened or the address taken.",
    action: ActionSpec(
      "", "serve the HTTP API and run the timers until SIGINT or SIGTERM",
      details: """
        Serves the JSON API under /api/v1 (docs/server.md; GET /api/v1/openapi.json describes
        it) on --listen, loopback by default, and ticks as 'dcmc run' does. The first line on
        standard output is the URL it listens on; each request is logged on standard error
        (method, path, status, duration, user). On SIGINT or SIGTERM it stops accepting,
        finishes the requests in flight and exits 0. Requests authenticate with
        'Authorization: Bearer TOKEN' ('dcmc token create'). --as is recorded on ticks.
        """,
      options: [listen, every, threads, RuntimeOptions.storeOption, RuntimeOptions.asOption]
    ) { arguments, terminal throws(UsageError) in
      let (host, port) = try address(arguments.value(listen) ?? "127.0.0.1:8080")
      let seconds = try RunCommand.interval(arguments.value(every) ?? "30s")
      var limits = HTTPDaemon.Limits()
      if let text = arguments.value(threads) {
        guard let count = Int(text), (1...64).contains(count) else {
          throw UsageError("--threads takes a number from 1 to 64, not '\(text.prefix(20))'")
        }
        limits.threads = count
      }
      return serve(
        host: host, port: port, every: seconds, limits: limits,
        try RuntimeOptions(arguments, environment: terminal.environment), terminal)
    })

  /// `127.0.0.1:8080`: an IPv4 address and a port from 0 to 65535.
  static func address(_ text: String) throws(UsageError) -> (String, Int) {
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
      (0...65535).contains(port), colon != text.startIndex
    else { throw UsageError("--listen takes ADDRESS:PORT, like 127.0.0.1:8080, not '\(text.prefix(60))'") }
    return (String(text[..<colon]), port)
  }

  static func serve(
    host: String, port: Int, every: Int, limits: HTTPDaemon.Limits, _ options: RuntimeOptions, _ terminal: Terminal
  ) -> Int32 {
    guard let runtime = RunCommand.opened(options, terminal) else { return ExitCode.usage }
    // Blocked before the daemon's threads start, so they inherit the mask and the signals
    // reach the wait below.
    var signals = RunCommand.blockStopSignals()
    // Concurrent requests share the store's flushes; each is answered after the flush that
    // covers its events (docs/store.md, "Group commit").
    var cases = runtime.service
    cases.committer = GroupCommit(repository: runtime.repository)
    let api = API(cases: cases, tokens: runtime.repository)
    let daemon: HTTPDaemon
    do {
      daemon = try HTTPDaemon(host: host, port: port, limits: limits, unavailable: API.shuttingDown) { request in
        let started = monotonicNanoseconds()
        let answer = api.respond(to: request, at: Instant(secondsSinceEpoch: Int(time(nil))))
        let elapsed = Double(monotonicNanoseconds() - started) / 1_000_000
        terminal.err(RequestLog.line(request, answer, milliseconds: elapsed))
        return answer.response
      }
    } catch {
      terminal.err("dcmc: \(error)\n")
      return ExitCode.usage
    }
    terminal.out("listening on http://\(host):\(daemon.port)\n")
    let received = RunCommand.tick(every: every, runtime, by: options.user, until: &signals, terminal)
    daemon.stop()
    terminal.out("stopped by \(received)\n")
    return ExitCode.success
  }

  private static func monotonicNanoseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return now.tv_sec * 1_000_000_000 + now.tv_nsec
  }
}
