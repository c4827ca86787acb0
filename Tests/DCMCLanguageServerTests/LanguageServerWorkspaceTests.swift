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
}
