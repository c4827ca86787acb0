import DCMCChecker
import DCMCDiagnostics
import DCMCModel
import DCMCSyntax

/// The inputs of the check: the files of the definitions folder as last read from disk,
/// overlaid by the documents open in the editor, and each file's decoded definitions,
/// kept while its bytes do not change so that an edit re-parses one file only.
struct Workspace: Sendable {
  /// The files on disk by absolute path.
  private(set) var disk: [String: FileContent] = [:]
  /// The open documents by absolute path; their text wins over the disk's.
  private(set) var open: [String: TextDocument] = [:]
  /// What each file checked last decoded to, by absolute path.
  private var cache: [String: CheckedFile] = [:]
  /// Each file's definitions when its YAML last read without an error: what completion
  /// knows of a file while the line being typed breaks it.
  private(set) var readable: [String: Definitions] = [:]
  /// The cross-file check, which keeps what an edit cannot change.
  private(set) var link = IncrementalLink()

  /// One file as the last check read it.
  struct CheckedFile: Sendable {
    var content: FileContent
    var decoded: FileDefinitions
    var lines: LineIndex
  }

  /// Replaces the files on disk with those listed, read from `folder`.
  mutating func load(_ folder: any DefinitionsFolder, _ listing: FolderListing) {
    disk = [:]
    for path in listing.files {
      disk[path] = folder.read(path)
    }
  }

  /// Whether `path` is one of the definitions of `root`, as `dcmc validate` of the folder
  /// would read it; nothing is without a definitions folder.
  static func isDefinition(_ path: String, root: String?) -> Bool {
    root.map { DefinitionFiles.contains(path, in: $0) } ?? false
  }

  /// Reads `path` again from disk: it is kept when it is a definition of `root` and can be
  /// read, dropped otherwise.
  mutating func reread(_ path: String, from folder: any DefinitionsFolder, root: String?) {
    disk[path] = Self.isDefinition(path, root: root) ? folder.read(path) : nil
  }

  /// Opens a document in the editor's version, which wins over the disk's; a document that
  /// is not a definition of `root` is not checked, and `false` says so.
  mutating func open(_ path: String, _ document: TextDocument, root: String?) -> Bool {
    guard Self.isDefinition(path, root: root) else { return false }
    open[path] = document
    return true
  }

  mutating func close(_ path: String) { open[path] = nil }

  /// Applies edits to an open document; `false` when it is not open.
  mutating func edit(_ path: String, version: Int, _ changes: [TextDocument.Change]) -> Bool {
    guard var document = open[path] else { return false }
    for change in changes { document.apply(change) }
    document.version = version
    open[path] = document
    return true
  }

  /// The text of `path` as the editor holds it, else as on disk; empty when unknown.
  func text(of path: String) -> String {
    if let document = open[path] { return document.text }
    guard case .bytes(let bytes)? = disk[path] else { return "" }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The paths checked: those on disk and those open, sorted.
  var paths: [String] { Set(disk.keys).union(open.keys).sorted() }

  /// Checks every file, decoding again only those whose bytes changed since the last check
  /// and linking again only what they can change (`IncrementalLink`).
  mutating func check() -> (result: CheckResult, files: [String: CheckedFile]) {
    var files: [String: CheckedFile] = [:]
    var linked: [IncrementalLink.File] = []
    for path in paths {
      let content = open[path].map { .bytes(Array($0.text.utf8)) } ?? disk[path] ?? .bytes([])
      let file: CheckedFile
      let previous = cache[path]
      var isChanged = true
      if let previous, previous.content == content {
        file = previous
        isChanged = false
      } else {
        let parsed: ParsedFile
        let text: String
        switch content {
        case .bytes(let bytes):
          parsed = YAMLReader.parse(name: path, bytes: bytes)
          text = String(decoding: bytes, as: UTF8.self)
        case .tooLarge:
          parsed = YAMLReader.tooLarge(name: path, limits: .standard)
          text = ""
        }
        file = CheckedFile(content: content, decoded: DocumentDecoder.decode(parsed), lines: LineIndex(text))
        if !parsed.diagnostics.contains(where: { $0.severity == .error }) { readable[path] = file.decoded.definitions }
      }
      files[path] = file
      linked.append(
        .init(path: path, definitions: file.decoded, isChanged: isChanged, previous: isChanged ? previous?.decoded : nil))
    }
    cache = files
    readable = readable.filter { files[$0.key] != nil }
    return (link.check(linked), files)
  }
}
