import DCMCApplication
import DCMCCalendar
import DCMCModel
import DCMCStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `dcmc run --every DURATION`: `tick` on the real clock until SIGINT or SIGTERM.
enum RunCommand {
  static let every = OptionSpec.value(
    "--every", "DURATION", "how often to tick: 30s, 5m, 1h or ISO 8601", required: true)

  static let spec = CommandSpec(
    "run", summary: "tick on the real clock every DURATION until SIGINT or SIGTERM",
    exitStatus: "Exit status: 0 stopped by a signal, 2 usage error or the store cannot be opened.",
    action: ActionSpec(
      "", "tick on the real clock every DURATION until SIGINT or SIGTERM",
      details: """
        Fires every due timer now, then again every DURATION on the real clock, printing one
        line per tick, until SIGINT or SIGTERM, when it finishes the tick in progress and exits
        0. Between ticks it sleeps in the kernel and uses no CPU. A tick the store refuses (the
        clock ran backwards) is reported and the next one is tried. --as is recorded.
        """,
      options: [every, RuntimeOptions.storeOption, RuntimeOptions.asOption]
    ) { arguments, terminal throws(UsageError) in
      let seconds = try interval(arguments[every])
      return run(every: seconds, try RuntimeOptions(arguments, environment: terminal.environment), terminal)
    })

  /// Ticks now and then every `every` seconds of real time until a stop signal.
  static func run(every: Int, _ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    guard let runtime = RunCommand.opened(options, terminal) else { return ExitCode.usage }
    var signals = StopSignals.block()
    let received = tick(every: every, runtime, by: options.user, until: &signals, terminal)
    terminal.out("stopped by \(received)\n")
    return ExitCode.success
  }

  /// The store of a command that runs until a signal; `nil`, said on standard error, when it
  /// cannot be opened or `--as` is no user id (every tick would record it on the events it
  /// writes: a line break in it forged lines of `case history`).
  static func opened(_ options: RuntimeOptions, _ terminal: Terminal) -> Runtime? {
    do throws(ServiceError) {
      if let user = options.user { _ = try UserID.checked(user) }
      return try options.open()
    } catch {
      terminal.err("dcmc: \(RuntimeOptions.words(error))\n")
      return nil
    }
  }

  /// Ticks on the real clock now and every `every` seconds, one line each on standard output,
  /// until one of `signals` (blocked) arrives; returns its name. Nothing runs between ticks.
  /// The changes each tick makes are published to `feed` (`dcmc serve`'s event streams).
  static func tick(
    every: Int, _ runtime: Runtime, feed: CommitFeed? = nil, by user: String?, until signals: inout sigset_t,
    _ terminal: Terminal
  ) -> String {
    var service = runtime.service
    service.feed = feed
    while true {
      let now = Instant(secondsSinceEpoch: Int(time(nil)))
      do throws(ServiceError) {
        let changed = try service.with(clock: FixedClock(now)).tick(by: user)
        terminal.out("tick at \(now): \(changed.count) case\(changed.count == 1 ? "" : "s") changed\n")
      } catch {
        terminal.err("dcmc: tick at \(now): \(RuntimeOptions.words(error))\n")
      }
      var timeout = timespec(tv_sec: every, tv_nsec: 0)
      let received = sigtimedwait(&signals, nil, &timeout)
      if received == SIGINT || received == SIGTERM { return received == SIGINT ? "SIGINT" : "SIGTERM" }
    }
  }

  /// The longest interval an option takes: 100 years. Added to now, a longer one could leave
  /// the instants dcmc writes and reads back (a token's `--expires 99999999d` made
  /// tokens.json unreadable, and every token with it) or overflow (`9223372036854775807s`
  /// trapped).
  static let maximumInterval = 36_525 * 86_400

  /// `30s`, `5m`, `1h`, `PT30S`: whole seconds of real time, at least one and at most
  /// `maximumInterval`.
  static func interval(_ text: String) throws(UsageError) -> Int {
    let seconds: Int
    if text.hasSuffix("s"), let whole = Int(text.dropLast()), whole > 0 {
      seconds = whole
    } else {
      seconds = try CalendarRequest.duration(text).totalSeconds(dayLength: 86_400)
    }
    guard seconds <= maximumInterval else {
      throw UsageError("the duration '\(text.prefix(40))' is longer than 100 years (36525d)")
    }
    return seconds
  }
}
