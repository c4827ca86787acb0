import DCMCModel
import DCMCRuntime

/// `dcmc task list|next|offers|accept|decline|claim|open|release|escalate|assign|reassign|complete|set|reschedule`: the
/// table of the task actions and the typed request each one's arguments become.
enum TaskCommand {
  static let id = PositionalSpec.required(
    "ID", "a task id: the case id, a dot and the task's number, like TEC-000042.1")
  static let workbin = OptionSpec.value("--workbin", "TARGET", "only the tasks in this workgroup's workbin")
  static let mine = OptionSpec.flag("--mine", "only the tasks assigned to the acting user")
  static let to = OptionSpec.value("--to", "USER", "the user who gets the task", required: true)
  static let target = OptionSpec.value("--target", "TARGET", "the workgroup the task moves to", required: true)
  static let outcome = OptionSpec.value("--outcome", "CODE", "the outcome, one of the task's", required: true)
  static let data = OptionSpec.value("--data", "K=V", "a value the outcome records", repeatable: true)
  static let priority = OptionSpec.value("--priority", "P", "the new priority: 0 to 100, low, medium, high or critical")
  static let until = OptionSpec.value(
    "--until", "TIME", "when the task comes back to the queue, ISO 8601 with an offset like 2026-03-03T09:00:00+01:00",
    required: true)
  static let reason = OptionSpec.value("--reason", "CODE", "why the offer is declined", required: true)
  static let ola = OptionSpec.value(
    "--ola", "DURATION", "the new OLA from now: 90m, 16h, 3d, 2d 4h or ISO 8601; \(CaseCommand.longestDeadline)")

  static let spec = CommandSpec(
    "task", summary: "list, pull, claim, work on, complete, escalate and re-plan tasks",
    details: """
      A task id is the case id, a dot and the task's number: TEC-000042.1. A user may do
      what the workgroups of the task's target let them.
      """,
    exitStatus: "Exit status: 0 done, 1 refused (nothing changed), 2 usage error or I/O error.",
    actions: [
      action(
        "list", "list the active tasks, most urgent first", options: [workbin, mine], actingUser: .neededWith(mine)
      ) { .list(workbin: $0.value(workbin), mine: $0.has(mine)) },
      .runtime(
        "next", "claim the most urgent task the user may take",
        details: """
          Claims the most urgent task the user may take: highest priority first, then the
          earliest OLA due time, then the oldest. No cherry-picking. With --request-id, a
          retry while the user still holds the task it claimed prints that task and claims
          nothing.
          """,
        options: [CaseCommand.commandRequestID], actingUser: .needed
      ) { arguments, options, terminal throws(UsageError) in
        try run(.next(requestID: arguments.value(CaseCommand.commandRequestID)), options, terminal)
      },
      action("offers", "list the tasks offered to the acting user", options: [], actingUser: .needed) { _ in .offers },
      change("accept", "take a task offered to the acting user") { id, _ in .acceptOffer(task: id) },
      change("decline", "turn down a task offered to the acting user", options: [reason]) {
        id, arguments throws(UsageError) in
        .declineOffer(task: id, reason: try arguments[reason])
      },
      change("claim", "take a task from its workbin") { id, _ in .claim(task: id) },
      change("open", "start work on a claimed task") { id, _ in .open(task: id) },
      change("release", "put a task back in its workbin") { id, _ in .release(task: id) },
      change("escalate", "escalate a task as its definition says") { id, _ in .escalate(task: id) },
      change(
        "assign", "give a task to a user (a supervisor's action)", options: [to],
        details: """
          Assigning a task to the user who has it (assigned, or working on it) records nothing
          and says so; the task stays as it is. --json prints the task with "recorded":
          whether anything was.
          """, as: Request.recording
      ) { id, arguments throws(UsageError) in
        .assign(task: id, to: try arguments[to])
      },
      change(
        "reassign", "move a task to another workgroup's workbin", options: [target],
        details: """
          Moving a task to the workbin it is in records nothing and says so; it keeps its
          assignee or offer (a move puts it back in the queue). --json prints the task with
          "recorded": whether anything was.
          """, as: Request.recording
      ) { id, arguments throws(UsageError) in
        .reassign(task: id, target: try arguments[target])
      },
      change("complete", "complete a task with an outcome", options: [outcome, data]) {
        id, arguments throws(UsageError) in
        .complete(task: id, outcome: try arguments[outcome], data: try arguments.pairs(data))
      },
      change(
        "set", "change a task's priority or its OLA", options: [priority, ola],
        details: """
          An OLA that gives the task the plan it has (its due time and warning: given again at
          the same time, or while the OLA's calendar is closed) records nothing and says so; one
          given later in business hours is a new plan from then. --json prints the task with
          "recorded": whether anything was.
          """, as: Request.recording
      ) { id, arguments throws(UsageError) in try replan(id, arguments) },
      .runtime(
        "reschedule", "take a task out of the queue until a time; its OLA clock stops meanwhile",
        details: """
          A queued or assigned task (an assigned one is released) leaves the queue with status
          scheduled and comes back queued, with its priority, at --until (tick or run brings it
          back). Its OLA clock does not run meanwhile: its due time moves by the business time it
          was away. Rescheduling a scheduled task moves its return. By the task's assignee (of a
          scheduled task, the advisor who last had it) or a supervisor of its target.
          """,
        positionals: [id], options: [until], actingUser: .needed
      ) { arguments, options, terminal throws(UsageError) in
        // An unreadable time is a usage error (exit 2), as it is for --at.
        let time = try CalendarRequest.time(arguments[until], for: until)
        return try change(arguments, options, terminal, .reschedule(task: try arguments[id], until: time.instant))
      },
    ])

  /// What a task action asks, from its parsed arguments.
  enum Request {
    case list(workbin: String?, mine: Bool)
    case next(requestID: String?)
    case offers
    case change(task: String, caseID: String, Command)
    /// `task set`, `assign` and `reassign`: a change that says whether it recorded anything.
    case recording(task: String, caseID: String, Command)
  }

  private static func action(
    _ name: String, _ summary: String, options: [OptionSpec], actingUser: ActionSpec.ActingUser,
    request: @escaping @Sendable (ParsedArguments) -> Request
  ) -> ActionSpec {
    .runtime(name, summary, options: options, actingUser: actingUser) {
      arguments, options, terminal throws(UsageError) in
      try run(request(arguments), options, terminal)
    }
  }

  /// An action on one task, by the acting user: its arguments become the engine's command,
  /// run as `request` (`Request.change` unless given).
  private static func change(
    _ name: String, _ summary: String, options: [OptionSpec] = [], details: String = "",
    as request: @escaping @Sendable (String, String, Command) -> Request = Request.change,
    command: @escaping @Sendable (String, ParsedArguments) throws(UsageError) -> Command
  ) -> ActionSpec {
    .runtime(name, summary, details: details, positionals: [id], options: options, actingUser: .needed) {
      arguments, options, terminal throws(UsageError) in
      try change(arguments, options, terminal, try command(arguments[id], arguments), as: request)
    }
  }

  /// Runs `command` on the task the arguments name, as `request`.
  private static func change(
    _ arguments: ParsedArguments, _ options: RuntimeOptions, _ terminal: Terminal, _ command: Command,
    as request: (String, String, Command) -> Request = Request.change
  ) throws(UsageError) -> Int32 {
    let task = try arguments[id]
    guard let dot = task.lastIndex(of: "."), dot != task.startIndex else {
      throw UsageError(
        "'\(task.prefix(40))' is not a task id; a task id is the case id, a dot and a number: TEC-000042.1")
    }
    return try run(request(task, String(task[..<dot]), command), options, terminal)
  }

  /// `task set`: exactly one of `--priority` and `--ola`.
  private static func replan(_ task: String, _ arguments: ParsedArguments) throws(UsageError) -> Command {
    switch (arguments.value(priority), arguments.value(ola)) {
    case (let text?, nil):
      guard let priority = Priority(text) else {
        throw UsageError("invalid priority '\(text.prefix(20))'; give 0 to 100, low, medium, high or critical")
      }
      return .setPriority(task: task, priority: priority.value)
    case (nil, let text?):
      let duration = try CalendarRequest.duration(text)
      return .setOLA(task: task, days: duration.days, seconds: duration.seconds)
    case (nil, nil): throw UsageError("'task set' needs --priority P or --ola DURATION")
    case (_?, _?): throw UsageError("'task set' takes --priority or --ola, not both")
    }
  }
}
