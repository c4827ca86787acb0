import DCMCChecker

/// `dcmc schema`: the JSON Schema of the YAML language.
enum SchemaCommand {
  static let help = """
    Usage: dcmc schema

    Prints the JSON Schema (draft 2020-12) of the definition language: every kind, key,
    enum and scalar form, with descriptions, for editors. With the YAML language server
    (VS Code's YAML extension and others), save it and start a file with:

      # yaml-language-server: $schema=./dcm.schema.json

    The schema checks shape only; 'dcmc validate' checks references, expressions and flow.

    """

  static func run(_ argv: [String], terminal: Terminal) throws(UsageError) -> Int32 {
    let arguments = try Arguments(argv, valued: [], flags: ["--help", "-h"])
    if arguments.flags.contains("--help") || arguments.flags.contains("-h") {
      terminal.out(help)
      return ExitCode.success
    }
    guard arguments.positionals.isEmpty else { throw UsageError("schema takes no arguments") }
    terminal.out(LanguageSchema.text)
    return ExitCode.success
  }
}
