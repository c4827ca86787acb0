import BenchmarkSupport
import DCMCChecker
import DCMCFiles
import DCMCJSON
import DCMCLanguageServer
import DCMCSyntax

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Drives a `LanguageServer` value as an editor does: the reference definitions grown to a
/// 2,000-line workspace, one file open, and edits that break and repair a reference in it,
/// each timed from the change notification to the diagnostics published. Beside it, one full
/// validation of the same files in this process (the peer), and the resident memory after
/// 1,000 edits, half of them and the last.
struct LSPBenchmark {
  static let usage = """
    Usage: LSPBenchmark [--definitions DIR] [--lines N] [--edits N] [--validate-runs N]

    Loads DIR (default 'definitions') and its scenarios/, adds copies of technical.yaml until
    the workspace has N lines (default 2000), opens technical.yaml in a language server and
    makes N edits (default 10000), each a change of one workgroup reference that the next edit
    undoes; prints the median and p99 time from a change to its published diagnostics (targets
    50 ms and 150 ms), the time of one full validation of the same files, and the resident
    memory after 1,000 edits, after half of them and after the last.

    Exit status: 0 every target met, 1 a target missed, 2 usage error or the benchmark could
    not run.

    """

  struct Options {
    var definitions = "definitions"
    var lines = 2_000
    var edits = 10_000
    var validateRuns = 10
  }

  let options: Options

  func run() throws(BenchmarkFailure) -> Bool {
    let folder = try DefinitionsCopy(directory: options.definitions, lines: options.lines)
    let path = DefinitionsCopy.root + "/" + DefinitionsCopy.grown
    guard let text = folder.files[path] else { throw BenchmarkFailure(message: "no \(path)") }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let line = lines.firstIndex(where: { $0.hasPrefix("        target: ") }) else {
      throw BenchmarkFailure(message: "no task target in \(DefinitionsCopy.grown)")
    }
    let target = lines[line]

    var server = LanguageServer(folder: folder, strict: false, version: "benchmark")
    send(&server, request: "initialize", ["rootUri": .string("file:///lsp-benchmark"), "capabilities": .object([])])
    send(&server, notification: "initialized", [:])
    let uri = JSONValue.string("file://" + path)
    let document: JSONValue = .object([
      ("uri", uri), ("languageId", .string("yaml")), ("version", .int(1)), ("text", .string(text)),
    ])
    send(&server, notification: "textDocument/didOpen", ["textDocument": document])
    _ = server.publishDiagnostics()

    let clock = ContinuousClock()
    var times = Samples()
    /// Resident bytes after 1,000 edits and after half of them: memory is flat when these and
    /// the figure after the last edit agree.
    var resident: [(edits: Int, bytes: Double)] = []
    for edit in 1...options.edits {
      // Odd edits append an 'x' to the workgroup (an unknown workgroup), even ones remove it.
      let range = Self.range(line: line, from: target.count, to: target.count + (edit % 2 == 1 ? 0 : 1))
      let change: JSONValue = .object([("range", range), ("text", .string(edit % 2 == 1 ? "x" : ""))])
      let params: [String: JSONValue] = [
        "textDocument": .object([("uri", uri), ("version", .int(edit + 1))]), "contentChanges": .array([change]),
      ]
      let start = clock.now
      send(&server, notification: "textDocument/didChange", params)
      let published = server.publishDiagnostics()
      times.append((clock.now - start).seconds)
      guard !published.isEmpty else { throw BenchmarkFailure(message: "edit \(edit) published no diagnostics") }
      if edit == 1_000 || (edit == options.edits / 2 && edit > 1_000) || edit == options.edits {
        resident.append((edit, Self.residentBytes()))
      }
    }

    var validate = Samples()
    for _ in 0..<options.validateRuns {
      let start = clock.now
      let files = folder.files(under: DefinitionsCopy.root).files.map { path in
        YAMLReader.parse(name: path, bytes: Array(folder.files[path]!.utf8))
      }
      let result = Checker.check(files)
      validate.append((clock.now - start).seconds)
      guard result.errorCount == 0 else { throw BenchmarkFailure(message: "the workspace does not validate clean") }
    }

    print("LSPBenchmark: \(folder.files.count) files, \(folder.lineCount) lines, \(options.edits) edits of one file")
    var figures = [
      Figure(label: "change to diagnostics, median", unit: .milliseconds, best: times.best, median: times.median,
        judged: times.median, limit: 0.050),
      Figure(label: "change to diagnostics, p99", unit: .milliseconds, best: times.best, median: Self.p99(times),
        judged: Self.p99(times), limit: 0.150),
      Figure(label: "one full validate (peer)", unit: .milliseconds, best: validate.best, median: validate.median,
        judged: validate.median, limit: nil),
    ]
    for (edits, bytes) in resident {
      figures.append(
        Figure(label: "resident memory after \(edits) edits", unit: .megabytes, best: bytes, median: bytes,
          judged: bytes, limit: nil))
    }
    return Figure.printTable(figures, notes: ["the p99 row prints the 99th percentile in the median column"])
  }

  private func send(_ server: inout LanguageServer, request method: String, _ params: [String: JSONValue]) {
    _ = server.receive(.body(Self.message(method, params, id: 1)))
  }

  private func send(_ server: inout LanguageServer, notification method: String, _ params: [String: JSONValue]) {
    _ = server.receive(.body(Self.message(method, params, id: nil)))
  }

  private static func message(_ method: String, _ params: [String: JSONValue], id: Int?) -> [UInt8] {
    var members: [(key: String, value: JSONValue)] = [
      ("jsonrpc", .string("2.0")), ("method", .string(method)),
      ("params", .object(params.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })),
    ]
    if let id { members.append(("id", .int(id))) }
    return JSONValue.object(members).compact()
  }

  private static func range(line: Int, from: Int, to: Int) -> JSONValue {
    .object([
      ("start", .object([("line", .int(line)), ("character", .int(from))])),
      ("end", .object([("line", .int(line)), ("character", .int(to))])),
    ])
  }

  private static func p99(_ samples: Samples) -> Double {
    let sorted = samples.values.sorted()
    return sorted.isEmpty ? 0 : sorted[(sorted.count - 1) * 99 / 100]
  }

  /// This process's resident set size, in bytes, from `/proc/self/statm` (0 where it is absent).
  private static func residentBytes() -> Double {
    guard case .bytes(let bytes)? = try? BoundedReader.read(path: "/proc/self/statm", limit: 4_096) else { return 0 }
    let fields = String(decoding: bytes, as: UTF8.self).split(separator: " ")
    guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE)))
  }
}
