import DCMCChecker
import DCMCDiagnostics
import DCMCSyntax
import Dispatch

/// Finds, reads, decodes and checks the definitions under some paths: what `validate`
/// reports on and what every command that needs checked definitions starts from.
enum DefinitionLoader {
  /// The checked definitions and what is needed to render their diagnostics.
  struct Loaded {
    var result: CheckResult
    var sources: [String: SourceFile]
    var fileCount: Int

    func report() -> DiagnosticReport {
      DiagnosticReport(diagnostics: result.diagnostics, sources: sources, fileCount: fileCount)
    }
  }

  /// A path that cannot be read: exit 2, with this one-line reason.
  struct Unreadable: Error {
    var message: String
  }

  /// Checks the definitions under `paths` (default `definitions/`).
  static func load(_ paths: [String]) throws(Unreadable) -> Loaded {
    let files: [String]
    do {
      files = try SourceCollector.files(for: paths.isEmpty ? ["definitions"] : paths)
    } catch {
      throw Unreadable(message: error.message)
    }
    let (loaded, parsed) = decode(files)
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
    return Loaded(result: Checker.link(decoded), sources: sources, fileCount: files.count)
  }

  /// Reads, parses and decodes the files, two at a time on this machine's cores.
  private static func decode(_ paths: [String]) -> ([Result<FileDefinitions, ReadError>], [SourceFile?]) {
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
