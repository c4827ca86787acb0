extension ActionSpec {
  /// A runtime action: it takes the runtime options (`--store`, `--as`, `--at`, `--json`),
  /// and `run` receives them read, after the arguments have been parsed and the acting
  /// user checked.
  static func runtime(
    _ name: String, _ summary: String, details: String = "", positionals: [PositionalSpec] = [],
    options: [OptionSpec] = [], actingUser: ActingUser = .notNeeded,
    run: @escaping @Sendable (ParsedArguments, RuntimeOptions, Terminal) throws(UsageError) -> Int32
  ) -> ActionSpec {
    ActionSpec(
      name, summary, details: details, positionals: positionals, options: options, groups: [RuntimeOptions.group],
      actingUser: actingUser
    ) { arguments, terminal throws(UsageError) in
      try run(arguments, try RuntimeOptions(arguments, environment: terminal.environment), terminal)
    }
  }

  /// A runtime action by the acting user whose arguments become a typed request (`request`)
  /// that `run` carries out with the runtime options: how `customer` and `presence` declare
  /// their actions.
  static func acting<Request>(
    _ name: String, _ summary: String, _ positionals: [PositionalSpec], options: [OptionSpec],
    request: @escaping @Sendable (ParsedArguments) throws(UsageError) -> Request,
    run: @escaping @Sendable (Request, RuntimeOptions, Terminal) throws(UsageError) -> Int32
  ) -> ActionSpec {
    .runtime(name, summary, positionals: positionals, options: options, actingUser: .needed) {
      arguments, options, terminal throws(UsageError) in try run(try request(arguments), options, terminal)
    }
  }
}
