import DCMCJSON
import DCMCLanguageServer
import Testing

/// Which files the workspace checks: the definitions folder as `dcmc validate` reads it,
/// with the documents open in the editor that belong to it.
@Suite struct LanguageServerWorkspaceTests {
  typealias Session = LanguageServerSession

  static func open(_ session: inout Session, _ path: String, _ text: String) -> [JSONValue] {
    session.notify(
      "textDocument/didOpen",
      "{\"textDocument\":{\"uri\":\"file://\(path)\",\"languageId\":\"yaml\",\"version\":1,\"text\":\(Session.quoted(text))}}")
  }

  @Test func anOpenYAMLFileThatIsNotADefinitionOfTheWorkspaceIsNotChecked() {
    var session = Session.started()
    let duplicate = "kind: Workgroup\nid: employees\nmembers: [ann]\n"
    // Outside definitions/, in another project, hidden, or not a YAML name: none is read by
    // `dcmc validate /ws/definitions`, so none is checked or joins the check.
    for path in [
      "/ws/docker-compose.yml", "/other/definitions/workgroups.yaml", "/ws/definitions/.drafts/workgroups.yaml",
      "/ws/definitions/workgroups.yaml.orig", "/ws/definitions/../workgroups.yaml",
    ] {
      #expect(Self.open(&session, path, duplicate).isEmpty, "\(path)")
      let change =
        "{\"textDocument\":{\"uri\":\"file://\(path)\",\"version\":2},\"contentChanges\":[{\"text\":\"services: {}\\n\"}]}"
      #expect(session.notify("textDocument/didChange", change).isEmpty, "\(path)")
    }
    let symbols = session.request("workspace/symbol", "{\"query\":\"employees\"}")["result"]?.arrayValue ?? []
    #expect(symbols.compactMap { $0["location"]?["uri"]?.stringValue } == [Session.workgroupsURI])
    // A definition of the workspace is still checked when opened.
    let inside = Self.open(&session, "/ws/definitions/sub/more.yaml", duplicate)
    let messages = inside.flatMap { $0["params"]?["diagnostics"]?.arrayValue ?? [] }.compactMap { $0["message"]?.stringValue }
    #expect(messages.contains("workgroup 'employees' is defined twice"))
  }

  /// A request about a document answers from the definition language only when the document
  /// is a definition of the workspace, by the rule that decides what is checked: before, a
  /// compose file open in the editor was offered dcmc's keys.
  @Test func aDocumentThatIsNotADefinitionGetsNothingFromTheLanguage() {
    var session = Session.started()
    let compose = "services:\n  web:\n    image: nginx\n"
    let range = "\"range\":{\"start\":\(Session.position(0, 0)),\"end\":\(Session.position(3, 0))}"
    for uri in [
      "file:///ws/docker-compose.yml", "file:///ws/definitions/.drafts/claims.yaml",
      "file:///other/definitions/claims.yaml", "untitled:Untitled-1",
    ] {
      if uri.hasPrefix("file://") { _ = Self.open(&session, String(uri.dropFirst(7)), compose) }
      let document = "{\"textDocument\":{\"uri\":\"\(uri)\"}"
      let requests = [
        ("textDocument/completion", Session.at(uri, 3, 0)), ("textDocument/hover", Session.at(uri, 0, 2)),
        ("textDocument/definition", Session.at(uri, 0, 2)), ("textDocument/references", Session.at(uri, 0, 2)),
        ("textDocument/rename", document + ",\"position\":\(Session.position(0, 2)),\"newName\":\"x\"}"),
        ("textDocument/documentSymbol", document + "}"),
        ("textDocument/codeAction", document + ",\(range),\"context\":{\"diagnostics\":[]}}"),
      ]
      for (method, params) in requests {
        let answer = session.request(method, params)
        let text = String(decoding: answer.compact(), as: UTF8.self)
        #expect(answer["result"]?.isNull == true, "\(method) on \(uri): \(text)")
      }
    }
    // A definition of the workspace, even one not yet on disk, is still offered its keys.
    _ = Self.open(&session, "/ws/definitions/new.yaml", "")
    let keys = session.request("textDocument/completion", Session.at("file:///ws/definitions/new.yaml", 0, 0))
    #expect(keys["result"]?["items"]?.arrayValue.compactMap { $0["label"]?.stringValue } == ["kind"])
  }

  @Test func aFolderThatCannotBeReadIsToldAndTheOthersStillCount() {
    var files = Session.files
    files["/ws/definitions/private/secret.yaml"] = "kind: Workgroup\nid: secret\nmembers: [ann]\n"
    var session = Session(files: files, unreadable: ["/ws/definitions/private"])
    let answers = session.send(
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"rootUri\":\"file:///ws\",\"capabilities\":{}}}")
    #expect(answers.count == 2)
    #expect(answers.first?["id"]?.intValue == 1)
    let shown = answers.last
    #expect(shown?["method"]?.stringValue == "window/showMessage")
    #expect(shown?["params"]?["type"]?.intValue == 2)
    #expect(
      shown?["params"]?["message"]?.stringValue?.hasPrefix(
        "dcmc: cannot read '/ws/definitions/private': permission denied. The definitions there are not checked") == true)
    // The readable files are the workspace: the case type's references resolve, nothing is published.
    #expect(session.notify("initialized").isEmpty)
    let symbols = session.request("workspace/symbol", "{\"query\":\"employees\"}")["result"]?.arrayValue ?? []
    #expect(symbols.compactMap { $0["location"]?["uri"]?.stringValue } == [Session.workgroupsURI])
  }

  @Test func withoutARootFolderTheDefinitionsFolderThatHoldsTheDocumentIsTheWorkspace() {
    var session = Session()
    _ = session.request("initialize", "{\"rootUri\":null,\"capabilities\":{}}")
    _ = session.notify("initialized")
    // Outside any definitions/ folder: not checked.
    #expect(Self.open(&session, "/elsewhere/compose.yml", "services: {}\n").isEmpty)
    // The case type refers to the workgroup and the calendar of its folder: no "unknown ...".
    #expect(Self.open(&session, "/ws/definitions/claims.yaml", Session.claims).isEmpty)
    let broken = Self.open(&session, "/ws/definitions/workgroups.yaml", "kind: Workgroup\nid: staff\nmembers: [ann]\n")
    #expect(broken.map { $0["params"]?["uri"]?.stringValue } == [Session.claimsURI])
  }
}
