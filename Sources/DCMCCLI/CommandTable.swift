/// Every command of dcmc, in the order `dcmc --help` lists them: the one table that
/// dispatch, help and usage errors read.
enum CommandTable {
  static let commands: [CommandSpec] = [
    ValidateCommand.spec, ExplainCommand.spec, CalendarCommand.spec, CompileCommand.spec, GraphCommand.spec,
    SchemaCommand.spec, BundleCommand.spec, TestCommand.spec, DeployCommand.spec, CaseCommand.spec,
    CustomerCommand.spec, TaskCommand.spec, PresenceCommand.spec, TickCommand.spec, RunCommand.spec,
    OutboxCommand.spec, StoreCommand.spec, ReportCommand.spec, ServeCommand.spec, TokenCommand.spec, LSPCommand.spec,
  ]

  /// Every option name and alias some action takes: an option of another action is named
  /// as such, never "corrected" to a similar one.
  static let optionNames: Set<String> = Set(
    commands.flatMap(\.actions).flatMap(\.allOptions).flatMap { [$0.name] + ($0.alias.map { [$0] } ?? []) })

  static func command(named name: String) -> CommandSpec? { commands.first { $0.name == name } }
}
