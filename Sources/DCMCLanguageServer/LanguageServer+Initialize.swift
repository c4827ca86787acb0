internal import DCMCJSON

extension LanguageServer {
  /// `initialize`: finds the definitions folder, reads it, and states what the server does.
  mutating func initialize(_ params: JSONValue) -> JSONValue {
    let rootURI =
      params["rootUri"]?.stringValue ?? params["workspaceFolders"]?.arrayValue?.first?["uri"]?.stringValue
    let rootPath = rootURI.flatMap(DocumentURI.path(of:)) ?? params["rootPath"]?.stringValue
    if let rootPath, rootPath.hasPrefix("/") {
      let trimmed = rootPath.count > 1 && rootPath.hasSuffix("/") ? String(rootPath.dropLast()) : rootPath
      let definitions = (trimmed == "/" ? "" : trimmed) + "/definitions"
      let listing = folder.files(under: definitions)
      if listing.files.isEmpty, listing.unreadable.isEmpty {
        load(trimmed, folder.files(under: trimmed))
      } else {
        load(definitions, listing)
      }
    }
    if let url = params["initializationOptions"]?["explainURL"]?.stringValue { encoding.explainURL = url }
    readWatchCapabilities(params["capabilities"])
    phase = .running
    let sync: JSONValue = .object([
      ("openClose", .bool(true)), ("change", .int(2)), ("save", .object([("includeText", .bool(false))])),
    ])
    return .object([
      (
        "capabilities",
        .object([
          ("positionEncoding", .string("utf-16")), ("textDocumentSync", sync), ("definitionProvider", .bool(true)),
          ("referencesProvider", .bool(true)), ("hoverProvider", .bool(true)), ("documentSymbolProvider", .bool(true)),
          ("workspaceSymbolProvider", .bool(true)), ("renameProvider", .bool(true)),
          ("completionProvider", .object([("triggerCharacters", .array(["{", ":", ","].map { .string($0) }))])),
          ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix")]))])),
        ])
      ),
      ("serverInfo", .object([("name", .string("dcmc")), ("version", .string(version))])),
    ])
  }

  /// Makes `root` the definitions folder with the files `listing` found there (checked once
  /// something marks the workspace dirty: `initialized`, a document opened). The folders
  /// that could not be read are told to the user in one `window/showMessage` warning: their
  /// definitions are missing from the check, so names they define may show as unknown.
  mutating func load(_ root: String, _ listing: FolderListing) {
    self.root = root
    workspace.load(folder, listing)
    guard !listing.unreadable.isEmpty else { return }
    let shown = listing.unreadable.prefix(3).joined(separator: "; ")
    let more = listing.unreadable.count > 3 ? " (and \(listing.unreadable.count - 3) more)" : ""
    let message =
      "dcmc: \(shown)\(more). The definitions there are not checked, so names they define may be reported as unknown."
    notices.append(
      RPCMessage.notification("window/showMessage", .object([("type", .int(2)), ("message", .string(message))])))
  }

  /// The nearest folder named `definitions` that holds `path`: the workspace of a client
  /// that names no root folder.
  static func enclosingDefinitions(of path: String) -> String? {
    var names = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
    while let last = names.last {
      if last == "definitions" { return names.joined(separator: "/") }
      names.removeLast()
    }
    return nil
  }
}
