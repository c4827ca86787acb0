import DCMCApplication
import DCMCCalendar
import DCMCPostgres
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
    "--listen", "ADDRESS:PORT", "where to listen, IPv4 or [IPv6] (default 127.0.0.1:8080; port 0 picks a free one)")
  static let every = OptionSpec.value("--every", "DURATION", "how often to tick: 30s, 5m, 1h or ISO 8601 (default 30s)")
  static let threads = OptionSpec.value("--threads", "N", "the workers running requests, 1 to 64 (default 4)")
  static let publicURL = OptionSpec.value(
    "--public-url", "URL",
    "where customers reach the pages, like https://help.example.org: notifications' status links start with it")

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
        The customers' pages, /forms/TYPE and /status/LINK, act as --as (docs/server.md,
        "Pages"); the advisors' desk, /desk, acts as the user of the token signed in with
        (docs/server.md, "Desk"). The limits on rates and connections, and HTTPS, are in docs/server.md.
        """,
      options: [listen, every, threads, publicURL] + ServeLimits.options + [
        RuntimeOptions.storeOption, RuntimeOptions.asOption,
      ]
    ) { arguments, terminal throws(UsageError) in
      let (host, port) = try address(arguments.value(listen) ?? "127.0.0.1:8080")
      let seconds = try RunCommand.interval(arguments.value(every) ?? "30s")
      let limits = try ServeLimits(arguments)
      let url = arguments.value(publicURL)
      if let url, let problem = StatusLinkService.publicURLProblem(url) { throw UsageError("--public-url: \(problem)") }
      var options = try RuntimeOptions(arguments, environment: terminal.environment)
      options.postgres.idleConnections = idleConnections(threads: limits.daemon.threads)
      return serve(host: host, port: port, every: seconds, limits: limits, publicURL: url, options, terminal)
    })

  /// The idle connections a PostgreSQL store's pool keeps for `threads` serving threads: one
  /// each and one for the tick, so that no connection is closed when a burst of requests
  /// gives theirs back, only to be opened again for the next (docs/postgres.md, "Performance
  /// beside pgbench").
  static func idleConnections(threads: Int) -> Int { threads + 1 }

  /// `127.0.0.1:8080` or `[::1]:8080`: an address (IPv6 in brackets) and a port from 0 to 65535.
  /// An address with a colon outside brackets (`::1:8080`, `[::1`) is refused as written: it
  /// was split at its last colon, so `[::1` was refused as `'[[:]:1'`, and `::1:8080` listened
  /// on `[::1]:8080` where `::1:8080` is an IPv6 address too.
  static func address(_ text: String) throws(UsageError) -> (String, Int) {
    let refused = UsageError("--listen takes ADDRESS:PORT, like 127.0.0.1:8080 or [::1]:8080, not '\(text.prefix(60))'")
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
      (0...65535).contains(port), colon != text.startIndex
    else { throw refused }
    var host = text[..<colon]
    let bracketed = host.hasPrefix("[") && host.hasSuffix("]") && host.count > 2
    if bracketed { host = host.dropFirst().dropLast() }
    guard !host.contains("["), !host.contains("]"), bracketed || !host.contains(":") else { throw refused }
    return (String(host), port)
  }

  static func serve(
    host: String, port: Int, every: Int, limits: ServeLimits, publicURL: String?, _ options: RuntimeOptions,
    _ terminal: Terminal
  ) -> Int32 {
    let tls: HTTPDaemon.TLS?
    do {
      tls = try limits.tls()
    } catch {
      terminal.err("dcmc: \(error.message)\n")
      return ExitCode.usage
    }
    guard let runtime = RunCommand.opened(options, terminal) else { return ExitCode.usage }
    // Blocked before the daemon's threads start, so they inherit the mask and the signals
    // reach the wait below.
    var signals = StopSignals.block()
    // The tokens are read again only when tokens.json changed (a revoke by another process).
    let repository = runtime.repository
    let tokens = CachedTokens(repository)
    // Concurrent requests share the store's flushes; each is answered after the flush that
    // covers its events (docs/store.md, "Group commit").
    var cases = runtime.service
    cases.committer = GroupCommit(repository: repository)
    // What this server commits, its ticks included, reaches the event streams as it is made
    // (docs/server.md, "What is exact and what is not").
    let feed = CommitFeed()
    cases.feed = feed
    let api = {
      var api = API(cases: cases, tokens: tokens, limits: limits.rates)
      api.facts = repository
      return api
    }()
    // The public pages act as --as and share the API's anonymous rate; their CSRF secret is
    // drawn for this run (docs/server.md, "Pages").
    let pages = Pages(
      api: api, links: repository, user: options.user, secret: Entropy.system(32),
      secure: tls != nil, publicURL: publicURL, random: Entropy.system)
    let daemon: HTTPDaemon
    do {
      daemon = try HTTPDaemon(
        host: host, port: port, limits: limits.daemon, tls: tls, unavailable: API.shuttingDown,
        clock: { Instant(secondsSinceEpoch: Int(time(nil))) },
        screen: { request in
          // A refusal on the headers alone, before a client that waits sends its body.
          let now = Instant(secondsSinceEpoch: Int(time(nil)))
          let refusal = Pages.serves(request.path) ? pages.screen(request, at: now) : api.screen(request, at: now)
          if let refusal { terminal.err(RequestLog.line(request, refusal, milliseconds: 0)) }
          return refusal?.response
        }
      ) { request in
        let started = monotonicNanoseconds()
        let now = Instant(secondsSinceEpoch: Int(time(nil)))
        let answer = Pages.serves(request.path) ? pages.answer(to: request, at: now) : api.respond(to: request, at: now)
        let elapsed = Double(monotonicNanoseconds() - started) / 1_000_000
        terminal.err(RequestLog.line(request, answer, milliseconds: elapsed))
        return answer.response
      }
    } catch {
      terminal.err("dcmc: \(error)\n")
      return ExitCode.usage
    }
    // On PostgreSQL, other processes' offers, assignments and presence changes wake the
    // streams of the users they name at once (docs/postgres.md, "Serve: LISTEN/NOTIFY").
    let listener = PostgresCaseRepository.isURL(options.storePath)
      ? PostgresEventListener(
        url: options.storePath, wake: { [daemon] users in daemon.wake(users) }, report: { terminal.err("dcmc: \($0)\n") })
      : nil
    do throws(NamedThreadError) { try listener?.start() } catch {
      terminal.err("dcmc: events: \(error); the streams poll\n")
    }
    api.wakeStreams { [daemon] users in daemon.wake(users) }
    let authority = host.contains(":") ? "[\(host)]:\(daemon.port)" : "\(host):\(daemon.port)"
    terminal.out("listening on \(tls == nil ? "http" : "https")://\(authority)\n")
    let received = RunCommand.tick(every: every, runtime, feed: feed, by: options.user, until: &signals, terminal)
    listener?.stop()
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
