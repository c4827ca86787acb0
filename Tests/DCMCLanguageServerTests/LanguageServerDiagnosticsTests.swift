import DCMCJSON
import DCMCLanguageServer
import Testing

/// Diagnostics as the analyst types: published per file with LSP ranges, codes, links to
/// the explanation and notes as related information; cleared when the file is fixed.
@Suite struct LanguageServerDiagnosticsTests {
  typealias Session = LanguageServerSession

  static func open(_ session: inout Session, _ text: String, uri: String = Session.claimsURI) -> [JSONValue] {
    session.notify(
      "textDocument/didOpen",
      "{\"textDocument\":{\"uri\":\"\(uri)\",\"languageId\":\"yaml\",\"version\":1,\"text\":\(Session.quoted(text))}}")
  }

  static func change(_ session: inout Session, _ range: String, _ text: String, version: Int = 2) -> [JSONValue] {
    session.notify(
      "textDocument/didChange",
      "{\"textDocument\":{\"uri\":\"\(Session.claimsURI)\",\"version\":\(version)},"
        + "\"contentChanges\":[{\"range\":\(range),\"text\":\(Session.quoted(text))}]}")
  }

  static func range(_ start: (Int, Int), _ end: (Int, Int)) -> String {
    "{\"start\":\(Session.position(start.0, start.1)),\"end\":\(Session.position(end.0, end.1))}"
  }

  @Test func theCleanReferenceWorkspacePublishesNothing() {
    var session = Session()
    #expect(session.start().isEmpty)
  }

  @Test func anEditThatBreaksAReferenceIsPublishedWithRangeCodeLinkAndNoteAndClearedWhenFixed() throws {
    var session = Session()
    _ = session.start()
    #expect(Self.open(&session, Session.claims).isEmpty)
    // Line 7 is "        target: employees": replace "employees" (characters 16..<25) with "employes".
    let broken = Self.change(&session, Self.range((7, 16), (7, 25)), "employes")
    #expect(broken.count == 1)
    let params = try #require(broken.first?["params"])
    #expect(params["uri"]?.stringValue == Session.claimsURI)
    #expect(params["version"]?.intValue == 2)
    let diagnostic = try #require(params["diagnostics"]?.arrayValue.first)
    #expect(diagnostic["code"]?.stringValue == "DC3002")
    #expect(diagnostic["severity"]?.intValue == 1)
    #expect(diagnostic["codeDescription"]?["href"]?.stringValue == "dcmc:explain/DC3002")
    #expect(diagnostic["range"]?["start"]?["line"]?.intValue == 7)
    #expect(diagnostic["range"]?["start"]?["character"]?.intValue == 16)
    #expect(diagnostic["range"]?["end"]?["character"]?.intValue == 24)
    let related = try #require(diagnostic["relatedInformation"]?.arrayValue.first)
    #expect(related["location"]?["uri"]?.stringValue == Session.workgroupsURI)
    #expect(related["location"]?["range"]?["start"]?["line"]?.intValue == 1)

    let fixed = Self.change(&session, Self.range((7, 16), (7, 24)), "employees", version: 3)
    #expect(fixed.count == 1)
    #expect(fixed.first?["params"]?["diagnostics"]?.arrayValue.isEmpty == true)
    #expect(Self.change(&session, Self.range((0, 0), (0, 0)), "", version: 4).isEmpty)
  }

  @Test func anErrorInAnotherFileIsPublishedForThatFile() {
    var session = Session()
    _ = session.start()
    // Deleting the workgroup breaks both targets of claims.yaml, which is not open.
    let published = Self.open(&session, "kind: Workgroup\nid: staff\nmembers: [ann]\n", uri: Session.workgroupsURI)
    #expect(published.map { $0["params"]?["uri"]?.stringValue } == [Session.claimsURI])
    #expect(published.first?["params"]?["diagnostics"]?.arrayValue.count == 2)
  }

  @Test func closingADocumentFallsBackToTheFileOnDisk() {
    var session = Session()
    _ = session.start()
    _ = Self.open(&session, "kind: Workgroup\nid: staff\nmembers: [ann]\n", uri: Session.workgroupsURI)
    let closed = session.notify("textDocument/didClose", "{\"textDocument\":{\"uri\":\"\(Session.workgroupsURI)\"}}")
    #expect(closed.first?["params"]?["diagnostics"]?.arrayValue.isEmpty == true)
  }

  @Test func strictPublishesWarningsAsErrors() {
    let text = "kind: Workgroup\nid: employees\nmembers: []\n"
    for strict in [false, true] {
      var session = Session(strict: strict)
      _ = session.start()
      let published = Self.open(&session, text, uri: Session.workgroupsURI)
      let severities = published.flatMap { $0["params"]?["diagnostics"]?.arrayValue ?? [] }
        .filter { $0["code"]?.stringValue == "DC7003" }.map { $0["severity"]?.intValue }
      #expect(severities == [strict ? 1 : 2])
    }
  }

  @Test func theExplainURLIsAClientOption() {
    var session = Session()
    _ = session.request(
      "initialize",
      "{\"rootUri\":\"file:///ws\",\"initializationOptions\":{\"explainURL\":\"https://docs.example/{code}.html\"}}")
    _ = session.notify("initialized")
    let published = Self.open(&session, "kind: Workgroup\nid: employees\nmembers: []\n", uri: Session.workgroupsURI)
    let href = published.first?["params"]?["diagnostics"]?.arrayValue.first?["codeDescription"]?["href"]?.stringValue
    #expect(href == "https://docs.example/DC7003.html")
  }
}

extension LanguageServerDiagnosticsTests {
  @Test func aCheckMadeForARequestIsStillPublished() {
    var session = Session()
    _ = session.start()
    let open = "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"\(Session.workgroupsURI)\",\"languageId\":\"yaml\",\"version\":1,\"text\":\(Session.quoted("kind: Workgroup\nid: staff\nmembers: [ann]\n"))}}}"
    #expect(session.server.receive(.body(Array(open.utf8))).isEmpty)
    let hover = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"textDocument/hover\",\"params\":\(Session.at(Session.claimsURI, 7, 20))}"
    #expect(session.server.receive(.body(Array(hover.utf8))).count == 1)
    #expect(session.server.publishDiagnostics().map { $0["params"]?["uri"]?.stringValue } == [Session.claimsURI])
  }
}
