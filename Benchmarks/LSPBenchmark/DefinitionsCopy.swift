import BenchmarkSupport
import DCMCFiles
import DCMCLanguageServer
import DCMCSyntax

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The reference definitions read once into memory, grown to a number of lines with copies
/// of one case type under new ids, and served to the server as its folder on "disk".
struct DefinitionsCopy: DefinitionsFolder {
  /// The workspace's root, an absolute path that exists nowhere.
  static let root = "/lsp-benchmark/definitions"
  /// The case type copied to grow the workspace, and the file the edits are made in.
  static let grown = "technical.yaml"

  private(set) var files: [String: String] = [:]

  /// Reads the YAML files of `directory` and its `scenarios/`, then adds copies of
  /// `technical.yaml` (ids `technical_copy1`...) until the files hold `lines` lines.
  init(directory: String, lines: Int) throws(BenchmarkFailure) {
    for sub in ["", "scenarios/"] {
      for name in Self.yamlNames(in: directory + "/" + sub) {
        files[Self.root + "/" + sub + name] = try Self.read(directory + "/" + sub + name)
      }
    }
    guard let technical = files[Self.root + "/" + Self.grown] else {
      throw BenchmarkFailure(message: "no \(Self.grown) in \(directory)")
    }
    var copy = 0
    while lineCount < lines {
      copy += 1
      let renamed = technical.split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0 == "id: technical" ? "id: technical_copy\(copy)" : String($0) }.joined(separator: "\n")
      files[Self.root + "/technical_copy\(copy).yaml"] = renamed
    }
  }

  var lineCount: Int {
    files.values.reduce(0) { $0 + $1.split(separator: "\n", omittingEmptySubsequences: false).count }
  }

  func files(under root: String) -> FolderListing {
    FolderListing(files: files.keys.filter { $0.hasPrefix(root + "/") }.sorted())
  }

  func read(_ path: String) -> FileContent? { files[path].map { .bytes(Array($0.utf8)) } }

  private static func read(_ path: String) throws(BenchmarkFailure) -> String {
    guard case .bytes(let bytes)? = try? BoundedReader.read(path: path, limit: ReaderLimits.standard.maxFileBytes)
    else { throw BenchmarkFailure(message: "cannot read \(path)") }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func yamlNames(in directory: String) -> [String] {
    guard let stream = opendir(directory) else { return [] }
    defer { closedir(stream) }
    var names: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name.hasSuffix(".yaml") { names.append(name) }
    }
    return names.sorted()
  }
}
