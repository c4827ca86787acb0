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
      root = folder.files(under: definitions).isEmpty ? trimmed : definitions
      workspace.load(folder, root: root ?? trimmed)
    }
    if let url = params["initializationOptions"]?["explainURL"]?.stringValue { encoding.explainURL = url }
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
}
