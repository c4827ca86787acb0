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
}
