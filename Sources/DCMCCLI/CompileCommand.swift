import DCMCBundle
import DCMCCompiler

/// `dcmc compile [PATH...] --output FILE`.
enum CompileCommand {
  static let paths = PositionalSpec.definitionPaths
  static let output = OptionSpec.value(
    "--output", "FILE", "where to write the bundle ('-' for standard output)", alias: "-o", required: true)

  static let spec = CommandSpec(
    "compile", summary: "validate and write the compiled bundle (JSON) the runtime loads",
    exitStatus: "Exit status: 0 written, 1 the definitions have errors, 2 usage error or I/O error.",
    action: ActionSpec(
      "", "validate and write the compiled bundle (JSON) the runtime loads",
      details: """
        Validates the definitions like 'dcmc validate' and, when there is no error, writes the
        compiled bundle (format \(DefinitionBundle.currentFormat), docs/bundle.md): one JSON document
        with every definition resolved and a SHA-256 content hash. The same definitions always
        give the same bytes. Nothing is written when there are errors, nor over one of the
        files read (exit 2). Diagnostics and the summary go to standard error. Default path:
        definitions/.
        """,
      positionals: [paths], options: [output]
    ) { arguments, terminal throws(UsageError) in
      run(paths: arguments.positionals(paths), output: try arguments[output], terminal)
    })

  /// Compiles the definitions under `paths` into `output` (`-` for standard output).
  static func run(paths: [String], output: String, _ terminal: Terminal) -> Int32 {
    let input: CheckedDefinitions
    switch CheckedDefinitions.clean(paths, or: "nothing compiled", terminal) {
    case .success(let checked): input = checked
    case .failure(let status): return status.code
    }
    // One slip (`-o definitions/technical.yaml`) would replace a definition with the bundle.
    if output != "-", let target = ResolvedPath.file(output),
      let read = input.files.first(where: { $0 != "-" && ResolvedPath.file($0)?.isSameFile(as: target) == true })
    {
      terminal.err("dcmc: nothing compiled: the output '\(output)' is the definitions file '\(read)'\n")
      return ExitCode.usage
    }
    if input.result.warningCount > 0 {
      terminal.err(input.report.render(.human, toolVersion: DCMC.version))
    }
    let (bundle, bytes): (DefinitionBundle, [UInt8])
    switch input.compiled(terminal) {
    case .success(let compiled): (bundle, bytes) = (compiled.bundle, compiled.bytes)
    case .failure(let status): return status.code
    }
    if output == "-" {
      terminal.out(String(decoding: bytes, as: UTF8.self))
      // Not "compiled into standard output" when it is not there: `DCMC.main` says why.
      guard !terminal.outputFailed else { return ExitCode.usage }
    } else {
      do {
        try FileIO.writeAtomically(bytes, to: output)
      } catch {
        terminal.err("dcmc: \(error.message)\n")
        return ExitCode.usage
      }
    }
    let destination = output == "-" ? "standard output" : "'\(output)'"
    terminal.err("compiled \(BundleSummary(bundle).text) into \(destination) (\(bundle.hash))\n")
    return ExitCode.success
  }
}

/// `5 case types, 2 calendars, ...`: what a bundle holds, for one-line summaries. The built-in
/// `24x7` calendar, which every bundle holds, is not counted.
struct BundleSummary {
  var text: String

  init(_ bundle: DefinitionBundle) {
    func count(_ number: Int, _ noun: String) -> String {
      "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
    text = [
      count(bundle.caseTypes.count, "case type"),
      count(bundle.calendars.count { $0.id != BundleCalendar.alwaysOpenID }, "calendar"),
      count(bundle.workgroups.count, "workgroup"), count(bundle.templates.count, "template"),
    ].joined(separator: ", ")
  }
}
