import DCMCChecker

/// `dcmc schema`: the JSON Schema of the YAML language.
enum SchemaCommand {
  static let spec = CommandSpec(
    "schema", summary: "print the JSON Schema of the YAML language, for editors",
    exitStatus: "Exit status: 0 printed, 2 usage error.",
    action: ActionSpec(
      "", "print the JSON Schema of the YAML language, for editors",
      details: """
        Prints the JSON Schema (draft 2020-12) of the definition language: every kind, key,
        enum and scalar form, with descriptions, for editors. With the YAML language server
        (VS Code's YAML extension and others), save it and start a file with:

          # yaml-language-server: $schema=./dcm.schema.json

        The schema checks shape only; 'dcmc validate' checks references, expressions and flow.
        """
    ) { _, terminal in run(terminal) })

  static func run(_ terminal: Terminal) -> Int32 {
    terminal.out(LanguageSchema.text)
    return ExitCode.success
  }
}
