internal import DCMCJSON
import DCMCSyntax

/// Changes made on disk outside the editor (`git checkout`, a file renamed in a terminal):
/// the server asks the client to watch the definitions (LSP 3.17 dynamic registration of
/// `workspace/didChangeWatchedFiles`) and reads again what the client reports.
extension LanguageServer {
  /// The id of the one request the server sends.
  static let watchRequestID = "dcmc/watch"

  /// Reads what the client can watch from `initialize`'s capabilities.
  mutating func readWatchCapabilities(_ capabilities: JSONValue?) {
    let watched = capabilities?["workspace"]?["didChangeWatchedFiles"]
    func isTrue(_ value: JSONValue?) -> Bool { if case .bool(true)? = value { true } else { false } }
    canWatchFiles = isTrue(watched?["dynamicRegistration"])
    canWatchRelativePatterns = isTrue(watched?["relativePatternSupport"])
  }

  /// The `client/registerCapability` request that asks for the changes of the definitions:
  /// with relative patterns, every file and folder under the definitions folder (a folder
  /// moved or deleted is reported as one event); else every YAML file of the workspace.
  func watchRegistration() -> JSONValue {
    let pattern: JSONValue =
      if canWatchRelativePatterns, let root {
        .object([("baseUri", .string(DocumentURI.uri(of: root))), ("pattern", .string("**/*"))])
      } else {
        .string("**/*.{yaml,yml}")
      }
    let registration: JSONValue = .object([
      ("id", .string("dcmc-definitions")), ("method", .string("workspace/didChangeWatchedFiles")),
      ("registerOptions", .object([("watchers", .array([.object([("globPattern", pattern)])]))])),
    ])
    return RPCMessage.request(
      id: .string(Self.watchRequestID), "client/registerCapability",
      .object([("registrations", .array([registration]))]))
  }

  /// `workspace/didChangeWatchedFiles`: a YAML file is read again (or dropped when deleted or
  /// not a definition); any other path under the definitions folder, or above it, may be a
  /// folder created, moved or deleted, and the folder is read again whole. So is a folder
  /// named like a YAML file (`teams.yaml/`), which the walk reads as any folder. A document
  /// open in the editor keeps the editor's text either way.
  mutating func filesChanged(_ changes: [JSONValue]) {
    guard let root else { return }
    var isFolderChanged = false
    for change in changes {
      guard let path = change["uri"]?.stringValue.flatMap(DocumentURI.path(of:)) else { continue }
      let isAbove = path == root || root.hasPrefix(path.hasSuffix("/") ? path : path + "/")
      let isInside = path.hasPrefix(root + "/")
      if isAbove || isInside && (!DefinitionFiles.isYAML(path) || holdsFiles(path)) {
        isFolderChanged = true
      } else if DefinitionFiles.isYAML(path) {
        workspace.reread(path, from: folder, root: root)
      }
      isDirty = true
    }
    if isFolderChanged { load(root, folder.files(under: root)) }
  }

  /// Whether `path` is a folder with files in it, on disk now or when last read: the one
  /// event of a folder moved in or out.
  private func holdsFiles(_ path: String) -> Bool {
    let prefix = path + "/"
    return workspace.disk.keys.contains { $0.hasPrefix(prefix) } || !folder.files(under: path).files.isEmpty
  }
}
