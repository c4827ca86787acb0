import DCMCChecker
import DCMCDiagnostics
import DCMCSyntax
import Dispatch

/// `dcmc validate [PATH...] [--format human|json|sarif|github] [--strict]`.
enum ValidateCommand {
  static let help = """
    Usage: dcmc validate [PATH...] [--format human|json|sarif|github] [--strict]

    Checks case types, calendars, workgroups, templates, customer profiles and scenarios,
    and reports every problem with its place, a code ('dcmc explain CODE') and, where
    possible, a fix. Directories are searched for *.yaml and *.yml; '-' reads standard
    input. Default path: definitions/.

    Options:
      --format FORMAT  human (default), json, sarif (SARIF 2.1.0) or github (workflow commands)
      --strict         treat warnings as errors
      -h, --help       show this help

    Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable path.

    """

  static func run(_ argv: [String], terminal: Terminal) throws(UsageError) -> Int32 {
    let arguments = try Arguments(argv, valued: ["--format"], flags: ["--strict", "--help", "-h"])
    if arguments.flags.contains("--help") || arguments.flags.contains("-h") {
      terminal.out(help)
      return ExitCode.success
    }
    let formatName = arguments.value("--format") ?? "human"
    guard let format = DiagnosticFormat(rawValue: formatName) else {
      throw UsageError(
        "unknown format '\(formatName)'; expected one of: \(DiagnosticFormat.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    let paths = arguments.positionals.isEmpty ? ["definitions"] : arguments.positionals
    let files: [String]
    do {
      files = try SourceCollector.files(for: paths)
    } catch {
      terminal.err("dcmc: \(error.message)\n")
      return ExitCode.usage
    }
    let loaded: [Result<FileDefinitions, ReadError>]
    let parsed: [SourceFile?]
    (loaded, parsed) = load(files)
    var decoded: [FileDefinitions] = []
    var sources: [String: SourceFile] = [:]
    for (result, file) in zip(loaded, parsed) {
      switch result {
      case .success(let definitions):
        decoded.append(definitions)
        if let file { sources[file.name] = file }
      case .failure(let error):
        terminal.err("dcmc: \(error)\n")
        return ExitCode.usage
      }
    }
    var result = link(decoded)
    if arguments.flags.contains("--strict") {
      result.diagnostics = result.diagnostics.map { $0.escalatingWarnings() }
    }
    let report = DiagnosticReport(diagnostics: result.diagnostics, sources: sources, fileCount: files.count)
    let colors = format == .human && terminal.stdoutWantsColor
    terminal.out(report.render(format, colors: colors, toolVersion: DCMC.version))
    if format == .sarif { terminal.err(report.summaryLine + "\n") }
    return result.errorCount > 0 ? ExitCode.invalid : ExitCode.success
  }

  /// Reads, parses and decodes the files, two at a time on this machine's cores.
  private static func load(_ paths: [String]) -> ([Result<FileDefinitions, ReadError>], [SourceFile?]) {
    let results = UnsafeResults<(Result<FileDefinitions, ReadError>, SourceFile?)>(count: paths.count)
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      do throws(ReadError) {
        let file = try YAMLReader.load(path: paths[index])
        // Keep only the text for quoting; the tree is freed as soon as it is decoded.
        results[index] = (.success(DocumentDecoder.decode(file)), file.source)
      } catch {
        results[index] = (.failure(error), nil)
      }
    }
    let all = results.values
    return (all.map(\.0), all.map(\.1))
  }

  /// `Checker.link`, with the case types checked on this machine's cores; the checker's
  /// steps are pure and `finish` gathers them in order, so the output does not change.
  private static func link(_ files: [FileDefinitions]) -> CheckResult {
    let linking = Linking(files)
    let checked = UnsafeResults<[Diagnostic]>(count: linking.caseTypeCount)
    DispatchQueue.concurrentPerform(iterations: linking.caseTypeCount) { index in
      checked[index] = linking.checkCaseType(at: index)
    }
    return linking.finish(caseTypeDiagnostics: checked.values)
  }
}

/// Slots written by `concurrentPerform`, each by exactly one iteration.
///
/// `@unchecked Sendable` is safe because every index is written once, by one thread, and
/// `values` is read only after `concurrentPerform` has returned (which orders the writes
/// before the read).
private final class UnsafeResults<T>: @unchecked Sendable {
  private var storage: [T?]

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  subscript(index: Int) -> T? {
    get { storage[index] }
    set { storage.withUnsafeMutableBufferPointer { $0[index] = newValue } }
  }

  var values: [T] { storage.map { $0! } }
}
