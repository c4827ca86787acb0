import DCMCApplication

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `dcmc outbox list|ack|deliver`: the rendered notifications waiting for delivery.
enum OutboxCommand {
  static let notification = PositionalSpec.required("ID", "a notification id, like TEC-000042/n1")
  static let via = OptionSpec.value(
    "--via", "CMD", "the command ('sh -c') that delivers a notification, read on its standard input",
    required: true)
  static let batch = OptionSpec.flag(
    "--batch", "run CMD once for all pending notifications, as JSON lines; it answers with the ids it delivered")
  static let timeout = OptionSpec.value(
    "--timeout", "DURATION", "stop a run of CMD that takes longer: 30s, 5m or ISO 8601 (default 60s)")
  /// Seconds a run of the delivery command may take by default.
  static let defaultTimeout = 60

  static let spec = CommandSpec(
    "outbox", summary: "list the rendered notifications, deliver them through a command, mark them",
    details: """
      The outbox holds every customer's messages: acting as a user (--as, $DCM_USER), it is for
      a supervisor of any workgroup; without an acting user, for whoever runs dcmc on the store.
      """,
    exitStatus: "Exit status: 0 done, 1 refused or a delivery failed, 2 usage error or I/O error.",
    actions: [
      .runtime("list", "list every notification, pending or delivered") { _, options, terminal in
        run(.list, options, terminal)
      },
      .runtime("ack", "mark a notification delivered (by another way than deliver)", positionals: [notification]) {
        arguments, options, terminal throws(UsageError) in
        let id = try arguments[notification]
        guard id.contains("/") else {
          throw UsageError("'\(id.prefix(40))' is not a notification id; a notification id is like TEC-000042/n1")
        }
        return run(.ack(id: id), options, terminal)
      },
      .runtime(
        "deliver", "hand each pending notification to a command, marking it delivered when the command says so",
        details: """
          Runs CMD with 'sh -c' once per pending notification, the notification as one JSON
          document (as 'outbox list --json' shows it) on its standard input and its id in
          DCMC_NOTIFICATION_ID, and marks it delivered when CMD exits 0. With --batch, runs CMD
          once for all of them, one JSON document a line, and marks delivered the ids CMD prints
          on its standard output, one a line (at most 64 KiB and 256 bytes a notification are
          read). A run of CMD that takes longer than --timeout is stopped (SIGKILL to its process
          group) and what it did not deliver stays pending. Each notification goes to one
          delivery at a time: a run leases the pending notifications under the store's lock for
          5 minutes (or twice the time-out when longer) and renews the lease while it works;
          notifications another run holds are left to it, and those of a run that died are taken
          over when its lease expires. Exit status 1 when a notification was not delivered, 2
          when CMD cannot be started (the shell's status 126 or 127).
          """,
        options: [via, batch, timeout]
      ) { arguments, options, terminal throws(UsageError) in
        let seconds = try arguments.value(timeout).map { text throws(UsageError) in try RunCommand.interval(text) }
        let limit = seconds ?? defaultTimeout
        let gateway: any NotificationGateway =
          arguments.has(batch)
          ? BatchCommandGateway(command: try arguments[via], timeLimit: limit)
          : CommandGateway(command: try arguments[via], timeLimit: limit)
        // Without --at, the leases follow the real clock through a long run.
        let clock: (any Clock)? = arguments.value(RuntimeOptions.atOption) == nil ? SystemClock() : nil
        return deliver(through: gateway, clock: clock, options, terminal)
      },
    ])

  /// What an outbox action asks.
  enum Request {
    case list
    case ack(id: String)
  }

  static func run(_ request: Request, _ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    switch request {
    case .list:
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let entries = try options.open().service.outbox(by: options.user)
        return options.json
          ? RuntimeOutput.list(entries.map(\.json))
          : entries.map { note in
            "\(note.id)  \(note.delivered ? "delivered" : "pending")  \(note.event)  \(note.channel) to \(note.to)  \(note.subject)"
              + (note.lastFailure.map { "  (\(note.failures) failed: \($0))" } ?? "")
          }.joined(separator: "\n")
      }
    case .ack(let id):
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        try options.open().service.acknowledge(notification: id, by: options.user)
        return options.json ? RuntimeOutput.text(.object([("delivered", .string(id))])) : "delivered \(id)"
      }
    }
  }

  /// Delivers the pending notifications through `gateway`, as a run of its own; on `clock`
  /// when given, else at the command's instant.
  static func deliver(
    through gateway: any NotificationGateway, clock: (any Clock)?, _ options: RuntimeOptions, _ terminal: Terminal
  ) -> Int32 {
    var exit = ExitCode.success
    let status = RuntimeOptions.run(terminal) { () throws(ServiceError) in
      var service = try options.open().service
      if let clock { service = service.with(clock: clock) }
      let delivery = try service.deliverOutbox(through: gateway, owner: runOwner(), by: options.user)
      report(delivery, terminal)
      exit = delivery.unavailable != nil ? ExitCode.usage : delivery.failed.isEmpty ? ExitCode.success : ExitCode.invalid
      if options.json {
        return RuntimeOutput.text(
          .object([
            ("delivered", .array(delivery.delivered.map { .string($0) })),
            (
              "failed",
              .array(delivery.failed.map { .object([("id", .string($0.id)), ("reason", .string($0.reason))]) })
            ),
            ("held", .array(delivery.held.map { .string($0) })),
            ("problems", .array(delivery.problems.map { .string($0) })),
            ("untried", .array(delivery.untried.map { .string($0) })),
          ]))
      }
      return delivery.delivered.map { "delivered \($0)" }.joined(separator: "\n")
    }
    return status == ExitCode.success ? exit : status
  }

  /// What did not go as asked, on standard error.
  static func report(_ delivery: OutboxDelivery, _ terminal: Terminal) {
    for problem in delivery.problems { terminal.err("dcmc: \(problem)\n") }
    for (id, reason) in delivery.failed { terminal.err("dcmc: notification \(id) stays pending: \(reason)\n") }
    if !delivery.held.isEmpty {
      terminal.err("dcmc: \(count(delivery.held.count)) left to another delivery run, which holds them\n")
    }
    if let reason = delivery.unavailable {
      terminal.err("dcmc: \(reason); \(count(delivery.untried.count)) not tried\n")
    }
    if !delivery.failed.isEmpty {
      let tried = delivery.delivered.count + delivery.failed.count
      terminal.err("dcmc: \(delivery.failed.count) of \(count(tried)) not delivered\n")
    }
  }

  private static func count(_ number: Int) -> String { "\(number) notification\(number == 1 ? "" : "s")" }

  /// This run's name on its leases: the host, the process and a random number, so that no two
  /// runs share one.
  static func runOwner() -> String {
    var host = [CChar](repeating: 0, count: 256)
    _ = gethostname(&host, host.count - 1)
    let name = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return "\(name) pid \(getpid()) \(String(UInt64.random(in: .min ... .max), radix: 16))"
  }
}
