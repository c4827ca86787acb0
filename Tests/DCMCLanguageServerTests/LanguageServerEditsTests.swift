import DCMCJSON
import DCMCLanguageServer
import Testing

/// Rename and the fix-its as code actions: workspace edits computed over the index.
@Suite struct LanguageServerEditsTests {
  typealias Session = LanguageServerSession

  static func rename(_ session: inout Session, _ uri: String, _ line: Int, _ character: Int, to name: String) -> JSONValue {
    session.request(
      "textDocument/rename",
      "{\"textDocument\":{\"uri\":\"\(uri)\"},\"position\":\(Session.position(line, character)),\"newName\":\"\(name)\"}")
  }

  @Test func renamingAWorkgroupEditsItsDefinitionAndEveryUse() throws {
    var session = Session.started()
    let changes = try #require(Self.rename(&session, Session.claimsURI, 7, 20, to: "staff")["result"]?["changes"])
    let inClaims = changes[Session.claimsURI]?.arrayValue ?? []
    #expect(inClaims.map { $0["range"]?["start"]?["line"]?.intValue } == [7, 13])
    #expect(inClaims.allSatisfy { $0["newText"]?.stringValue == "staff" })
    #expect(changes[Session.workgroupsURI]?.arrayValue.first?["range"]?["start"]?["line"]?.intValue == 1)
  }

  @Test func aQuotedIdStaysQuoted() throws {
    var files = Session.files
    files["/ws/definitions/claims.yaml"] = Session.claims.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0 == "calendar: night" ? "calendar: \"night\"" : String($0) }.joined(separator: "\n")
    var session = Session(files: files)
    _ = session.start()
    let changes = try #require(Self.rename(&session, Session.claimsURI, 2, 12, to: "day")["result"]?["changes"])
    #expect(changes[Session.claimsURI]?.arrayValue.first?["newText"]?.stringValue == "\"day\"")
    #expect(changes["file:///ws/definitions/calendars.yaml"]?.arrayValue.first?["newText"]?.stringValue == "day")
  }

  @Test func renamingToAnInvalidIdIsRefused() {
    var session = Session.started()
    let result = Self.rename(&session, Session.claimsURI, 7, 20, to: "9lives")
    #expect(result["error"]?["code"]?.intValue == -32803)
    #expect(result["error"]?["message"]?.stringValue == "invalid id '9lives'")
  }

  @Test func aFixItIsAQuickFixWhoseEditRepairsTheFile() throws {
    var session = Session.started()
    let broken = Session.claims.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0 == "        target: employees" ? "        target: employes" : String($0) }.joined(separator: "\n")
    _ = session.notify(
      "textDocument/didOpen",
      "{\"textDocument\":{\"uri\":\"\(Session.claimsURI)\",\"languageId\":\"yaml\",\"version\":1,\"text\":\(Session.quoted(broken))}}")
    let range = "{\"start\":\(Session.position(7, 0)),\"end\":\(Session.position(7, 30))}"
    let actions = session.request(
      "textDocument/codeAction", "{\"textDocument\":{\"uri\":\"\(Session.claimsURI)\"},\"range\":\(range),\"context\":{\"diagnostics\":[]}}"
    )["result"]?.arrayValue ?? []
    let action = try #require(actions.first)
    #expect(actions.count == 1)
    #expect(action["title"]?.stringValue == "replace 'employes' with 'employees'")
    #expect(action["kind"]?.stringValue == "quickfix")
    let edit = try #require(action["edit"]?["changes"]?[Session.claimsURI]?.arrayValue.first)
    #expect(edit["newText"]?.stringValue == "employees")
    #expect(edit["range"]?["start"]?["character"]?.intValue == 16)
    #expect(edit["range"]?["end"]?["character"]?.intValue == 24)
  }
}
