import DCMCJSON
import Foundation
import DCMCLanguageServer
import Testing

/// Go to definition, references, hover and symbols over the checked workspace.
@Suite struct LanguageServerNavigationTests {
  typealias Session = LanguageServerSession

  @Test func definitionOfATargetIsTheWorkgroupInItsOwnFile() {
    var session = Session.started()
    let locations = session.request("textDocument/definition", Session.at(Session.claimsURI, 7, 20))["result"]
    #expect(locations?.arrayValue.count == 1)
    #expect(locations?.arrayValue.first?["uri"]?.stringValue == Session.workgroupsURI)
    #expect(locations?.arrayValue.first?["range"]?["start"]?["line"]?.intValue == 1)
    #expect(locations?.arrayValue.first?["range"]?["start"]?["character"]?.intValue == 4)
  }

  @Test func definitionOfATaskStartedByAnOutcomeIsTheTask() {
    var session = Session.started()
    // Line 11: "            check: { start: check }"; the second 'check' at character 28.
    let locations = session.request("textDocument/definition", Session.at(Session.claimsURI, 11, 29))["result"]
    #expect(locations?.arrayValue.first?["range"]?["start"]?["line"]?.intValue == 12)
  }

  @Test func referencesOfAWorkgroupAreItsDefinitionAndEveryTarget() {
    var session = Session.started()
    let params =
      "{\"textDocument\":{\"uri\":\"\(Session.workgroupsURI)\"},\"position\":\(Session.position(1, 6)),"
      + "\"context\":{\"includeDeclaration\":true}}"
    let locations = session.request("textDocument/references", params)["result"]?.arrayValue ?? []
    #expect(locations.map { $0["uri"]?.stringValue } == [Session.claimsURI, Session.claimsURI, Session.workgroupsURI])
    #expect(locations.map { $0["range"]?["start"]?["line"]?.intValue } == [7, 13, 1])
  }

  @Test func nothingUnderTheCursorIsNull() {
    var session = Session.started()
    #expect(session.request("textDocument/definition", Session.at(Session.claimsURI, 0, 1))["result"]?.isNull == true)
  }

  @Test func hoverOnATargetShowsTheWorkgroupsMembers() throws {
    var session = Session.started()
    let hover = try #require(session.request("textDocument/hover", Session.at(Session.claimsURI, 7, 20))["result"])
    let text = try #require(hover["contents"]?["value"]?.stringValue)
    #expect(text.contains("**workgroup** `employees`: Employees"))
    #expect(text.contains("- `bob`: french 70"))
    #expect(hover["range"]?["start"]?["character"]?.intValue == 16)
  }

  @Test func hoverOnATaskGivesItsOLAInWordsAndOnACalendarItsHoursAndZone() {
    var session = Session.started()
    let task = session.request("textDocument/hover", Session.at(Session.claimsURI, 6, 16))["result"]
    #expect(task?["contents"]?["value"]?.stringValue?.contains("OLA: 1 business day 4 hours") == true)
    let calendar = session.request("textDocument/hover", Session.at(Session.claimsURI, 2, 12))["result"]
    let text = calendar?["contents"]?["value"]?.stringValue ?? ""
    #expect(text.contains("time zone: Europe/Brussels"))
    #expect(text.contains("- Mon: 22:00-06:00"))
    #expect(text.contains("- Sat: closed"))
  }

  /// Names, descriptions and template bodies are shown as written, never as Markdown: a
  /// value cannot add a link, HTML or a heading, nor end the code block of a template body.
  @Test func hoverShowsTheDefinitionsTextLiterally() {
    var files = Session.files
    files["/ws/definitions/a.yaml"] = """
      kind: Template
      id: tpl
      name: "**bold** `x`"
      body: "Hello\\n```\\n# Not code any more\\n[click](https://example.invalid/phish)\\n``"
      ---
      kind: Workgroup
      id: wg
      name: "[Docs](https://example.invalid) <b>x</b>"
      description: "line\\n# heading\\n- item"
      members: [alice]
      """
    var session = Session(files: files)
    _ = session.start()
    let uri = "file:///ws/definitions/a.yaml"
    let template = session.request("textDocument/hover", Session.at(uri, 1, 5))["result"]?["contents"]?["value"]?.stringValue
    #expect(
      template
        == "**template** `tpl`: \\*\\*bold\\*\\* \\`x\\`\n\n````\nHello\n```\n# Not code any more\n"
        + "[click](https://example.invalid/phish)\n``\n````")
    let workgroup = session.request("textDocument/hover", Session.at(uri, 6, 5))["result"]?["contents"]?["value"]?.stringValue
    #expect(
      workgroup?.hasPrefix(
        "**workgroup** `wg`: \\[Docs\\]\\(https://example\\.invalid\\) \\<b\\>x\\</b\\>\n\nline\n\\# heading\n\\- item\n\n")
        == true)
  }

  @Test func hoverOnADiagnosticShowsItsExplanation() {
    var session = Session.started()
    let broken = Session.claims.replacingOccurrences(of: "calendar: night", with: "calendar: nite")
    _ = session.notify(
      "textDocument/didOpen",
      "{\"textDocument\":{\"uri\":\"\(Session.claimsURI)\",\"languageId\":\"yaml\",\"version\":1,\"text\":\(Session.quoted(broken))}}")
    let text = session.request("textDocument/hover", Session.at(Session.claimsURI, 2, 12))["result"]?["contents"]?["value"]?.stringValue ?? ""
    #expect(text.contains("**calendar** `nite` is not defined"))
    #expect(text.contains("**DC3001**"))
  }

  @Test func documentSymbolsNestStagesAndTasksUnderTheCaseType() {
    var session = Session.started()
    let symbols = session.request("textDocument/documentSymbol", "{\"textDocument\":{\"uri\":\"\(Session.claimsURI)\"}}")["result"]?.arrayValue ?? []
    #expect(symbols.map { $0["name"]?.stringValue } == ["claims"])
    let stages = symbols.first?["children"]?.arrayValue ?? []
    #expect(stages.map { $0["name"]?.stringValue } == ["handling"])
    #expect(stages.first?["children"]?.arrayValue.map { $0["name"]?.stringValue } == ["handle", "check"])
  }

  @Test func workspaceSymbolsMatchTheQueryInOrder() {
    var session = Session.started()
    let symbols = session.request("workspace/symbol", "{\"query\":\"emp\"}")["result"]?.arrayValue ?? []
    #expect(symbols.map { $0["name"]?.stringValue } == ["employees"])
  }
}
