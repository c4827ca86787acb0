#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The temporary directory the benchmark writes its inputs and the children's output to:
/// `corpus/` (the generated corpus, one file per entry of `CorpusGenerator.files`),
/// `small/small.yaml` (a one-case-type corpus joined into one multi-document file) and
/// `output.txt`.
package struct Workspace {
  /// Sizes of what was written, for the report.
  package struct CorpusSize {
    package var files = 0
    package var caseTypes = 0
    /// Lines over all files, and over the case type files only.
    package var lines = 0
    package var caseTypeLines = 0
    package var bytes = 0
    package var smallFileLines = 0
    package var smallFileBytes = 0

    package init() {}
  }

  package let root: String
  package var corpusDirectory: String { root + "/corpus" }
  package var smallDirectory: String { root + "/small" }
  package var smallFile: String { smallDirectory + "/small.yaml" }
  package var outputFile: String { root + "/output.txt" }
  /// The corpus files' paths, in the generator's order.
  package private(set) var corpusFiles: [String] = []

  /// Creates a fresh directory under `$TMPDIR` (or `/tmp`).
  package init() throws(BenchmarkFailure) {
    let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((base + "/dcmc-bench-XXXXXX").utf8CString)
    let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    guard created != nil else { throw BenchmarkFailure(message: "cannot create a directory under '\(base)'") }
    root = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Writes the small file: a one-case-type corpus joined into one multi-document file.
  package func writeSmallFile(into size: inout CorpusSize) throws(BenchmarkFailure) {
    let small = CorpusGenerator.files(caseTypes: 1).map(\.text).joined(separator: "---\n")
    try Workspace.makeDirectory(smallDirectory)
    try Workspace.save(small, to: smallFile)
    size.smallFileLines = Workspace.lineCount(small)
    size.smallFileBytes = small.utf8.count
  }

  /// Generates and writes the corpus of `caseTypes` case types.
  package mutating func writeCorpus(caseTypes: Int, into size: inout CorpusSize) throws(BenchmarkFailure) {
    let corpus = CorpusGenerator.files(caseTypes: caseTypes)
    size.files = corpus.count
    size.caseTypes = caseTypes
    try Workspace.makeDirectory(corpusDirectory)
    corpusFiles = []
    for file in corpus {
      let path = corpusDirectory + "/" + file.name
      corpusFiles.append(path)
      try Workspace.save(file.text, to: path)
      let lines = Workspace.lineCount(file.text)
      size.lines += lines
      size.bytes += file.text.utf8.count
      if file.name.hasPrefix("case_type_") { size.caseTypeLines += lines }
    }
  }

  /// Deletes what this workspace and the children wrote, then the directory.
  package func remove() {
    for path in corpusFiles + [smallFile, outputFile] { unlink(path) }
    for directory in [corpusDirectory, smallDirectory, root] { rmdir(directory) }
  }

  /// The first `limit` lines of the children's output, for a failure message.
  package func outputHead(lines limit: Int) -> String {
    guard let stream = fopen(outputFile, "r") else { return "" }
    defer { fclose(stream) }
    var bytes: [UInt8] = []
    var lines = 0
    while lines < limit {
      let byte = getc(stream)
      if byte == EOF { break }
      if byte == 0x0A { lines += 1 }
      bytes.append(UInt8(truncatingIfNeeded: byte))
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func makeDirectory(_ path: String) throws(BenchmarkFailure) {
    guard mkdir(path, 0o755) == 0 else {
      throw BenchmarkFailure(message: "cannot create '\(path)': \(String(cString: strerror(errno)))")
    }
  }

  private static func save(_ text: String, to path: String) throws(BenchmarkFailure) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw BenchmarkFailure(message: "cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else {
        throw BenchmarkFailure(message: "cannot write '\(path)': \(String(cString: strerror(errno)))")
      }
      written += count
    }
  }

  private static func lineCount(_ text: String) -> Int {
    text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
  }
}
