import DCMCChecker
import DCMCDiagnostics
import DCMCModel
package import DCMCJSON

/// The language server as a value: each message from the client goes in, the messages to
/// send come out. It reads the definitions on disk through a `DefinitionsFolder` and
/// nothing else: no clock, no stdio (the CLI's `dcmc lsp` moves the bytes).
///
/// Changes mark the workspace dirty; `publishDiagnostics()` checks it once and sends the
/// diagnostics of each file whose list changed (an empty list clears a file that became
/// clean), so a shell may drain every message already received before checking. A request
/// that reads the definitions checks a dirty workspace first.
package struct LanguageServer: Sendable {
  package enum Phase: Sendable, Equatable {
    case waiting, running, shutDown
    /// `exit` received: 0 after `shutdown`, 1 otherwise, as LSP says.
    case exited(Int32)
  }

  package internal(set) var phase = Phase.waiting
  let folder: any DefinitionsFolder
  let strict: Bool
  let version: String
  /// The definitions folder: the root's `definitions/` when it has one, else the root.
  var root: String?
  var workspace = Workspace()
  var encoding = LSPEncoding(lines: [:], explainURL: LSPEncoding.defaultExplainURL)
  /// The last check's definitions and diagnostics.
  var definitions = Definitions()
  var diagnostics: [Diagnostic] = []
  /// Built from the last check when a request needs it, not on every change.
  var index = SymbolIndex(.init())
  var isIndexStale = false
  var isDirty = false
  /// Whether the diagnostics of the last check were published (a request may check first).
  var isPublished = true
  /// What each file's client was last sent, by file name.
  var published: [String: [Diagnostic]] = [:]
  /// Notifications (and the one request) to send after the answer to the current message.
  var notices: [JSONValue] = []
  /// Whether the client takes a dynamic registration of `workspace/didChangeWatchedFiles`,
  /// and with relative patterns.
  var canWatchFiles = false
  var canWatchRelativePatterns = false

  /// - Parameters:
  ///   - strict: warnings are published as errors, as `dcmc validate --strict` reports them.
  package init(folder: any DefinitionsFolder, strict: Bool, version: String) {
    self.folder = folder
    self.strict = strict
    self.version = version
  }

  /// Answers one frame from the stream: responses (requests always get one) and nothing
  /// for a notification, then what the server has to tell the user.
  package mutating func receive(_ frame: FrameReader.Frame) -> [JSONValue] {
    let answers = answer(frame)
    defer { notices = [] }
    return answers + notices
  }

  private mutating func answer(_ frame: FrameReader.Frame) -> [JSONValue] {
    let body: [UInt8]
    switch frame {
    case .malformed(let reason): return [RPCError(.parseError, reason).response]
    case .body(let bytes): body = bytes
    }
    let json: JSONValue
    do throws(JSONValue.ParseError) {
      json = try JSONValue.parse(body, limits: .init(maxBytes: FrameReader.maxBodyBytes))
    } catch {
      return [RPCError(.parseError, "body not JSON: \(error.message)").response]
    }
    switch RPCMessage.read(json) {
    case nil: return []
    case .failure(let error)?: return [error.response]
    case .success(let message)?:
      guard let id = message.id else {
        notify(message)
        return []
      }
      switch answer(message) {
      case .success(let result): return [RPCMessage.response(id: id, result: result)]
      case .failure(var error):
        error.id = id
        return [error.response]
      }
    }
  }

  private mutating func answer(_ request: RPCMessage) -> Result<JSONValue, RPCError> {
    switch (phase, request.method) {
    case (.waiting, "initialize"): return .success(initialize(request.params))
    case (.waiting, _): return .failure(RPCError(.serverNotInitialized, "server not initialized"))
    case (.shutDown, _), (.exited, _): return .failure(RPCError(.invalidRequest, "server shut down"))
    case (.running, "initialize"): return .failure(RPCError(.invalidRequest, "server already initialized"))
    case (.running, "shutdown"):
      phase = .shutDown
      return .success(.null)
    case (.running, _): break
    }
    if let uri = request.params["textDocument"]?["uri"]?.stringValue, !isDefinition(uri) { return .success(.null) }
    refreshIfDirty()
    if isIndexStale {
      index = SymbolIndex(definitions, lines: encoding.lines)
      isIndexStale = false
    }
    switch request.method {
    case "textDocument/definition": return definition(request.params)
    case "textDocument/references": return references(request.params)
    case "textDocument/hover": return hover(request.params)
    case "textDocument/documentSymbol": return documentSymbols(request.params)
    case "workspace/symbol": return .success(workspaceSymbols(request.params))
    case "textDocument/rename": return rename(request.params)
    case "textDocument/codeAction": return codeActions(request.params)
    case "textDocument/completion": return completion(request.params)
    default: return .failure(RPCError(.methodNotFound, "unknown method '\(request.method.prefix(80))'"))
    }
  }

  /// Whether the document at `uri` is one of the definitions, by the rule of `dcmc validate`'s
  /// walk: every request about another document (a compose file, a CI workflow, an untitled
  /// buffer) answers `null`, LSP's "nothing here", so completion offers it no dcmc keys.
  private func isDefinition(_ uri: String) -> Bool {
    DocumentURI.path(of: uri).map { Workspace.isDefinition($0, root: root) } ?? false
  }

  private mutating func notify(_ notification: RPCMessage) {
    if notification.method == "exit" {
      phase = .exited(phase == .shutDown ? 0 : 1)
      return
    }
    guard phase == .running else { return }
    let params = notification.params
    let document = params["textDocument"]
    let path = document?["uri"]?.stringValue.flatMap(DocumentURI.path(of:))
    switch notification.method {
    case "initialized":
      isDirty = true
      if canWatchFiles { notices.append(watchRegistration()) }
    case "textDocument/didOpen":
      guard let path, let text = document?["text"]?.stringValue else { return }
      if root == nil, let definitions = Self.enclosingDefinitions(of: path) {
        load(definitions, folder.files(under: definitions))
      }
      let documentVersion = document?["version"]?.intValue ?? 0
      let opened = workspace.open(path, TextDocument(text: text, version: documentVersion), root: root)
      isDirty = opened || isDirty
    case "textDocument/didChange":
      guard let path, let changes = params["contentChanges"]?.arrayValue else { return }
      let edits = changes.compactMap(Self.change)
      guard edits.count == changes.count else { return }
      isDirty = workspace.edit(path, version: document?["version"]?.intValue ?? 0, edits) || isDirty
    case "textDocument/didClose":
      guard let path else { return }
      workspace.close(path)
      workspace.reread(path, from: folder, root: root)
      isDirty = true
    case "textDocument/didSave":
      guard let path else { return }
      workspace.reread(path, from: folder, root: root)
      isDirty = true
    case "workspace/didChangeWatchedFiles":
      filesChanged(params["changes"]?.arrayValue ?? [])
    default: break
    }
  }

  /// A `TextDocumentContentChangeEvent`, or `nil` when it is malformed.
  private static func change(_ json: JSONValue) -> TextDocument.Change? {
    guard let text = json["text"]?.stringValue else { return nil }
    guard let range = json["range"], case .object = range else { return TextDocument.Change(range: nil, text: text) }
    guard let start = position(range["start"]), let end = position(range["end"]) else { return nil }
    return TextDocument.Change(range: TextDocument.Span(start: start, end: end), text: text)
  }

  static func position(_ json: JSONValue?) -> TextDocument.Position? {
    guard let line = json?["line"]?.intValue, let character = json?["character"]?.intValue, line >= 0, character >= 0
    else { return nil }
    return TextDocument.Position(line: line, character: character)
  }

  /// Checks the workspace when it changed, then the notifications for every file whose
  /// diagnostics differ from those last published.
  package mutating func publishDiagnostics() -> [JSONValue] {
    refreshIfDirty()
    guard phase == .running, !isPublished else { return [] }
    isPublished = true
    var byFile: [String: [Diagnostic]] = [:]
    for diagnostic in diagnostics {
      byFile[diagnostic.range.file, default: []].append(strict ? diagnostic.escalatingWarnings() : diagnostic)
    }
    var messages: [JSONValue] = []
    for file in Set(byFile.keys).union(published.keys).sorted() {
      let diagnostics = byFile[file] ?? []
      guard published[file] != diagnostics else { continue }
      published[file] = diagnostics.isEmpty ? nil : diagnostics
      var params: [(key: String, value: JSONValue)] = [
        ("uri", .string(DocumentURI.uri(of: file))), ("diagnostics", .array(diagnostics.map(encoding.diagnostic))),
      ]
      if let version = workspace.open[file]?.version { params.append(("version", .int(version))) }
      messages.append(RPCMessage.notification("textDocument/publishDiagnostics", .object(params)))
    }
    return messages
  }

  /// How many case types the last check checked again; the others' diagnostics were kept.
  package var recheckedCaseTypes: Int { workspace.link.rechecked }

  /// Checks the workspace if anything changed since the last check.
  mutating func refreshIfDirty() {
    guard isDirty else { return }
    isDirty = false
    isPublished = false
    let checked = workspace.check()
    definitions = checked.result.definitions
    diagnostics = checked.result.diagnostics
    encoding.lines = checked.files.mapValues(\.lines)
    isIndexStale = true
  }
}
