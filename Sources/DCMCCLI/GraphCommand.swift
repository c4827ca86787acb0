import DCMCBundle
import DCMCCompiler
import DCMCDiagnostics
internal import DCMCText

/// `dcmc graph CASE_TYPE [PATH...] [--format FORMAT]`.
enum GraphCommand {
  static let caseType = PositionalSpec.required("CASE_TYPE", "a case type")
  static let paths = PositionalSpec.definitionPaths
  static let format = OptionSpec.value(
    "--format", "FORMAT",
    "mermaid by default (GitHub and GitLab render it in Markdown), or dot for Graphviz: "
      + "'dcmc graph technical --format dot | dot -Tsvg > flow.svg'",
    choices: .init(noun: "format", plural: "formats", values: ["mermaid", "dot"]))

  static let spec = CommandSpec(
    "graph", summary: "print a case type's flow as a Mermaid or Graphviz diagram",
    exitStatus: "Exit status: 0 printed, 1 unknown case type or definitions with errors, 2 usage or I/O error.",
    action: ActionSpec(
      "", "print a case type's flow as a Mermaid or Graphviz diagram",
      details: """
        Prints the flow of a case type as a diagram: stages as clusters, tasks as boxes with
        their target and OLA, outcomes as labelled arrows, escalations dashed (dotted in
        Mermaid), stage changes bold, and each resolution as a terminal node. The definitions
        are validated first and must have no errors. Default path: definitions/.
        """,
      positionals: [caseType, paths], options: [format]
    ) { arguments, terminal throws(UsageError) in
      run(
        caseType: try arguments[caseType], paths: arguments.positionals(paths), dot: arguments.value(format) == "dot",
        terminal)
    })

  /// Prints the flow of `name` as defined under `paths`, in Graphviz's language when `dot`.
  static func run(caseType name: String, paths: [String], dot: Bool, _ terminal: Terminal) -> Int32 {
    let input: CheckedDefinitions
    switch CheckedDefinitions.clean(paths, or: "no graph", terminal) {
    case .success(let checked): input = checked
    case .failure(let status): return status.code
    }
    let bundle: DefinitionBundle
    switch input.compiled(terminal) {
    case .success(let compiled): bundle = compiled.bundle
    case .failure(let status): return status.code
    }
    guard let caseType = bundle.caseType(name) else {
      let close = Suggestion.closest(to: name, in: bundle.caseTypes.map(\.id))
      let known = bundle.caseTypes.map { "'\($0.id)'" }.joined(separator: ", ")
      terminal.err(
        "dcmc: unknown case type '\(String(name.prefix(64)).escapingControls)'"
          + (close.map { "; a case type with a similar name exists: '\($0)'" }
            ?? "; case types: \(known)") + "\n")
      return ExitCode.invalid
    }
    let graph = FlowGraph(caseType)
    terminal.out(dot ? graph.dot() : graph.mermaid())
    return ExitCode.success
  }
}
