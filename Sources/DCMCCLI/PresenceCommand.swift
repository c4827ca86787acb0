import DCMCRuntime

/// `dcmc presence set|list|history`: the table of the presence actions (SPEC section 15) and
/// the typed request each one's arguments become.
enum PresenceCommand {
  static let state = PositionalSpec.required("STATE", "ready, not_ready or logged_off")
  static let user = PositionalSpec.required("USER", "a user of the directory")
  static let reason = OptionSpec.value(
    "--reason", "CODE", "why not ready: one of the Presence kind's not_ready reasons")
  static let other = OptionSpec.value(
    "--user", "USER", "set the presence of this member of a workgroup the acting user supervises")
  static let workgroup = OptionSpec.value("--workgroup", "W", "only the members of this workgroup")

  static let spec = CommandSpec(
    "presence", summary: "say whether you are ready for work, and see who is",
    details: """
      A user is logged_off until they say otherwise, ready for work, not_ready with a reason
      (the Presence kind's not_ready list), or in wrap_up after a pushed task. A supervisor may
      set the presence of a member of a workgroup they supervise. Times are in UTC.
      """,
    exitStatus: "Exit status: 0 done, 1 refused (nothing changed), 2 usage error or I/O error.",
    actions: [
      action(
        "set", "set the acting user's presence (or --user's)", [state],
        options: [reason, other, CaseCommand.commandRequestID]
      ) {
        arguments throws(UsageError) in
        .set(
          try choice(arguments[state]), reason: arguments.value(reason), user: arguments.value(other),
          requestID: arguments.value(CaseCommand.commandRequestID))
      },
      action(
        "list", "list users with their state, reason, since when, the work they hold and their capacity",
        [], options: [workgroup]
      ) { .list(workgroup: $0.value(workgroup)) },
      action("history", "list every change of a user's presence", [user]) { arguments throws(UsageError) in
        .history(user: try arguments[user])
      },
    ])

  /// What a presence action asks, from its parsed arguments.
  enum Request {
    case set(PresenceStatus.Choice, reason: String?, user: String?, requestID: String?)
    case list(workgroup: String?)
    case history(user: String)
  }

  /// A presence action, by the acting user: its arguments become a `Request`, which runs with
  /// the runtime options.
  private static func action(
    _ name: String, _ summary: String, _ positionals: [PositionalSpec], options: [OptionSpec] = [],
    request: @escaping @Sendable (ParsedArguments) throws(UsageError) -> Request
  ) -> ActionSpec {
    .acting(name, summary, positionals, options: options, request: request, run: run)
  }

  /// The state a user may choose; anything else is a usage error that lists them.
  static func choice(_ text: String) throws(UsageError) -> PresenceStatus.Choice {
    guard let choice = PresenceStatus.Choice(rawValue: text) else {
      let valid = PresenceStatus.Choice.allCases.map(\.rawValue).joined(separator: ", ")
      throw UsageError("unknown state '\(text.prefix(40))'; the states are \(valid)")
    }
    return choice
  }
}
