import DCMCBundle
import DCMCChecker
import DCMCCompiler
import DCMCDiagnostics
import DCMCSyntax
import Dispatch

/// The definitions under a command's paths: found, read, parsed and decoded in parallel,
/// then linked, with the report of every problem. Shared by every command that reads YAML.
struct CheckedDefinitions {
  var result: CheckResult
  var report: DiagnosticReport
  /// The paths read (the command's, or `definitions`): where they are rooted names the files
  /// a bundle records, resolved only by the commands that compile (`compiled`).
  var paths: [String]
  /// The files read, as `SourceCollector` found them under `paths` (`-` for standard input).
  var files: [String]

  /// A path or file that cannot be read: exit 2, with the reason on one line.
  struct Unreadable: Error {
    var message: String
  }

  /// Reads `paths` (default `definitions/`); `strict` turns warnings into errors.
  static func load(_ paths: [String], strict: Bool = false) throws(Unreadable) -> CheckedDefinitions {
    let paths = paths.isEmpty ? ["definitions"] : paths
    let files: [String]
    do {
      files = try SourceCollector.files(for: paths)
    } catch {
      throw Unreadable(message: error.message)
    }
    let (loaded, parsed) = read(files)
    var decoded: [FileDefinitions] = []
    var sources: [String: SourceFile] = [:]
    for (result, file) in zip(loaded, parsed) {
      switch result {
      case .success(let definitions):
        decoded.append(definitions)
        if let file { sources[file.name] = file }
      case .failure(let error):
        throw Unreadable(message: "\(error)")
      }
    }
    var result = link(decoded)
    if strict {
      result.diagnostics = result.diagnostics.map { $0.escalatingWarnings() }
    }
    let report = DiagnosticReport(
      diagnostics: result.diagnostics, sources: sources, fileCount: files.count)
    return CheckedDefinitions(result: result, report: report, paths: paths, files: files)
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

  /// Reads, parses and decodes the files, two at a time on this machine's cores.
  private static func read(_ paths: [String]) -> (
    [Result<FileDefinitions, ReadError>], [SourceFile?]
  ) {
    let results = UnsafeResults<(Result<FileDefinitions, ReadError>, SourceFile?)>(
      count: paths.count)
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
}

extension CheckedDefinitions {
  /// The definitions under `paths` when they check without errors; otherwise what is wrong
  /// is printed (the report, then "dcmc: nothing done: the definitions have errors", with
  /// `nothing done` naming what was not done) and the exit status is returned instead.
  static func clean(_ paths: [String], strict: Bool = false, or nothingDone: String, _ terminal: Terminal)
    -> Result<CheckedDefinitions, ExitStatus>
  {
    let input: CheckedDefinitions
    do {
      input = try load(paths, strict: strict)
    } catch {
      terminal.err("dcmc: \(error.message)\n")
      return .failure(ExitStatus(ExitCode.usage))
    }
    guard input.result.errorCount == 0 else {
      terminal.err(input.report.render(.human, toolVersion: DCMC.version))
      terminal.err("dcmc: \(nothingDone): the definitions have errors\n")
      return .failure(ExitStatus(ExitCode.invalid))
    }
    return .success(input)
  }
}

extension CheckedDefinitions {
  /// The sealed bundle of these (error-free) definitions; a compile that cannot be made is
  /// said on standard error and ends the command with exit 1.
  func compiled(_ terminal: Terminal) -> Result<(bundle: DefinitionBundle, bytes: [UInt8]), ExitStatus> {
    let root = DefinitionsRoot(paths: paths)
    do throws(CompileError) {
      return .success(
        try Compiler.compile(result.definitions, compilerVersion: DCMC.version, sourceName: root.name(of:)))
    } catch {
      terminal.err("dcmc: \(error)\n")
      return .failure(ExitStatus(ExitCode.invalid))
    }
  }
}

/// An exit status as an error, for `Result`s that end a command early.
struct ExitStatus: Error {
  let code: Int32
  init(_ code: Int32) { self.code = code }
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
