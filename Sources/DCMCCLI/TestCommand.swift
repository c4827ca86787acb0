import DCMCBundle
import DCMCApplication
import DCMCCalendar
import DCMCCompiler
import DCMCRuntime
import DCMCScenarios

/// `dcmc test [PATH...]`: runs the scenarios of the definitions on the runtime's engine.
enum TestCommand {
  static let paths = PositionalSpec.definitionPaths
  static let strict = OptionSpec.flag("--strict", "treat warnings in the definitions as errors")

  static let spec = CommandSpec(
    "test", summary: "run the scenarios of the definitions on the runtime's engine",
    exitStatus: """
      Exit status: 0 every scenario passed, 1 a scenario failed, there was none to run or
      the definitions have errors, 2 usage error or unreadable path.
      """,
    action: ActionSpec(
      "", "run the scenarios of the definitions on the runtime's engine",
      details: """
        Validates the definitions under PATH (default definitions/), compiles them, and runs
        every Scenario document on the runtime's engine with an injected clock: 'advance' and
        'at' fire the timers that fall due on the way, in order, as 'dcmc tick' does. A failing
        expectation is reported at its step's place with what was expected and what was found.
        The last line is 'N passed, N failed'. Definitions with no Scenario document are
        no pass: nothing was tested (exit 1).
        """,
      positionals: [paths], options: [strict]
    ) { arguments, terminal in run(paths: arguments.positionals(paths), strict: arguments.has(strict), terminal) })

  static func run(paths: [String], strict: Bool, _ terminal: Terminal) -> Int32 {
    let input: CheckedDefinitions
    switch CheckedDefinitions.clean(paths, strict: strict, or: "no scenario run", terminal) {
    case .success(let checked): input = checked
    case .failure(let status): return status.code
    }
    let (bundle, bytes): (DefinitionBundle, [UInt8])
    switch input.compiled(terminal) {
    case .success(let compiled): (bundle, bytes) = (compiled.bundle, compiled.bytes)
    case .failure(let status): return status.code
    }
    do throws(ServiceError) {
      try UsableBundle.check(bundle)
    } catch {
      terminal.err("dcmc: \(error)\n")
      return ExitCode.usage
    }
    let runner = ScenarioRunner(bundle: bundle, bytes: bytes, zone: UsableBundle.zone)
    let scenarios = input.result.definitions.scenarios.sorted {
      ($0.header.range.file, $0.header.range.start.line) < ($1.header.range.file, $1.header.range.start.line)
    }
    var passed = 0
    var output = ""
    for scenario in scenarios {
      let result = runner.run(scenario)
      if result.passed {
        passed += 1
        output += "PASS \(result.scenario)\n"
      } else {
        output += "FAIL \(result.scenario)\n"
        for failure in result.failures { output += "  \(failure)\n" }
      }
    }
    output += "\(passed) passed, \(scenarios.count - passed) failed\n"
    terminal.out(output)
    // A run that tested nothing is no pass: a CI job whose scenarios were left out by mistake.
    guard !scenarios.isEmpty else {
      terminal.err("dcmc: no scenario run: the definitions hold no Scenario document\n")
      return ExitCode.invalid
    }
    return passed == scenarios.count ? ExitCode.success : ExitCode.invalid
  }
}
