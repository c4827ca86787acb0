import DCMCJSON
import DCMCLanguageServer
import Synchronization
import Testing

/// Changes made on disk outside the editor, reported by a client that watches the files the
/// server registered.
@Suite struct LanguageServerWatchedFilesTests {
  typealias Session = LanguageServerSession

  /// Files "on disk" that a test changes while the server runs.
  final class ChangingFolder: DefinitionsFolder {
    let files: Mutex<[String: String]>

    init(_ files: [String: String]) { self.files = Mutex(files) }

    func files(under root: String) -> FolderListing {
      FolderListing(files: files.withLock { $0.keys.filter { $0.hasPrefix(root + "/") }.sorted() })
    }

    func read(_ path: String) -> FileContent? { files.withLock { $0[path] }.map { .bytes(Array($0.utf8)) } }

    /// Moves every file whose path starts with `old` to start with `new`.
    func move(_ old: String, to new: String) {
      files.withLock { files in
        for (path, text) in files where path.hasPrefix(old) {
          files[path] = nil
          files[new + path.dropFirst(old.count)] = text
        }
      }
    }
  }

  static let watching = #"{"workspace":{"didChangeWatchedFiles":{"dynamicRegistration":true}}}"#

  static func started(_ folder: ChangingFolder, capabilities: String = watching) -> (Session, [JSONValue]) {
    var session = Session()
    session.server = LanguageServer(folder: folder, strict: false, version: "test")
    _ = session.request("initialize", "{\"rootUri\":\"file:///ws\",\"capabilities\":\(capabilities)}")
    let sent = session.notify("initialized")
    return (session, sent)
  }

  static func changed(_ session: inout Session, _ events: [(path: String, type: Int)]) -> [JSONValue] {
    let changes = events.map { "{\"uri\":\"file://\($0.path)\",\"type\":\($0.type)}" }.joined(separator: ",")
    return session.notify("workspace/didChangeWatchedFiles", "{\"changes\":[\(changes)]}")
  }

  static func symbolFiles(_ session: inout Session, _ query: String) -> [String] {
    (session.request("workspace/symbol", "{\"query\":\"\(query)\"}")["result"]?.arrayValue ?? [])
      .compactMap { $0["location"]?["uri"]?.stringValue }
  }

  @Test func aClientThatCanIsAskedToWatchTheDefinitions() throws {
    let (_, sent) = Self.started(ChangingFolder(Session.files))
    let request = try #require(sent.first { $0["method"]?.stringValue == "client/registerCapability" })
    #expect(request["id"]?.stringValue == "dcmc/watch")
    let registration = try #require(request["params"]?["registrations"]?.arrayValue.first)
    #expect(registration["method"]?.stringValue == "workspace/didChangeWatchedFiles")
    #expect(registration["registerOptions"]?["watchers"]?.arrayValue.first?["globPattern"]?.stringValue == "**/*.{yaml,yml}")
    // With relative patterns: everything under the definitions folder, folders included.
    let relative = #"{"workspace":{"didChangeWatchedFiles":{"dynamicRegistration":true,"relativePatternSupport":true}}}"#
    let (_, relativeSent) = Self.started(ChangingFolder(Session.files), capabilities: relative)
    let pattern = relativeSent.first?["params"]?["registrations"]?.arrayValue.first?["registerOptions"]?["watchers"]?
      .arrayValue.first?["globPattern"]
    #expect(pattern?["baseUri"]?.stringValue == "file:///ws/definitions")
    #expect(pattern?["pattern"]?.stringValue == "**/*")
    // The client's answer is taken without a reply; a client that cannot is not asked.
    var session = Self.started(ChangingFolder(Session.files)).0
    #expect(session.send(#"{"jsonrpc":"2.0","id":"dcmc/watch","result":null}"#).isEmpty)
    #expect(Self.started(ChangingFolder(Session.files), capabilities: "{}").1.isEmpty)
  }

  @Test func aFileRenamedOnDiskIsReadUnderItsNewName() {
    let folder = ChangingFolder(Session.files)
    var (session, _) = Self.started(folder)
    folder.move("/ws/definitions/workgroups.yaml", to: "/ws/definitions/teams.yaml")
    let published = Self.changed(&session, [("/ws/definitions/workgroups.yaml", 3), ("/ws/definitions/teams.yaml", 1)])
    #expect(published.isEmpty)
    #expect(Self.symbolFiles(&session, "employees") == ["file:///ws/definitions/teams.yaml"])
  }

  @Test func aFolderMovedOnDiskIsReadAgainWhole() {
    var files = Session.files
    files["/ws/definitions/sub/x.yaml"] = "kind: Workgroup\nid: stale_group\nmembers: [ann]\n"
    let folder = ChangingFolder(files)
    var (session, _) = Self.started(folder)
    #expect(Self.symbolFiles(&session, "stale_group") == ["file:///ws/definitions/sub/x.yaml"])
    folder.move("/ws/definitions/sub/", to: "/ws/definitions/moved/")
    // As VS Code reports a folder moved: the old folder deleted, the new one created.
    _ = Self.changed(&session, [("/ws/definitions/sub", 3), ("/ws/definitions/moved", 1)])
    #expect(Self.symbolFiles(&session, "stale_group") == ["file:///ws/definitions/moved/x.yaml"])
  }

  @Test func aFolderNamedLikeAYAMLFileMovedOnDiskIsReadAsAFolder() {
    var files = Session.files
    files["/ws/definitions/people.yaml/x.yaml"] = "kind: Workgroup\nid: stale_group\nmembers: [ann]\n"
    let folder = ChangingFolder(files)
    var (session, _) = Self.started(folder)
    folder.move("/ws/definitions/people.yaml/", to: "/ws/definitions/people.yml/")
    // One event for each folder, and both are named like YAML files.
    _ = Self.changed(&session, [("/ws/definitions/people.yaml", 3), ("/ws/definitions/people.yml", 1)])
    #expect(Self.symbolFiles(&session, "stale_group") == ["file:///ws/definitions/people.yml/x.yaml"])
  }

  @Test func aDocumentOpenInTheEditorKeepsItsTextWhenItsFileChangesOnDisk() {
    let folder = ChangingFolder(Session.files)
    var (session, _) = Self.started(folder)
    _ = session.notify(
      "textDocument/didOpen",
      "{\"textDocument\":{\"uri\":\"\(Session.workgroupsURI)\",\"languageId\":\"yaml\",\"version\":1,\"text\":"
        + "\(Session.quoted(Session.files["/ws/definitions/workgroups.yaml"]!))}}")
    folder.files.withLock { $0["/ws/definitions/workgroups.yaml"] = "kind: Workgroup\nid: staff\nmembers: [ann]\n" }
    #expect(Self.changed(&session, [("/ws/definitions/workgroups.yaml", 2)]).isEmpty)
    #expect(Self.symbolFiles(&session, "employees") == [Session.workgroupsURI])
  }
}
