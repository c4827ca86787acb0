import DCMCCompiler
import DCMCDiagnostics

/// `dcmc graph CASE_TYPE [PATH...] [--format mermaid|dot]`.
enum GraphCommand {
  static let help = """
    Usage: dcmc graph CASE_TYPE [PATH...] [--format mermaid|dot]

    Prints the flow of a case type as a diagram: stages as clusters, tasks as boxes with
    their target and OLA, outcomes as labelled arrows, escalations dashed (dotted in
    Mermaid), stage changes bold, and each resolution as a terminal node. The definitions
    are validated first and must have no errors. Default path: definitions/.

    Options:
      --format FORMAT  mermaid (default; GitHub and GitLab render it in Markdown) or dot
                       (Graphviz: 'dcmc graph technical --format dot | dot -Tsvg > flow.svg')
      -h, --help       show this help

    Exit status: 0 printed, 1 unknown case type or definitions with errors, 2 usage or I/O
    error.

    """

  static func run(_ argv: [String], terminal: Terminal) throws(UsageError) -> Int32 {
    let arguments = try Arguments(argv, valued: ["--format"], flags: ["--help", "-h"])
    if arguments.flags.contains("--help") || arguments.flags.contains("-h") {
      terminal.out(help)
      return ExitCode.success
    }
    let format = arguments.value("--format") ?? "mermaid"
    guard ["mermaid", "dot"].contains(format) else {
      throw UsageError("unknown format '\(format)'; expected one of: mermaid, dot")
    }
    guard let name = arguments.positionals.first else {
      throw UsageError("graph needs a case type, like 'dcmc graph technical'")
    }
    let input: CheckedDefinitions
    do {
      input = try CheckedDefinitions.load(Array(arguments.positionals.dropFirst()))
    } catch {
      terminal.err("dcmc: \(error.message)\n")
      return ExitCode.usage
    }
    guard input.result.errorCount == 0 else {
      terminal.err(input.report.render(.human, toolVersion: DCMC.version))
      terminal.err("dcmc: no graph: the definitions have errors\n")
      return ExitCode.invalid
    }
    let (bundle, _) = Compiler.compile(input.result.definitions, compilerVersion: DCMC.version)
    guard let caseType = bundle.caseType(name) else {
      let close = Suggestion.closest(to: name, in: bundle.caseTypes.map(\.id))
      let known = bundle.caseTypes.map { "'\($0.id)'" }.joined(separator: ", ")
      terminal.err(
        "dcmc: unknown case type '\(name.prefix(64))'"
          + (close.map { "; a case type with a similar name exists: '\($0)'" }
            ?? "; case types: \(known)") + "\n")
      return ExitCode.invalid
    }
    let graph = FlowGraph(caseType)
    terminal.out(format == "dot" ? graph.dot() : graph.mermaid())
    return ExitCode.success
  }
}
