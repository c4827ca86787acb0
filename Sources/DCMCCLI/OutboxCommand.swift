import DCMCApplication

/// `dcmc outbox list|ack|deliver`: the rendered notifications waiting for delivery.
enum OutboxCommand {
  static let notification = PositionalSpec.required("ID", "a notification id, like TEC-000042/n1")
  static let via = OptionSpec.value(
    "--via", "CMD", "the command ('sh -c') that delivers one notification, read on its standard input",
    required: true)

  static let spec = CommandSpec(
    "outbox", summary: "list the rendered notifications, deliver them through a command, mark them",
    exitStatus: "Exit status: 0 done, 1 refused or a delivery failed, 2 usage error or I/O error.",
    actions: [
      .runtime("list", "list every notification, pending or delivered") { _, options, terminal in
        run(.list, options, terminal)
      },
      .runtime("ack", "mark a notification delivered (by another way than deliver)", positionals: [notification]) {
        arguments, options, terminal throws(UsageError) in
        let id = arguments[notification]
        guard id.contains("/") else {
          throw UsageError("'\(id.prefix(40))' is not a notification id; a notification id is like TEC-000042/n1")
        }
        return run(.ack(id: id), options, terminal)
      },
      .runtime(
        "deliver", "pipe each pending notification to a command, marking it delivered when it exits 0",
        details: """
          Runs CMD with 'sh -c' once per pending notification, the notification as one JSON
          document on its standard input, and marks it delivered only when CMD exits 0.
          """,
        options: [via]
      ) { arguments, options, terminal in run(.deliver(via: arguments[via]), options, terminal) },
    ])

  /// What an outbox action asks.
  enum Request {
    case list
    case ack(id: String)
    case deliver(via: String)
  }

  static func run(_ request: Request, _ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    switch request {
    case .list:
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        let entries = try options.open().service.outbox()
        return options.json
          ? RuntimeOutput.list(entries.map(\.json))
          : entries.map { note in
            "\(note.id)  \(note.delivered ? "delivered" : "pending")  \(note.event)  \(note.channel) to \(note.to)  \(note.subject)"
          }.joined(separator: "\n")
      }
    case .ack(let id):
      return RuntimeOptions.run(terminal) { () throws(ServiceError) in
        try options.open().service.acknowledge(notification: id, by: options.user)
        return options.json ? RuntimeOutput.text(.object([("delivered", .string(id))])) : "delivered \(id)"
      }
    case .deliver(let command):
      return deliver(via: command, options, terminal)
    }
  }

  /// Pipes each pending notification to `command`; delivered only when it exits 0.
  static func deliver(via command: String, _ options: RuntimeOptions, _ terminal: Terminal) -> Int32 {
    var failed = 0
    let status = RuntimeOptions.run(terminal) { () throws(ServiceError) in
      let delivery = try options.open().service.deliverOutbox(through: CommandGateway(command: command), by: options.user)
      for (id, reason) in delivery.failed { terminal.err("dcmc: notification \(id) stays pending: \(reason)\n") }
      failed = delivery.failed.count
      if options.json {
        return RuntimeOutput.text(
          .object([
            ("delivered", .array(delivery.delivered.map { .string($0) })),
            (
              "failed",
              .array(delivery.failed.map { .object([("id", .string($0.id)), ("reason", .string($0.reason))]) })
            ),
          ]))
      }
      return delivery.delivered.map { "delivered \($0)" }.joined(separator: "\n")
    }
    return status == ExitCode.success && failed > 0 ? ExitCode.invalid : status
  }
}
